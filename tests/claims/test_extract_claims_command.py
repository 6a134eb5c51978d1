"""`manage.py extract_claims`: what an article claims, from the vocabulary fixture, without a database."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from claims import services
from claims.models import Article, Claim
from evidence.enums import AssertedEvidence, ClaimType

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
ARTICLES = sorted(str(p) for p in (ROOT / "fixtures" / "articles").glob("*.txt"))
HTML_PAGE = str(DATA / "kratom-article.html")
LATIN1 = str(DATA / "kratom-latin1.txt")

FILE_KEYS = {"path", "error", "claims", "candidates"}
CLAIM_KEYS = {"key", "statement", "intervention", "effect", "direction", "condition", "claim_type", "graded",
              "asserted_evidence", "hedged", "quotes"}
QUOTE_KEYS = {"text", "start", "end", "asserted_evidence", "cues", "hedged"}
CANDIDATE_KEYS = {"term", "kind", "quote"}


def extract(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("extract_claims", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = int(exc.code)
    return status, out.getvalue(), err.getvalue()


def extract_json(*paths: str) -> tuple[int, dict]:
    status, out, _ = extract(*paths, "--json")
    return status, json.loads(out)


# These tests have no `db` fixture: pytest-django fails any database query they would make.


def test_it_prints_exactly_the_promised_document_and_never_touches_the_database():
    status, document = extract_json(*ARTICLES, HTML_PAGE, LATIN1)
    assert status == 0
    assert set(document) == {"files"}
    assert [f["path"] for f in document["files"]] == [*ARTICLES, HTML_PAGE, LATIN1]
    for file in document["files"]:
        assert set(file) == FILE_KEYS and file["error"] is None and file["claims"]
        assert len({c["key"] for c in file["claims"]}) == len(file["claims"])  # one entry per claim per file
        for claim in file["claims"]:
            assert set(claim) == CLAIM_KEYS
            assert claim["graded"] is ClaimType(claim["claim_type"]).graded
            assert claim["direction"] in {"positive", "negative", "neutral"}
            assert claim["quotes"] and all(set(q) == QUOTE_KEYS for q in claim["quotes"])
        for candidate in file["candidates"]:
            assert set(candidate) == CANDIDATE_KEYS and candidate["kind"] in {"intervention", "condition"}


def test_a_claims_evidence_is_the_strongest_of_its_quotes_and_it_is_hedged_when_any_quote_is():
    _, document = extract_json(*ARTICLES)
    claims = [c for f in document["files"] for c in f["claims"]]
    for claim in claims:
        levels = [AssertedEvidence(q["asserted_evidence"]) for q in claim["quotes"]]
        assert claim["asserted_evidence"] == max(levels, key=lambda level: level.rank).value
        assert claim["hedged"] is any(q["hedged"] for q in claim["quotes"])
    mixed = [c for c in claims if len({q["asserted_evidence"] for q in c["quotes"]}) > 1]
    assert mixed  # the rule is exercised, not only claims quoted once
    assert any(c["hedged"] and not all(q["hedged"] for q in c["quotes"]) for c in claims)


def test_every_quote_is_the_stored_text_at_its_span_for_text_and_html_files():
    _, document = extract_json(ARTICLES[0], HTML_PAGE, LATIN1)
    for file in document["files"]:
        stored = services.read_article_file(Path(file["path"]))
        for claim in file["claims"]:
            for quote in claim["quotes"]:
                assert stored[quote["start"]:quote["end"]] == quote["text"]
    plain = Path(ARTICLES[0]).read_text(encoding="utf-8")
    assert services.read_article_file(Path(ARTICLES[0])) == plain  # a .txt file is stored unchanged


def test_an_html_page_yields_the_articles_claims_and_none_from_its_navigation_or_scripts():
    _, document = extract_json(HTML_PAGE)
    (page,) = document["files"]
    statements = {c["statement"] for c in page["claims"]}
    assert {"Kratom relieves pain", "Kratom carries a risk of addiction"} <= statements
    assert not statements & {"Kratom relieves anxiety", "Kratom relieves muscle cramps", "Kratom relieves stress",
                             "Kratom relieves restless legs syndrome", "Kratom relieves fibromyalgia"}
    pain = next(c for c in page["claims"] if c["statement"] == "Kratom relieves pain")
    assert pain["asserted_evidence"] == "controlled_trial"


def test_the_same_claim_has_the_same_key_in_every_file():
    _, document = extract_json(*ARTICLES, HTML_PAGE)
    keys_by_statement: dict[str, set[str]] = {}
    for file in document["files"]:
        for claim in file["claims"]:
            keys_by_statement.setdefault(claim["statement"], set()).add(claim["key"])
    assert all(len(keys) == 1 for keys in keys_by_statement.values())
    pain_keys = [c["key"] for f in document["files"] for c in f["claims"] if c["statement"] == "Kratom relieves pain"]
    assert len(pain_keys) >= 3


def test_empty_binary_oversize_and_missing_files_get_an_error_and_the_others_are_still_listed(tmp_path, settings):
    settings.ARTICLE_MAX_BYTES = 64 * 1024
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    huge = tmp_path / "huge.txt"
    huge.write_text("Kratom relieves pain. " * 4000)
    missing = tmp_path / "missing.txt"
    status, document = extract_json(str(empty), ARTICLES[0], str(binary), str(huge), str(missing), HTML_PAGE)
    assert status == 1
    errors = {Path(f["path"]).name: f["error"] for f in document["files"] if f["error"]}
    assert set(errors) == {"empty.txt", "photo.txt", "huge.txt", "missing.txt"}
    assert "empty" in errors["empty.txt"] and "binary" in errors["photo.txt"]
    assert "limit" in errors["huge.txt"] and "cannot read" in errors["missing.txt"]
    for file in document["files"]:
        assert set(file) == FILE_KEYS
        assert bool(file["claims"]) is (file["error"] is None)


def test_without_json_it_prints_a_readable_table_per_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    status, out, _ = extract(ARTICLES[0], str(empty))
    assert status == 1
    sections = out.split("== ")[1:]
    assert [s.splitlines()[0] for s in sections] == [ARTICLES[0], str(empty)]
    table = sections[0].splitlines()
    assert table[1].split() == ["TYPE", "ASSERTED", "HEDGED", "QUOTES", "CLAIM"]
    assert any(line.split()[0] == "efficacy" and "Kratom relieves" in line for line in table[2:])
    assert "error: empty" in sections[1]


def test_another_vocabulary_file_can_be_given(tmp_path):
    small = tmp_path / "vocabulary.json"
    small.write_text(json.dumps({"interventions": [{"name": "kratom"}], "conditions": [{"name": "pain"}]}))
    _, document = extract_json(HTML_PAGE, "--vocabulary", str(small))
    conditions = {c["condition"] for c in document["files"][0]["claims"]}
    assert conditions and conditions <= {"pain", None}
    with pytest.raises(CommandError, match="cannot read the vocabulary"):
        extract(HTML_PAGE, "--vocabulary", str(tmp_path / "missing.json"))


def test_from_the_shell_it_runs_with_an_unreachable_database(tmp_path):
    """Proof from outside: a database address where nothing listens, and the command still answers."""
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:9/no_such_db", "SECRET_KEY": "x",
           "ENV_FILE": os.devnull}
    result = subprocess.run(
        [sys.executable, "manage.py", "extract_claims", "--json", ARTICLES[0]],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["claims"]


# --- the keys are the keys ingest assigns (this one uses the database) ---------------------------


@pytest.mark.parametrize("path", [ARTICLES[0], ARTICLES[-1], HTML_PAGE, LATIN1])
def test_keys_equal_the_claim_keys_that_ingesting_the_same_file_assigns(db, path):
    services.load_vocabulary_file(settings.VOCABULARY_FIXTURE)
    _, document = extract_json(path)
    article = services.read_article_path(Path(path))
    result = services.ingest_article(text=article.text, path=path, title=article.title)
    stored = Article.objects.get(pk=result.article.pk)
    ingested = set(Claim.objects.filter(appearances__article=stored).values_list("key", flat=True))
    assert {c["key"] for c in document["files"][0]["claims"]} == ingested
    quotes = {(q["start"], q["end"], q["text"]) for c in document["files"][0]["claims"] for q in c["quotes"]}
    assert quotes == set(stored.appearances.values_list("start", "end", "quote"))


def test_grade_article_reads_an_html_file_the_same_way_and_stores_its_title(db):
    _, extracted = extract_json(HTML_PAGE)
    out = io.StringIO()
    call_command("grade_article", HTML_PAGE, "--json", stdout=out, stderr=io.StringIO())
    graded = json.loads(out.getvalue())
    assert {c["key"] for c in graded["claims"]} == {c["key"] for c in extracted["files"][0]["claims"]}
    article = Article.objects.get(path=HTML_PAGE)
    assert article.title == "Kratom for Pain & Sleep: What the Research Says | Herbal Notes"
    assert article.text == services.read_article_file(Path(HTML_PAGE))
