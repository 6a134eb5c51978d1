"""The live client through the real Bio.Entrez and urllib path, against the local E-utilities server.

Faults are in test_pubmed_faults.py, the shared rate limit in test_pubmed_rate_limit.py.
"""

from __future__ import annotations

import dataclasses
import datetime
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from Bio import Entrez
from lxml import etree
from pytest_django.fixtures import Settings

from evidence.pubmed import Article, EntrezClient, SearchTooBroad, SnapshotClient, get_client
from tests.eutils_server import (
    TRANSIENT_FAULT_KINDS,
    EutilsServer,
    article_set,
    article_xml,
    synthetic_article_set,
)

LIVER = (
    "(kratom OR Mitragyna[mh] OR mitragynine) AND (liver OR hepat* OR cholesta* "
    'OR "Chemical and Drug Induced Liver Injury"[mh])'
)


def as_entrez(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    return tuple(dataclasses.replace(a, source="entrez") for a in articles)


def test_get_client_returns_the_source_named_in_settings(settings: Settings) -> None:
    settings.PUBMED_SOURCE = "snapshot"
    assert get_client().source == "snapshot"
    settings.PUBMED_SOURCE = "entrez"
    assert get_client().source == "entrez"


def test_a_search_and_fetch_through_bio_entrez_return_the_snapshot_articles(
    entrez: EntrezClient, kratom_snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    found = entrez.search(LIVER)
    fetched = entrez.fetch(found.pmids)

    assert found.pmids == kratom_snapshot.search(LIVER).pmids and found.count == 6 and found.requests == 1
    assert fetched.articles == as_entrez(kratom_snapshot.fetch(found.pmids).articles)
    assert fetched.missing == () and fetched.requests == 1
    assert [r.endpoint for r in eutils_server.requests] == ["esearch", "efetch"]
    assert Entrez.max_tries == 1 and Entrez.urlopen is entrez.opener  # type: ignore[attr-defined]


def test_requests_carry_email_tool_and_api_key(entrez: EntrezClient, eutils_server: EutilsServer) -> None:
    entrez.search("kratom")
    (request,) = eutils_server.requests
    assert request.params["email"] == "kb-tests@example.org"
    assert request.params["tool"] == "evidence-kb-tests"
    assert request.params["api_key"] == "test-api-key"
    assert request.params["db"] == "pubmed" and request.params["term"] == "kratom"


def test_it_fetches_in_batches_of_at_most_200_posting_the_full_ones(entrez_settings: Settings) -> None:
    pmids = [str(40_000_000 + n) for n in range(450)]
    with EutilsServer([article_set(*(article_xml(p) for p in pmids))]) as server:
        entrez_settings.PUBMED_EUTILS_URL = server.url
        fetched = get_client().fetch(pmids)

    assert [a.pmid for a in fetched.articles] == pmids and fetched.requests == 3
    assert [len(r.params["id"].split(",")) for r in server.requests] == [200, 200, 50]
    assert [r.method for r in server.requests][:2] == ["POST", "POST"]


def test_a_search_larger_than_a_page_pages_through_the_history(
    entrez_settings: Settings, kratom_snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    found = EntrezClient(page_size=20).search("kratom")

    assert found.pmids == kratom_snapshot.search("kratom").pmids and found.count > 20 and found.requests == 2
    first, rest = eutils_server.requests
    assert first.params["usehistory"] == "y"
    assert (rest.endpoint, rest.params["rettype"], rest.params["retstart"]) == ("efetch", "uilist", "20")
    assert rest.params["WebEnv"] and rest.params["query_key"] == "1"


def test_date_bounds_are_sent_as_an_entrez_date_range(
    entrez: EntrezClient, kratom_snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    since = datetime.date(2023, 1, 1)

    found = entrez.search("kratom", mindate=since)

    (request,) = eutils_server.requests
    assert (request.params["datetype"], request.params["mindate"], request.params["maxdate"]) == (
        "edat", "2023/01/01", "3000/12/31",
    )  # fmt: skip
    assert found.pmids == kratom_snapshot.search("kratom", mindate=since).pmids  # pub date stands in, both sides


@pytest.fixture(scope="module")
def big_server() -> Iterator[EutilsServer]:
    """12,000 synthetic records about kratom, two entered a day from 2000-01-01: over PubMed's 9,999 cap."""
    with EutilsServer([synthetic_article_set(12_000)]) as server:
        yield server


def eutils_get(server: EutilsServer, utility: str, **params: object) -> bytes:
    with urllib.request.urlopen(f"{server.url}{utility}.fcgi?{urllib.parse.urlencode(params)}", timeout=10) as answer:
        return bytes(answer.read())


def test_the_server_hands_out_only_the_first_9999_ids_of_a_search_like_pubmed(big_server: EutilsServer) -> None:
    clipped = etree.fromstring(eutils_get(big_server, "esearch", db="pubmed", term="kratom", retmax=10_000))
    refused = etree.fromstring(eutils_get(big_server, "esearch", db="pubmed", term="kratom", retstart=9_999))

    assert clipped.findtext("Count") == "12000" and len(clipped.findall("IdList/Id")) == 9_999
    assert "Restrictions achieved" in (clipped.findtext("WarningList/OutputMessage") or "")
    assert refused.findtext("Count") is None and "cannot be larger than 9998" in (refused.findtext("ERROR") or "")


def test_a_search_over_the_9999_cap_is_split_by_entrez_date_until_every_part_fits(
    entrez_settings: Settings, big_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_EUTILS_URL = big_server.url
    big_server.requests.clear()

    found = get_client().search("kratom")

    assert found.count == 12_000 and found.pmids == tuple(str(30_000_000 + n) for n in reversed(range(12_000)))
    searches = big_server.requests_to("esearch")
    assert found.requests == len(big_server.requests) == len(searches)  # every part fitted one page
    assert all(int(r.params["retmax"]) <= 9_999 and r.params["retstart"] == "0" for r in searches)
    first, *parts = searches
    assert "datetype" not in first.params
    assert parts and all(p.params["datetype"] == "edat" for p in parts)


def test_an_incremental_search_asks_for_an_entrez_date_window(
    entrez_settings: Settings, big_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_EUTILS_URL = big_server.url
    big_server.requests.clear()

    found = get_client().search("kratom", mindate=datetime.date(2010, 1, 1), maxdate=datetime.date(2010, 1, 31))

    (request,) = big_server.requests
    assert (request.params["datetype"], request.params["mindate"], request.params["maxdate"]) == (
        "edat", "2010/01/01", "2010/01/31",
    )  # fmt: skip
    first_of_january = 30_000_000 + 2 * (datetime.date(2010, 1, 1) - datetime.date(2000, 1, 1)).days
    assert found.pmids == tuple(str(first_of_january + n) for n in reversed(range(62)))


def test_under_faults_a_split_search_still_returns_every_pmid(entrez_settings: Settings) -> None:
    entrez_settings.PUBMED_MAX_ATTEMPTS = 10
    transport_faults_aside = [k for k in TRANSIENT_FAULT_KINDS if k not in ("slow", "timeout")]  # tested elsewhere
    with EutilsServer([synthetic_article_set(600, per_day=5)], search_cap=250) as server:
        entrez_settings.PUBMED_EUTILS_URL = server.url
        server.fault_rate(0.3, kinds=transport_faults_aside, seed=7)
        found = EntrezClient(search_cap=250, page_size=100).search(
            "kratom", mindate=datetime.date(2000, 1, 1), maxdate=datetime.date(2000, 4, 30)
        )

    assert found.count == 600 and found.pmids == tuple(str(30_000_000 + n) for n in reversed(range(600)))
    assert any(r.fault for r in server.requests) and any(r.params.get("rettype") == "uilist" for r in server.requests)


def test_more_records_on_one_entrez_date_than_the_cap_is_an_error_not_a_short_list(
    entrez_settings: Settings,
) -> None:
    entrez_settings.PUBMED_BREAKER_THRESHOLD = 1
    with EutilsServer([synthetic_article_set(30, per_day=30)], search_cap=10) as server:
        entrez_settings.PUBMED_EUTILS_URL = server.url
        client = EntrezClient(search_cap=10)
        with pytest.raises(SearchTooBroad, match="more than 10 PubMed records entered on 2000-01-01"):
            client.search("kratom", mindate=datetime.date(2000, 1, 1), maxdate=datetime.date(2000, 1, 4))

    assert not client.breaker.is_open  # PubMed answered; the query is what failed
