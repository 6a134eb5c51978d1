"""`manage.py classify_records`: designs and their signals for the records in XML files."""
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

FIXTURE = str(Path(__file__).parents[2] / "fixtures" / "pubmed" / "efetch-kratom.xml")


def run(*args: str) -> tuple[int, list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("classify_records", *args, "--json", stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = int(exc.code)
    return status, json.loads(out.getvalue()), err.getvalue()


def test_every_record_gets_a_design_and_the_signals_that_decided_it():
    status, rows, _ = run(FIXTURE)
    assert status == 0 and len(rows) == 68
    trial = next(r for r in rows if r["pmid"] == "32607084")
    assert trial["design"] == "rct"
    assert trial["signals"] == [{"source": "title", "cue": "Randomized", "design": "rct"}]


def test_types_only_leaves_the_design_null_where_types_say_nothing():
    _, rows, _ = run(FIXTURE, "--types-only")
    by_pmid = {r["pmid"]: r for r in rows}
    assert by_pmid["32607084"]["design"] is None
    assert by_pmid["30792593"]["design"] == "case_report"
    assert by_pmid["30792593"]["signals"][0]["source"] == "publication_type"


def test_text_only_reads_an_indexed_case_report_from_its_abstract():
    _, rows, _ = run(FIXTURE, "--text-only")
    row = next(r for r in rows if r["pmid"] == "30792593")
    assert row["design"] == "case_report"
    assert {s["source"] for s in row["signals"]} <= {"title", "abstract"}


def test_an_unreadable_or_invalid_file_is_reported_and_the_others_still_classified(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<PubmedArticleSet><PubmedArticle>")
    status, rows, stderr = run(str(tmp_path / "missing.xml"), str(broken), FIXTURE)
    assert status == 1
    assert "missing.xml" in stderr and "broken.xml" in stderr
    assert len(rows) == 68


def test_text_only_and_types_only_cannot_be_combined():
    with pytest.raises(CommandError, match="not allowed with"):
        call_command("classify_records", FIXTURE, "--text-only", "--types-only", stderr=io.StringIO())
