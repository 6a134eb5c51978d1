"""Writes for evidence: store PubMed records, cite them on claims, grade claims, record every change."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from claims.models import Claim, Condition
from evidence import designs, grading, queries, relevance
from evidence.concepts import ClaimConcepts, Concept
from evidence.enums import (
    AssertedEvidence,
    ClaimType,
    CuratorDecision,
    Design,
    Direction,
    GradeChangeCause,
    RecordSource,
    Stance,
)
from evidence.models import Citation, GradeChange, PubMedRecord, RefreshRun
from evidence.pubmed import Article, PubMedUnavailable, get_client

logger = logging.getLogger(__name__)

REFRESH_INTERVAL = timedelta(days=1)
RETRY_AFTER_FAILURE = timedelta(hours=1)


@dataclass(frozen=True)
class RefreshOutcome:
    claim_id: int
    query: str
    requests: int
    new_records: int
    grade_changed: bool
    missing: tuple[str, ...] = ()  # PMIDs PubMed found but would not return (deleted or withdrawn records)


def claim_concepts(claim: Claim) -> ClaimConcepts:
    condition = claim.condition
    return ClaimConcepts(
        claim_type=ClaimType(claim.claim_type),
        direction=Direction(claim.direction),
        intervention=_concept(claim.intervention),
        condition=_concept(condition) if condition else None,
        broader=tuple(_concept(c) for c in _closure(condition, "broader")) if condition else (),
        narrower=tuple(_concept(c) for c in _closure(condition, "narrower")) if condition else (),
        effect=claim.effect,
    )


def _concept(term: object) -> Concept:
    return Concept(name=term.name, synonyms=tuple(term.synonyms), mesh=tuple(term.mesh_headings))  # type: ignore[attr-defined]


def _closure(condition: Condition, relation: str) -> list[Condition]:
    """All broader (or narrower) conditions, transitively: fibromyalgia → chronic pain → pain."""
    found: dict[int, Condition] = {}
    frontier = [condition]
    while frontier:
        step = Condition.objects.filter(**{f"{'narrower' if relation == 'broader' else 'broader'}__in": frontier})
        frontier = [c for c in step if c.pk not in found and c.pk != condition.pk]
        found.update((c.pk, c) for c in frontier)
    return sorted(found.values(), key=lambda c: c.name)


@dataclass(frozen=True)
class Found:
    """What one claim's search brought back."""

    records: list[PubMedRecord] = field(default_factory=list)
    requests: int = 0
    new_records: int = 0
    missing: tuple[str, ...] = ()
    searched_through: date | None = None  # live searches only: the snapshot has no entrez dates


def refresh_claim(*, claim: Claim, run: RefreshRun | None = None) -> RefreshOutcome:
    """Search PubMed for a claim, store and cite what bears on it, regrade. On PubMedUnavailable the claim
    keeps its citations and grade, is rescheduled, and the error propagates to the caller."""
    concepts = claim_concepts(claim)
    query = queries.build_query(concepts) if concepts.claim_type.graded else ""
    found = Found()
    if query:
        try:
            found = search_and_fetch(claim=claim, query=query)
        except PubMedUnavailable:
            Claim.objects.filter(pk=claim.pk).update(next_refresh_at=timezone.now() + RETRY_AFTER_FAILURE)
            raise
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        new_pmids = cite_records(claim=claim, concepts=concepts, records=found.records)
        changed = regrade_claim(claim=claim, cause=GradeChangeCause.NEW_RECORD, run=run, pmids=new_pmids)
        now = timezone.now()
        Claim.objects.filter(pk=claim.pk).update(
            last_refreshed_at=now,
            next_refresh_at=now + REFRESH_INTERVAL,
            last_query=query,
            searched_through=found.searched_through,  # the watermark moves only after a whole success
        )
    return RefreshOutcome(claim.pk, query, found.requests, found.new_records, changed, found.missing)


def search_and_fetch(*, claim: Claim, query: str) -> Found:
    """Live searches are incremental (records entered since the last successful search of the same query,
    with a day's overlap); only PMIDs not yet stored, or stored from the offline snapshot, are fetched."""
    client = get_client()
    live = client.source == "entrez"
    searched_on = timezone.localdate()
    mindate = None
    if live and claim.searched_through is not None and claim.last_query == query:
        mindate = claim.searched_through - timedelta(days=1)
    result = client.search(query, mindate=mindate)
    known = {r.pmid: r for r in PubMedRecord.objects.filter(pmid__in=result.pmids)}
    wanted = [p for p in result.pmids if p not in known or (live and known[p].source == RecordSource.SNAPSHOT)]
    fetched = client.fetch(wanted) if wanted else None
    stored, created = store_records(fetched.articles if fetched else ())
    kept = [record for pmid, record in known.items() if pmid not in wanted]
    return Found(
        records=kept + stored,
        requests=result.requests + (fetched.requests if fetched else 0),
        new_records=created,
        missing=fetched.missing if fetched else (),
        searched_through=searched_on if live else None,
    )


