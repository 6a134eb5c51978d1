"""`manage.py grade_article`: from article files to graded claims, as a fact-checker runs it."""
import io
import json
import socket
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Appearance, Article, Claim
from evidence.models import GradeChange

ARTICLES = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "fixtures" / "articles").glob("*.txt"))
TRIAL_GRADES = {"controlled_trial", "rct", "systematic_review"}


def grade(*paths: str) -> tuple[int, dict | str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("grade_article", *paths, "--json", stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = int(exc.code)
    return status, json.loads(out.getvalue()), err.getvalue()


@pytest.fixture
def graded(db):
    status, document, _ = grade(*ARTICLES)
    assert status == 0
    return document


def _find(document: dict, *, condition: str, claim_type: str = "efficacy") -> list[dict]:
    return [c for c in document["claims"] if c["condition"] == condition and c["claim_type"] == claim_type]


def test_kratom_relieves_pain_cites_the_2020_trial_and_is_graded_rct(graded):
    (pain,) = _find(graded, condition="pain")
    assert pain["grade"] == pain["computed_grade"] == "rct"
    trial = next(c for c in pain["citations"] if c["pmid"] == "32607084")
    assert trial == {**trial, "design": "rct", "direct": True, "retracted": False, "reviewed": False}


def test_claims_with_no_kratom_study_in_pubmed_are_graded_none(graded):
    for condition in ("restless legs syndrome", "fibromyalgia"):
        claims = _find(graded, condition=condition)
        assert claims, condition
        assert {c["grade"] for c in claims} == {"none"}, condition


def test_no_sleep_claim_is_graded_from_a_trial(graded):
    sleep = [c for c in graded["claims"] if "sleep" in (c["condition"] or "") or "sleep" in c["statement"].lower()]
    assert sleep
    assert not [c for c in sleep if c["grade"] in TRIAL_GRADES]


def test_claims_come_from_all_five_articles(graded):
    paths = {a["article"]["path"] for c in graded["claims"] for a in c["appearances"]}
    assert paths == set(ARTICLES)
    conditions = {c["condition"] for c in graded["claims"]}
    assert {"restless legs syndrome", "fibromyalgia", "neuropathic pain", "chronic pain", "pain"} <= conditions
    assert any("withdrawal" in (c or "") for c in conditions)


def test_the_json_document_has_the_promised_shape(graded):
    assert graded["errors"] == []
    texts = {path: Path(path).read_text(encoding="utf-8") for path in ARTICLES}
    for claim in graded["claims"]:
        assert {"key", "slug", "statement", "intervention", "condition", "claim_type", "graded", "grade",
                "computed_grade", "verdict", "asserted_evidence", "overstated", "last_refreshed_at",
                "citations", "appearances"} <= claim.keys()
        if not claim["graded"]:
            assert claim["grade"] is claim["computed_grade"] is claim["verdict"] is None
        for citation in claim["citations"]:
            assert citation["pmid"].isdigit()
            assert {"design", "direct", "stance", "retracted", "reviewed"} <= citation.keys()
        for appearance in claim["appearances"]:
            text = texts[appearance["article"]["path"]]
            assert text[appearance["start"]:appearance["end"]] == appearance["quote"]
            assert appearance["article"]["url"] is None


def test_a_claim_made_by_two_articles_is_one_claim_with_two_appearances(graded):
    shared = [c for c in graded["claims"] if len({a["article"]["path"] for a in c["appearances"]}) > 1]
    assert shared
    assert len({c["key"] for c in graded["claims"]}) == len(graded["claims"])


def test_an_overstating_article_is_flagged(graded):
    (rls,) = [c for c in _find(graded, condition="restless legs syndrome") if c["overstated"]] or [None]
    assert rls is not None
    assert any(a["overstated"] for a in rls["appearances"])


def test_grading_the_same_files_twice_changes_nothing(graded):
    counts = (Article.objects.count(), Claim.objects.count(), Appearance.objects.count(), GradeChange.objects.count())
    status, again, _ = grade(*ARTICLES)
    assert status == 0
    assert counts == (Article.objects.count(), Claim.objects.count(), Appearance.objects.count(),
                      GradeChange.objects.count())
    assert [c["grade"] for c in again["claims"]] == [c["grade"] for c in graded["claims"]]


def test_bad_files_are_reported_and_skipped_and_the_rest_processed(db, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    missing = tmp_path / "missing.txt"
    status, document, stderr = grade(str(empty), ARTICLES[0], str(binary), str(missing))
    assert status == 1
    assert [e["path"] for e in document["errors"]] == [str(empty), str(binary), str(missing)]
    for path in (empty, binary, missing):
        assert str(path) in stderr
    assert document["claims"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_pubmed_unavailable_exits_3_and_lowers_no_grade(graded, settings):
    before = dict(Claim.objects.values_list("key", "grade"))
    settings.PUBMED_SOURCE = "entrez"
    settings.PUBMED_EUTILS_URL = f"http://127.0.0.1:{_closed_port()}/entrez/eutils/"
    settings.PUBMED_API_KEY = "test-key"
    settings.PUBMED_MAX_ATTEMPTS = 2
    settings.PUBMED_BACKOFF_SECONDS = 0.01
    status, document, stderr = grade(*ARTICLES)
    assert status == 3
    assert "PubMed unavailable" in stderr
    assert dict(Claim.objects.values_list("key", "grade")) == before
    assert len(document["claims"]) == len(before)


def test_the_pain_trial_is_indirect_evidence_for_chronic_pain_and_fibromyalgia(graded):
    for condition in ("chronic pain", "fibromyalgia"):
        (claim,) = _find(graded, condition=condition)
        trial = [c for c in claim["citations"] if c["pmid"] == "32607084"]
        assert trial and trial[0]["direct"] is False, condition
        assert claim["grade"] not in TRIAL_GRADES  # the chronic-pain claim may rest on the mouse neuropathy model
        assert "Indirect evidence" in claim["explanation"] and "randomized controlled trial" in claim["explanation"]


def test_a_mouse_model_of_neuropathy_grades_the_neuropathic_pain_claim_preclinical(graded):
    (claim,) = _find(graded, condition="neuropathic pain")
    assert claim["grade"] == "preclinical"
    assert any(c["pmid"] == "35556770" and c["direct"] for c in claim["citations"])


def test_every_first_grade_is_recorded_with_its_cause(graded):
    for claim in Claim.objects.all():
        changes = list(claim.grade_changes.all())
        if claim.graded:
            assert [c.cause for c in changes] == ["first_grade"], claim.statement
            assert changes[0].new_grade == claim.grade and changes[0].refresh_run is not None
        else:
            assert changes == [], claim.statement


def test_without_json_it_prints_a_table_that_flags_overstated_claims(db):
    out = io.StringIO()
    call_command("grade_article", *ARTICLES, stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["CLAIM", "GRADE", "CITED", "ASSERTED"]
    rls = next(line for line in lines if line.startswith("Kratom relieves restless legs syndrome"))
    assert rls.split()[-4:] == ["none", "0", "controlled_trial", "OVERSTATED"]
