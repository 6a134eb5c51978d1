"""Celery tasks: thin callers of the evidence services; they take ids and return quietly if the row is gone."""
from __future__ import annotations

import logging

from celery import shared_task

from claims.models import Claim
from evidence import services
from evidence.pubmed import PubMedUnavailable

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def refresh_claim(claim_id: int) -> str | None:
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return None  # deleted since it was queued
    try:
        outcome = services.refresh_claim(claim=claim)
    except PubMedUnavailable as exc:
        # The service rescheduled the claim and kept its grade; the periodic scan picks it up again.
        logger.warning("PubMed unavailable refreshing claim %s: %s", claim_id, exc)
        return None
    return Claim.objects.values_list("grade", flat=True).get(pk=outcome.claim_id)
