"""Reads for claims: the claim document that the command line and the API describe."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from claims.models import Appearance, Claim
from evidence.enums import ASSERTED_RANK, AssertedEvidence
from evidence.models import Citation


def claims_with_evidence(claim_ids: Iterable[int]) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(pk__in=list(claim_ids))
        .select_related("intervention", "condition")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("record").order_by("record__pmid")),
            Prefetch("appearances", queryset=Appearance.objects.select_related("article")),
        )
        .order_by("claim_type", "statement")
    )


def strongest_asserted(claim: Claim) -> str:
    levels = [AssertedEvidence(a.asserted_evidence) for a in claim.appearances.all()]
    return max(levels, key=lambda level: ASSERTED_RANK[level], default=AssertedEvidence.NONE).value


def claim_document(claim: Claim) -> dict[str, Any]:
    """Every citation (counted and indirect; `direct` tells them apart) and every appearance."""
    return {
        "key": claim.key,
        "slug": claim.slug,
        "statement": claim.statement,
        "intervention": claim.intervention.name,
        "condition": claim.condition.name if claim.condition else None,
        "claim_type": claim.claim_type,
        "graded": claim.graded,
        "grade": claim.grade if claim.graded else None,
        "computed_grade": claim.computed_grade if claim.graded else None,
        "verdict": claim.verdict if claim.graded else None,
        "explanation": claim.explanation,
        "asserted_evidence": strongest_asserted(claim),
        "overstated": claim.overstated,
        "last_refreshed_at": claim.last_refreshed_at.isoformat() if claim.last_refreshed_at else None,
        "citations": [citation_document(c) for c in claim.citations.all()],
        "appearances": [appearance_document(a) for a in claim.appearances.all()],
    }


def citation_document(citation: Citation) -> dict[str, Any]:
    return {
        "pmid": citation.record.pmid,
        "title": citation.record.title,
        "year": citation.record.year,
        "design": citation.record.design,
        "direct": citation.direct,
        "stance": citation.stance,
        "retracted": citation.record.retracted,
        "reviewed": citation.reviewed,
        "source": citation.record.source,
    }


def appearance_document(appearance: Appearance) -> dict[str, Any]:
    article = appearance.article
    return {
        "article": {"title": article.title or None, "path": article.path or None, "url": article.url or None},
        "quote": appearance.quote,
        "start": appearance.start,
        "end": appearance.end,
        "asserted_evidence": appearance.asserted_evidence,
        "cue_words": appearance.cue_words,
        "hedged": appearance.hedged,
        "overstated": appearance.overstated,
    }
