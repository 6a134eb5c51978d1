"""parse_articles on the snapshot fixture and on synthetic efetch XML."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from evidence.pubmed import Article, MeshTerm, parse_articles
from tests.eutils_server import article_set, article_xml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "pubmed" / "efetch-kratom.xml"
LABELS = ROOT / "tests" / "data" / "pubmed-records.jsonl"


@pytest.fixture(scope="module")
def fixture_articles() -> dict[str, Article]:
    return {a.pmid: a for a in parse_articles(FIXTURE.read_bytes(), source="snapshot")}


@pytest.fixture(scope="module")
def labels() -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["pmid"]: r for r in map(json.loads, LABELS.read_text().splitlines())}


def only(xml: str) -> Article:
    (article,) = parse_articles(article_set(xml))
    return article


def test_it_parses_all_68_fixture_records(fixture_articles: dict[str, Article]) -> None:
    assert len(fixture_articles) == 68
    assert all(a.source == "snapshot" for a in fixture_articles.values())


def test_the_kratom_rct_keeps_its_title_year_and_paraphrase_flag_but_is_not_indexed(
    fixture_articles: dict[str, Article],
) -> None:
    rct = fixture_articles["32607084"]
    assert rct.title.startswith("Kratom and Pain Tolerance: ")
    assert rct.year == 2020
    assert rct.pub_date == datetime.date(2020, 6, 29)
    assert rct.publication_types == ()
    assert rct.abstract_is_paraphrase is True
    assert rct.indexed is False
    assert rct.journal == "Yale J Biol Med"
    assert rct.authors == ("Vicknasingam B", "Chooi WT", "Rahim AA")
    assert rct.abstract.splitlines()[0].startswith("BACKGROUND: Kratom has a long record")
    assert rct.abstract.splitlines()[-1].startswith("CONCLUSIONS: ")


def test_a_case_report_is_indexed(fixture_articles: dict[str, Article]) -> None:
    case_reports = [a for a in fixture_articles.values() if "Case Reports" in a.publication_types]
    assert len(case_reports) == 6
    assert all(a.indexed for a in case_reports)


def test_fields_agree_with_the_records_json(fixture_articles: dict[str, Article], labels: dict[str, dict]) -> None:  # type: ignore[type-arg]
    assert set(fixture_articles) == set(labels)
    for pmid, label in labels.items():
        article = fixture_articles[pmid]
        assert article.title == (label["title"] or ""), pmid
        assert article.year == label["year"], pmid
        assert list(article.publication_types) == label["publication_types"], pmid
        assert article.doi == label["doi"], pmid
        assert bool(article.abstract) == bool(label["abstract"]), pmid


def test_mesh_headings_carry_major_topic_flags(fixture_articles: dict[str, Article]) -> None:
    meshed = [a for a in fixture_articles.values() if a.mesh_terms]
    assert meshed and all(a.indexed for a in meshed)
    assert MeshTerm("Analgesia", True) in [m for a in meshed for m in a.mesh_terms]
    assert MeshTerm("Humans", False) in [m for a in meshed for m in a.mesh_terms]


def test_records_with_empty_title_pub_date_or_no_abstract_parse(fixture_articles: dict[str, Article]) -> None:
    assert len([a for a in fixture_articles.values() if a.title == ""]) == 4
    undated = [a for a in fixture_articles.values() if a.pub_date is None]
    assert len(undated) == 5 and all(a.year is None for a in undated)
    assert len([a for a in fixture_articles.values() if a.abstract == ""]) == 6


def test_a_medline_date_gives_its_first_year(fixture_articles: dict[str, Article]) -> None:
    assert any(a.pub_date == datetime.date(2022, 1, 1) and a.year == 2022 for a in fixture_articles.values())


@pytest.mark.parametrize(
    "record",
    [
        article_xml("101", publication_types=("Journal Article", "Retracted Publication")),
        article_xml("101", comments=("RetractionIn",)),
        article_xml("101", title="RETRACTED: Kratom cures everything"),
    ],
    ids=["publication-type", "retraction-notice", "title"],
)
def test_a_retracted_record_is_marked_retracted(record: str) -> None:
    assert only(record).retracted is True


def test_an_erratum_does_not_mark_a_record_retracted() -> None:
    assert only(article_xml("101", comments=("ErratumIn",))).retracted is False


def test_a_bare_synthetic_record_parses_with_empty_defaults() -> None:
    article = only(article_xml("102", title="", abstract=(), publication_types=(), pub_date=""))
    assert (article.title, article.abstract, article.year, article.pub_date) == ("", "", None, None)
    assert article.publication_types == () and article.authors == () and article.mesh_terms == ()
    assert article.doi is None and article.entrez_date is None and article.indexed is False
    assert article.journal == "Journal of Tests" and article.source == "entrez"


def test_a_journal_article_with_only_that_type_and_no_mesh_is_not_indexed() -> None:
    assert only(article_xml("103")).indexed is False
    assert only(article_xml("103", mesh=(("Humans", False),))).indexed is True


def test_abstract_sections_keep_their_labels_and_the_entrez_date_is_read() -> None:
    article = only(
        article_xml(
            "104",
            abstract=(("OBJECTIVE", "To test."), ("", "Unlabelled part."), ("RESULTS", "It <works>.")),
            entrez_date="<Year>2024</Year><Month>02</Month><Day>29</Day>",
        )
    )
    assert article.abstract == "OBJECTIVE: To test.\nUnlabelled part.\nRESULTS: It <works>."
    assert article.entrez_date == datetime.date(2024, 2, 29)
    assert article.abstract_is_paraphrase is False


def test_inline_markup_in_titles_is_kept_as_text() -> None:
    xml = article_xml("105").replace("A synthetic article", "Effects of <i>Mitragyna</i> on CYP<sub>3A4</sub>")
    assert only(xml).title == "Effects of Mitragyna on CYP3A4"


@pytest.mark.parametrize(
    "xml", [b"", b"<PubmedArticleSet><PubmedArticle>", b"not xml", b"<eFetchResult><ERROR>x</ERROR></eFetchResult>"]
)
def test_invalid_xml_raises_value_error(xml: bytes) -> None:
    with pytest.raises(ValueError):
        parse_articles(xml)


def test_external_and_internal_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doctype = f'<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY lol "lollollol">]>'
    record = article_xml("106", title="TITLE").replace("TITLE", "X&xxe;&lol;Y")
    xml = f'<?xml version="1.0"?>\n{doctype}\n<PubmedArticleSet>{record}</PubmedArticleSet>'.encode()
    (article,) = parse_articles(xml)
    assert "TOP SECRET" not in article.title and "lollollol" not in article.title
    assert article.title.startswith("X") and article.title.endswith("Y")
