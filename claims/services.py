"""Writes for articles and claims: vocabulary loading and article ingestion, one transaction each."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims import fetching
from claims.extraction import ExtractedClaim, Term, Vocabulary, extract_claims, find_candidates
from claims.models import Appearance, Article, CandidateTerm, Claim, Condition, Intervention
from claims.text import ArticleError as ArticleError  # re-exported: callers catch services.ArticleError
from claims.text import ArticleText, read_article
from evidence.enums import ClaimStatus


def read_article_path(path: Path) -> ArticleText:
    """Read an article file (plain text or HTML) as it will be stored; ArticleError says why it cannot be."""
    limit = settings.ARTICLE_MAX_BYTES
    try:
        with path.open("rb") as file:
            raw = file.read(limit + 1)  # one byte over is enough to know it is too large
    except OSError as exc:
        raise ArticleError(f"cannot read file: {exc.strerror or exc}") from exc
    return read_article(raw, filename_or_content_type=path.name, max_bytes=limit)


def read_article_file(path: Path) -> str:
    """The stored text of an article file: a .txt decoded unchanged, an HTML page's extracted text."""
    return read_article_path(path).text


# --- vocabulary -------------------------------------------------------------------------------


@transaction.atomic
def load_vocabulary(*, data: dict[str, Any]) -> tuple[int, int]:
    """Upsert interventions and conditions by name, then link broader terms. Safe to run twice."""
    for entry in data.get("interventions", []):
        Intervention.objects.update_or_create(
            name=entry["name"],
            defaults={"synonyms": entry.get("synonyms", []), "mesh_headings": entry.get("mesh", [])},
        )
    conditions = {}
    for entry in data.get("conditions", []):
        conditions[entry["name"]], _ = Condition.objects.update_or_create(
            name=entry["name"],
            defaults={"synonyms": entry.get("synonyms", []), "mesh_headings": entry.get("mesh", [])},
        )
    for entry in data.get("conditions", []):
        broader = [conditions[b] for b in entry.get("broader", []) if b in conditions]
        conditions[entry["name"]].broader.set(broader)
    return len(data.get("interventions", [])), len(conditions)


def load_vocabulary_file(path: Path) -> tuple[int, int]:
    return load_vocabulary(data=json.loads(path.read_text(encoding="utf-8")))


def current_vocabulary() -> Vocabulary:
    """The curated vocabulary as the extractor's plain data."""
    interventions = tuple(
        Term(name=i.name, synonyms=tuple(i.synonyms), mesh=tuple(i.mesh_headings))
        for i in Intervention.objects.order_by("name")
    )
    conditions = tuple(
        Term(
            name=c.name,
            synonyms=tuple(c.synonyms),
            mesh=tuple(c.mesh_headings),
            broader=tuple(b.name for b in c.broader.all()),
        )
        for c in Condition.objects.prefetch_related("broader").order_by("name")
    )
    return Vocabulary(interventions=interventions, conditions=conditions)


# --- ingestion --------------------------------------------------------------------------------


TITLE_MAX_LENGTH = Article._meta.get_field("title").max_length or 500


@dataclass(frozen=True)
class IngestResult:
    article: Article
    claims: tuple[Claim, ...]
    created: bool


@transaction.atomic
def ingest_article(*, text: str, path: str = "", url: str = "", title: str = "") -> IngestResult:
    """Store one article version and its claims and appearances.

    Re-ingesting the same text changes nothing; a changed text at the same URL (or path) is stored
    as the next version, and earlier versions keep their appearances.
    """
    if not text.strip():
        raise ArticleError("article text is empty")
    article, created = _article_version(text=text, path=path, url=url, title=title[:TITLE_MAX_LENGTH])
    vocabulary = current_vocabulary()
    claims = tuple(_store_claim(article, extracted) for extracted in extract_claims(article.text, vocabulary))
    for candidate in find_candidates(article.text, vocabulary):
        CandidateTerm.objects.get_or_create(
            article=article, term=candidate.term, kind=candidate.kind, defaults={"quote": candidate.quote}
        )
    return IngestResult(article=article, claims=claims, created=created)


