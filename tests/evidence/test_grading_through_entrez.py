"""The bar: grading the five sample articles through the live (Entrez) path survives NCBI's faults and outages.

`grade_article` runs against the local E-utilities server holding the snapshot's records, over
the real Bio.Entrez and urllib path: with every fault kind injected into 30% of requests it must
end with exactly the grades and citations of a fault-free run, and of the snapshot source;
with the server down it must exit 3 quickly and leave every grade as it was.
"""

from __future__ import annotations

import io
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from pytest_django.fixtures import Settings

from claims.models import Claim
from evidence import tasks
from evidence.enums import ClaimType
from tests.eutils_server import TRANSIENT_FAULT_KINDS, EutilsServer

ARTICLES = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "fixtures" / "articles").glob("*.txt"))


def grade(*paths: str) -> tuple[int, dict[str, Any], str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("grade_article", *paths, "--json", stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = int(exc.code or 0)
    return status, json.loads(out.getvalue()), err.getvalue()


def grade_in_a_fresh_database() -> dict[str, Any]:
    """Grade the sample articles from an empty database, then roll every row back."""
    with transaction.atomic():
        status, document, stderr = grade(*ARTICLES)
        transaction.set_rollback(True)
    assert status == 0, stderr
    return document


def outcome(document: dict[str, Any]) -> dict[str, tuple[object, ...]]:
    """Per claim: its grades, verdict, explanation and the set of its citations as readers see them."""
    return {
        claim["key"]: (
            claim["grade"], claim["computed_grade"], claim["verdict"], claim["explanation"], claim["overstated"],
            frozenset(
                (c["pmid"], c["title"], c["year"], c["design"], c["direct"], c["stance"], c["retracted"])
                for c in claim["citations"]
            ),
        )
        for claim in document["claims"]
    }  # fmt: skip


@pytest.fixture
def grading_through_entrez(entrez_settings: Settings) -> Settings:
    entrez_settings.PUBMED_MAX_ATTEMPTS = 10
    entrez_settings.PUBMED_READ_TIMEOUT = 0.3  # a "slow" answer is held for 2 s: it times out and is retried
    return entrez_settings


@pytest.mark.django_db
def test_grades_and_citations_under_a_30_percent_fault_rate_equal_a_fault_free_run_and_the_snapshot(
    grading_through_entrez: Settings, eutils_server: EutilsServer
) -> None:
    grading_through_entrez.PUBMED_SOURCE = "snapshot"
    from_snapshot = grade_in_a_fresh_database()
    grading_through_entrez.PUBMED_SOURCE = "entrez"
    fault_free = grade_in_a_fresh_database()
    fault_free_requests = len(eutils_server.requests)
    assert fault_free_requests and not any(r.fault for r in eutils_server.requests)
    eutils_server.fault_rate(0.3, seed=2024, rotate_kinds=True)

    faulty = grade_in_a_fresh_database()

    assert outcome(faulty) == outcome(fault_free) == outcome(from_snapshot)
    assert any(c["grade"] not in (None, "none") for c in faulty["claims"])  # there were grades to lose
    assert {c["source"] for claim in faulty["claims"] for c in claim["citations"]} == {"entrez"}
    requests = eutils_server.requests[fault_free_requests:]
    faults = Counter(r.fault for r in requests if r.fault)
    assert set(faults) == set(TRANSIENT_FAULT_KINDS)  # every kind met, at least once
    assert faults.total() / len(requests) == pytest.approx(0.3, abs=0.1)


@pytest.mark.django_db
def test_with_the_server_down_grading_exits_3_fast_and_every_previous_grade_stays(
    grading_through_entrez: Settings, eutils_server: EutilsServer
) -> None:
    grading_through_entrez.PUBMED_SOURCE = "snapshot"
    status, graded, _ = grade(*ARTICLES)
    assert status == 0
    before = dict(Claim.objects.values_list("key", "grade"))
    assert set(before.values()) - {None, "none"}  # some grades above "none" to protect
    eutils_server.stop()  # down: connections are refused
    grading_through_entrez.PUBMED_SOURCE = "entrez"
    grading_through_entrez.PUBMED_BACKOFF_SECONDS = 0.05
    grading_through_entrez.PUBMED_RETRY_BUDGET_SECONDS = 0.5
    grading_through_entrez.PUBMED_BREAKER_THRESHOLD = 2

    status, document, stderr = grade(*ARTICLES)

    assert status == 3 and "PubMed unavailable" in stderr
    assert dict(Claim.objects.values_list("key", "grade")) == before
    assert outcome(document) == outcome(graded)

    # A refresh of every claim in the same process: the breaker opens after the second failure,
    # so the other claims fail fast instead of each spending the retry budget.
    graded_types = [claim_type.value for claim_type in ClaimType if claim_type.graded]
    graded_claims = list(Claim.objects.filter(claim_type__in=graded_types).values_list("pk", flat=True))
    assert len(graded_claims) > 10
    started = time.monotonic()
    for claim_id in graded_claims:
        assert tasks.refresh_claim(claim_id) is None  # PubMed unavailable: the task returns quietly
    assert time.monotonic() - started < 3.0  # about one budget (0.5 s) spent, not one per claim
    assert dict(Claim.objects.values_list("key", "grade")) == before
