"""Writes for articles and claims: vocabulary loading and article ingestion, one transaction each."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from claims.extraction import ExtractedClaim, Term, Vocabulary, extract_claims
from claims.models import Appearance, Article, Claim, Condition, Intervention
from evidence.enums import ClaimStatus


class ArticleError(ValueError):
    """An input that cannot be read as article text (unreadable, empty, binary)."""


MAX_ARTICLE_BYTES = 2 * 1024 * 1024


def read_article_file(path: Path) -> str:
    """Decode a text file as stored; reject what is not article text, with a reason a person can act on."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"file is larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB")
    if b"\x00" in raw:
        raise ArticleError("file is binary, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if not text.strip():
        raise ArticleError("file is empty")
    return text


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


@dataclass(frozen=True)
class IngestResult:
    article: Article
    claims: tuple[Claim, ...]
    created: bool


@transaction.atomic
def ingest_article(*, text: str, path: str = "", url: str = "", title: str = "") -> IngestResult:
    """Store one article version and its claims and appearances. Re-ingesting the same text changes nothing."""
    if not text.strip():
        raise ArticleError("article text is empty")
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    article, created = Article.objects.get_or_create(
        sha256=sha256, path=path, url=url, defaults={"text": text, "title": title}
    )
    vocabulary = current_vocabulary()
    claims = tuple(_store_claim(article, extracted) for extracted in extract_claims(article.text, vocabulary))
    return IngestResult(article=article, claims=claims, created=created)


def _store_claim(article: Article, extracted: ExtractedClaim) -> Claim:
    existing = Claim.objects.filter(key=extracted.key).first()
    if existing is not None:
        claim = existing
    else:
        claim = Claim.objects.create(
            key=extracted.key,
            slug=_unique_slug(extracted.statement),
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


def _unique_slug(statement: str) -> str:
    base = slugify(statement)[:280] or "claim"
    slug, n = base, 2
    while Claim.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


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