@transaction.atomic
def add_candidate_to_vocabulary(*, candidate: CandidateTerm) -> Intervention | Condition:
    """Make a candidate a vocabulary term (and mark every pending candidate with the same term added).
    Articles already ingested are not re-read here; ingesting them again finds the new claims."""
    model: type[Intervention] | type[Condition] = (
        Intervention if candidate.kind == CandidateTerm.Kind.INTERVENTION else Condition
    )
    term, _ = model.objects.get_or_create(name=candidate.term.strip().lower())
    CandidateTerm.objects.filter(term__iexact=candidate.term, kind=candidate.kind).update(
        status=CandidateTerm.Status.ADDED
    )
    return term


def _article_version(*, text: str, path: str, url: str, title: str) -> tuple[Article, bool]:
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not (url or path):  # nothing says which article this is a version of: one row per distinct text
        return Article.objects.get_or_create(sha256=sha256, path="", url="", defaults={"text": text, "title": title})
    latest = Article.objects.versions_of(url=url, path=path).select_for_update().first()
    if latest is not None and latest.sha256 == sha256:
        return latest, False
    article = Article.objects.create(
        url=url, path=path, text=text, title=title, sha256=sha256,
        version=latest.version + 1 if latest else 1, previous=latest,
    )
    return article, True


def _store_claim(article: Article, extracted: ExtractedClaim) -> Claim:
    existing = Claim.objects.filter(key=extracted.key).first()
    if existing is not None:
        claim = existing
    else:
        claim = Claim.objects.create(
            key=extracted.key,
            slug=Claim.objects.unique_slug(extracted.statement),
            statement=extracted.statement,
            intervention=Intervention.objects.get(name=extracted.intervention),
            condition=Condition.objects.filter(name=extracted.condition).first() if extracted.condition else None,
            effect=extracted.effect,
            direction=extracted.direction.value,
            claim_type=extracted.claim_type.value,
        )
    while claim.merged_into is not None:  # a merged claim's appearances belong to the claim it became
        claim = claim.merged_into
    for appearance in extracted.appearances:
        Appearance.objects.get_or_create(
            article=article,
            claim=claim,
            start=appearance.start,
            defaults={
                "end": appearance.end,
                "quote": appearance.quote,
                "asserted_evidence": appearance.asserted_evidence.value,
                "cue_words": list(appearance.cue_words),
                "hedged": appearance.hedged,
            },
        )
    return claim


def ingest_url(*, url: str) -> IngestResult:
    """Fetch a page (checked against server-side request forgery) and ingest it under its canonical URL.

    Raises ArticleError (fetching.FetchError, FetchRefused among them) before anything is written.
    """
    page = fetching.fetch(url, _fetch_policy())
    article = read_article(
        page.body, filename_or_content_type=page.content_type, max_bytes=settings.ARTICLE_MAX_BYTES, base_url=page.url
    )
    stored_url = fetching.article_url(page.url, article.canonical_url)
    return ingest_article(text=article.text, url=stored_url, title=article.title)


def _fetch_policy() -> fetching.FetchPolicy:
    return fetching.FetchPolicy(
        connect_timeout=settings.INGEST_CONNECT_TIMEOUT,
        read_timeout=settings.INGEST_READ_TIMEOUT,
        total_timeout=settings.INGEST_TOTAL_TIMEOUT,
        max_bytes=settings.ARTICLE_MAX_BYTES,
        max_redirects=settings.INGEST_MAX_REDIRECTS,
        allow_loopback=settings.INGEST_ALLOW_LOOPBACK,
    )


# --- publishing -------------------------------------------------------------------------------


@transaction.atomic
def publish_reviewed(*, editor: Any, claims: Iterable[Claim] | None = None) -> int:
    """Record the editor as reviewer and publisher of draft claims (the demo's one-step curation)."""
    now = timezone.now()
    queryset = Claim.objects.filter(status=ClaimStatus.DRAFT, merged_into__isnull=True)
    if claims is not None:
        queryset = queryset.filter(pk__in=[c.pk for c in claims])
    return queryset.update(
        status=ClaimStatus.PUBLISHED,
        reviewed_by=editor,
        reviewed_at=now,
        published_by=editor,
        published_at=now,
    )
