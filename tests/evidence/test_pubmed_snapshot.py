"""The offline snapshot source: PubMed query syntax evaluated locally over the fixture records."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from evidence.pubmed import SnapshotClient, get_client
from evidence.pubmed.articles import parse_articles
from evidence.pubmed.local_search import parse_query, search_records, searchable
from tests.eutils_server import article_set, article_xml

ROOT = Path(__file__).resolve().parents[2]
LABELS = {r["pmid"]: r for r in map(json.loads, (ROOT / "tests/data/pubmed-records.jsonl").read_text().splitlines())}

# The "Searches" table of the snapshot's README (shared/pubmed/README.md).
FIBROMYALGIA = '(kratom OR "Mitragyna speciosa" OR mitragynine) AND (fibromyalgia OR "Fibromyalgia"[mh])'
OPIOID_WITHDRAWAL = (
    '(kratom OR Mitragyna[mh] OR mitragynine) AND (withdrawal OR "Substance Withdrawal Syndrome"[mh] '
    'OR "Opioid-Related Disorders"[mh])'
)
RESTLESS_LEGS = '(kratom OR Mitragyna[mh] OR mitragynine) AND ("restless legs" OR "Restless Legs Syndrome"[mh])'
SLEEP_NEUROPATHIC = (
    "(kratom OR Mitragyna[mh] OR mitragynine) AND (sleep OR insomnia) "
    'AND (neuropathic OR neuropathy OR "Neuralgia"[mh])'
)
PAIN = "(kratom OR mitragynine OR 7-hydroxymitragynine) AND (analgesi* OR antinocicepti* OR pain)"
PAIN_LOW_ADDICTION = (
    "(kratom OR mitragynine OR 7-hydroxymitragynine) AND (analgesi* OR antinocicepti* OR pain) "
    'AND (abuse OR addiction OR dependence OR "self-administration")'
)
LIVER = (
    "(kratom OR Mitragyna[mh] OR mitragynine) AND (liver OR hepat* OR cholesta* "
    'OR "Chemical and Drug Induced Liver Injury"[mh])'
)
EVIDENCE_FILTER = " AND (randomized controlled trial[pt] OR meta-analysis[pt] OR systematic review[pt])"
PROJECT_RLS = (
    '(kratom[tiab] OR "mitragyna speciosa"[tiab] OR mitragynine[tiab] OR "7-hydroxymitragynine"[tiab] '
    'OR "Mitragyna"[mh]) AND ("restless legs"[tiab] OR RLS[tiab] OR "Restless Legs Syndrome"[mh])'
)


@pytest.fixture
def snapshot(settings: Settings) -> SnapshotClient:
    settings.PUBMED_SOURCE = "snapshot"
    settings.PUBMED_SNAPSHOT_DIR = ROOT / "fixtures" / "pubmed"
    client = get_client()
    assert isinstance(client, SnapshotClient)
    return client


def pmids(client: SnapshotClient, term: str) -> set[str]:
    return set(client.search(term).pmids)


def kratom(found: set[str]) -> set[str]:
    return {p for p in found if LABELS[p]["set"] == "kratom"}


@pytest.mark.parametrize("term", [FIBROMYALGIA, RESTLESS_LEGS, SLEEP_NEUROPATHIC, PROJECT_RLS])
def test_claims_without_kratom_evidence_find_no_kratom_records(snapshot: SnapshotClient, term: str) -> None:
    assert kratom(pmids(snapshot, term)) == set()


def test_the_pain_query_finds_the_kratom_rct_among_others(snapshot: SnapshotClient) -> None:
    found = pmids(snapshot, PAIN)
    assert "32607084" in found and len(kratom(found)) > 10


def test_the_pain_with_low_addiction_query_finds_only_records_naming_addiction(snapshot: SnapshotClient) -> None:
    found = pmids(snapshot, PAIN_LOW_ADDICTION)
    assert len(kratom(found)) >= 5 and found < pmids(snapshot, PAIN)
    # The RCT's visible (paraphrased) record names no abuse, addiction or dependence.
    assert "32607084" not in found


@pytest.mark.parametrize("term", [OPIOID_WITHDRAWAL, LIVER])
def test_kratom_topics_of_the_snapshot_find_kratom_records_on_that_topic(snapshot: SnapshotClient, term: str) -> None:
    found = kratom(pmids(snapshot, term))
    topic = "opioid_withdrawal" if term == OPIOID_WITHDRAWAL else "liver"
    assert len(found) >= 4
    assert len([p for p in found if topic in LABELS[p]["topics"]]) >= 4


def test_the_evidence_filter_keeps_only_matching_publication_types(snapshot: SnapshotClient) -> None:
    assert pmids(snapshot, "(fibromyalgia OR sleep)" + EVIDENCE_FILTER) <= pmids(snapshot, "(fibromyalgia OR sleep)")
    assert pmids(snapshot, PAIN_LOW_ADDICTION + EVIDENCE_FILTER) == set()  # the kratom RCT shows no types


def test_results_are_newest_pmid_first_and_counted(snapshot: SnapshotClient) -> None:
    result = snapshot.search("kratom")
    assert list(result.pmids) == sorted(result.pmids, key=int, reverse=True)
    assert result.count == len(result.pmids) and result.requests == 0


def test_fetch_returns_snapshot_records_in_the_order_asked_and_reports_unknown_pmids(snapshot: SnapshotClient) -> None:
    result = snapshot.fetch(["32607084", "1", "30920318", "32607084"])
    assert [a.pmid for a in result.articles] == ["32607084", "30920318"]
    assert result.missing == ("1",) and result.requests == 0
    assert all(a.source == "snapshot" for a in result.articles)


# Operators and tags, on a handful of synthetic records.
RECORDS = searchable(
    parse_articles(
        article_set(
            article_xml("1", title="Kratom for pain", abstract=(("", "Mitragynine reduced withdrawal."),)),
            article_xml("2", title="Opioid withdrawal in rats", mesh=(("Mitragyna", True), ("Rats", False))),
            article_xml("3", title="Restless legs syndrome and sleep", publication_types=("Review",)),
            article_xml("4", title="A 7-hydroxymitragynine assay", pub_date="<Year>2019</Year>"),
            article_xml("5", title="Self administration of kratom", publication_types=("Randomized Controlled Trial",)),
        )
    )
)


def search(term: str, mindate: datetime.date | None = None, maxdate: datetime.date | None = None) -> list[str]:
    return search_records(term, RECORDS, mindate=mindate, maxdate=maxdate)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("kratom", ["5", "1"]),
        ("KRATOM", ["5", "1"]),
        ("kratom AND pain", ["1"]),
        ("kratom pain", ["1"]),  # adjacent terms are ANDed
        ("kratom OR rats", ["5", "2", "1"]),
        ("kratom NOT pain", ["5"]),
        ("withdrawal OR kratom AND pain", ["1"]),  # left to right: (withdrawal OR kratom) AND pain
        ("withdrawal OR (kratom AND pain)", ["2", "1"]),
        ("kratom NOT (pain OR self)", []),
        ('"restless legs"', ["3"]),
        ('"legs restless"', []),  # a phrase keeps its word order
        ('"restless leg"', ["3"]),  # plural s ignored
        ("leg", ["3"]),
        ("kra", []),  # words match whole, not inside other words
        ("kra*", ["5", "1"]),
        ('"self administ*"', ["5"]),
        ("self-administration", ["5"]),  # hyphen = word separator, both ways
        ('"7 hydroxymitragynine"', ["4"]),
        ("7-hydroxymitragynine", ["4"]),
        ("mitragynine", ["1"]),
    ],
)
def test_operators_phrases_and_truncation(term: str, expected: list[str]) -> None:
    assert search(term) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("kratom[ti]", ["5", "1"]),
        ("mitragynine[ti]", []),
        ("mitragynine[ab]", ["1"]),
        ("kratom[ab]", []),
        ("mitragynine[tiab] OR rats[tiab]", ["2", "1"]),
        ("mitragyna[tiab]", []),  # MeSH is not title/abstract
        ("mitragyna", ["2"]),  # but all fields include MeSH
        ('"Mitragyna"[mh]', ["2"]),
        ("mitragyna[MeSH Terms]", ["2"]),
        ("rat[mh]", ["2"]),
        ("Mitragyna[majr]", ["2"]),
        ("Rats[majr]", []),  # indexed, but not as a major topic
        ("Mitra*[mh]", ["2"]),
        ("Mitragyna speciosa[mh]", []),  # a heading matches whole, not as a prefix
        ("review[pt]", ["3"]),
        ("randomized controlled trial[pt]", ["5"]),  # words before a tag form one phrase
        ("controlled[pt]", []),
        ("synthetic[kw]", []),
    ],
)
def test_field_tags(term: str, expected: list[str]) -> None:
    assert search(term) == expected


def test_a_long_or_list_is_evaluated_without_deep_recursion() -> None:
    term = " OR ".join(f"word{n}" for n in range(3000)) + " OR kratom"
    assert search(term) == ["5", "1"]


def test_keywords_are_searched_with_kw(snapshot: SnapshotClient) -> None:
    assert "32607084" in pmids(snapshot, '"pain tolerance"[kw]')
    assert "32607084" not in pmids(snapshot, "tolerance[kw] NOT kratom[kw]")


def test_dates_filter_on_the_publication_date_inclusively() -> None:
    assert search("kratom OR assay", mindate=datetime.date(2021, 3, 5)) == ["5", "1"]
    assert search("kratom OR assay", maxdate=datetime.date(2021, 3, 4)) == ["4"]
    assert search("kratom OR assay", mindate=datetime.date(2019, 1, 1), maxdate=datetime.date(2019, 1, 1)) == ["4"]


def test_snapshot_search_passes_dates_through(snapshot: SnapshotClient) -> None:
    recent = snapshot.search("kratom", mindate=datetime.date(2023, 1, 1)).pmids
    assert recent and set(recent) < set(snapshot.search("kratom").pmids)


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("(kratom", "unbalanced"),
        ("kratom)", "unexpected ')'"),
        ("kratom AND", "no right-hand term"),
        ("OR kratom", "no left-hand term"),
        ("kratom AND OR pain", "no left-hand term"),
        ("()", "empty parentheses"),
        ('"restless legs', "unterminated quote"),
        ("kratom[tiab", "unterminated field tag"),
        ("kratom[zz]", "unsupported field tag"),
        ("[tiab]", "unexpected"),
        ("(kratom)[tiab]", "cannot follow a closing parenthesis"),
        ("kr*tom", "truncation"),
        ('""', "no searchable words"),
        ("(" * 60 + "kratom" + ")" * 60, "too deeply"),
    ],
)
def test_a_malformed_query_raises_value_error_saying_why(term: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_query(term)


def test_the_snapshot_client_refuses_a_malformed_query(snapshot: SnapshotClient) -> None:
    with pytest.raises(ValueError, match="unbalanced"):
        snapshot.search('(kratom OR "mitragyna speciosa"[tiab]')