def store_records(articles: Iterable[Article]) -> tuple[list[PubMedRecord], int]:
    """Upsert records on PMID, reading each one's design. A snapshot record never replaces a live one."""
    stored, created_count = [], 0
    for article in articles:
        existing = PubMedRecord.objects.filter(pmid=article.pmid).first()
        if existing is not None and existing.source == "entrez" and article.source == "snapshot":
            stored.append(existing)
            continue
        reading = designs.classify(
            publication_types=article.publication_types,
            mesh_terms=[m.descriptor for m in article.mesh_terms],
            title=article.title,
            abstract=article.abstract,
        )
        record, created = PubMedRecord.objects.update_or_create(
            pmid=article.pmid, defaults=_record_fields(article, reading)
        )
        stored.append(record)
        created_count += created
    return stored, created_count


def _record_fields(article: Article, reading: designs.DesignReading) -> dict[str, object]:
    return {
        "title": article.title,
        "abstract": article.abstract,
        "journal": article.journal,
        "year": article.year,
        "entrez_date": article.entrez_date,
        "publication_types": list(article.publication_types),
        "mesh_terms": [{"descriptor": m.descriptor, "major": m.major} for m in article.mesh_terms],
        "keywords": list(article.keywords),
        "doi": article.doi or "",
        "design": reading.design.value,
        "design_signals": [
            {"source": s.source, "cue": s.cue, "design": s.design.value} for s in reading.signals
        ],
        "retracted": article.retracted,
        "indexed": article.indexed,
        "source": article.source,
        "abstract_is_paraphrase": article.abstract_is_paraphrase,
    }


def cite_records(*, claim: Claim, concepts: ClaimConcepts, records: Iterable[PubMedRecord]) -> list[str]:
    """Create or update citations for relevant records; curator fields are never written here.

    Records already cited are judged again with today's rules: a pending citation that no longer bears
    on the claim is removed, one a curator accepted stays. Returns the PMIDs newly cited."""
    by_pk = {record.pk: record for record in records}
    for citation in claim.citations.select_related("record"):
        by_pk.setdefault(citation.record.pk, citation.record)
    new_pmids = []
    for record in by_pk.values():
        judged = relevance.assess(_record_text(record), concepts)
        if not judged.relevant:
            claim.citations.filter(record=record, curator_decision=CuratorDecision.PENDING).delete()
            continue
        _, created = Citation.objects.update_or_create(
            claim=claim,
            record=record,
            defaults={"relevance": judged.score, "direct": judged.direct, "suggested_stance": judged.stance.value},
        )
        if created:
            new_pmids.append(record.pmid)
    return new_pmids


def _record_text(record: PubMedRecord) -> relevance.RecordText:
    return relevance.RecordText(
        title=record.title,
        abstract=record.abstract,
        mesh=tuple(m["descriptor"] for m in record.mesh_terms),
        keywords=tuple(record.keywords),
    )


def regrade_claim(
    *,
    claim: Claim,
    cause: GradeChangeCause,
    run: RefreshRun | None = None,
    pmids: Iterable[str] = (),
) -> bool:
    """The only writer of grades: grade from citations, store the result, record any change with its cause."""
    citations = list(claim.citations.select_related("record"))
    appearances = list(claim.appearances.all())
    result = grading.grade_claim(
        claim_type=ClaimType(claim.claim_type),
        citations=[_facts(c) for c in citations],
        asserted=[AssertedEvidence(a.asserted_evidence) for a in appearances],
    )
    old_grade, old_verdict = claim.grade, claim.verdict
    never_graded = claim.computed_grade is None and not claim.grade_changes.exists()
    claim.computed_grade = result.computed_grade.value if result.computed_grade else None
    claim.grade = claim.override_grade or claim.computed_grade
    claim.verdict = result.verdict.value if result.verdict else None
    claim.explanation = result.explanation
    claim.best_indirect = result.best_indirect
    claim.overstated = result.overstated
    claim.save(update_fields=["computed_grade", "grade", "verdict", "explanation", "best_indirect", "overstated"])
    for appearance, judged in zip(appearances, result.appearances, strict=True):
        if appearance.overstated != judged.overstated:
            appearance.overstated = judged.overstated
            appearance.save(update_fields=["overstated"])
    if (old_grade, old_verdict) == (claim.grade, claim.verdict):
        return False
    GradeChange.objects.create(
        claim=claim,
        old_grade=old_grade,
        new_grade=claim.grade,
        old_verdict=old_verdict,
        new_verdict=claim.verdict,
        cause=GradeChangeCause.FIRST_GRADE if never_graded else cause,
        pmids=sorted(set(pmids) | set(result.counted_pmids)) if never_graded else sorted(set(pmids)),
        refresh_run=run,
    )
    return True


def _facts(citation: Citation) -> grading.CitationFacts:
    return grading.CitationFacts(
        pmid=citation.record.pmid,
        design=Design(citation.record.design),
        direct=citation.direct,
        stance=Stance(citation.stance),
        retracted=citation.record.retracted,
        rejected=citation.curator_decision == CuratorDecision.REJECTED,
        year=citation.record.year,
    )


def start_run() -> RefreshRun:
    return RefreshRun.objects.create()


def finish_run(run: RefreshRun, outcomes: list[RefreshOutcome], errors: list[str]) -> RefreshRun:
    run.finished_at = timezone.now()
    run.claims = len(outcomes)
    run.requests = sum(o.requests for o in outcomes)
    run.new_records = sum(o.new_records for o in outcomes)
    run.grade_changes = sum(o.grade_changed for o in outcomes)
    missing = sorted({pmid for o in outcomes for pmid in o.missing})
    run.errors = errors + ([f"PMIDs found by search but not returned by efetch: {', '.join(missing)}"] if missing else [])
    run.save()
    return run
