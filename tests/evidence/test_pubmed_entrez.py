"""The live client through the real Bio.Entrez and urllib path, against the local E-utilities server."""

from __future__ import annotations

import dataclasses
import datetime
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from Bio import Entrez
from pytest_django.fixtures import Settings

from evidence.pubmed import Article, EntrezClient, PubMedUnavailable, SnapshotClient, get_client
from tests.eutils_server import FAULT_KINDS, EutilsServer, article_set, article_xml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "pubmed" / "efetch-kratom.xml"
LIVER = (
    "(kratom OR Mitragyna[mh] OR mitragynine) AND (liver OR hepat* OR cholesta* "
    'OR "Chemical and Drug Induced Liver Injury"[mh])'
)
# "timeout" is another name for "slow"; "http_400" is a refusal, not a fault worth retrying.
RETRIED_FAULTS = [kind for kind in FAULT_KINDS if kind not in ("timeout", "http_400")]


@pytest.fixture
def eutils_server() -> Iterator[EutilsServer]:
    with EutilsServer([FIXTURE.read_bytes()]) as server:
        yield server


@pytest.fixture
def entrez_settings(settings: Settings, eutils_server: EutilsServer) -> Settings:
    settings.PUBMED_SOURCE = "entrez"
    settings.PUBMED_EUTILS_URL = eutils_server.url
    settings.PUBMED_EMAIL = "kb-tests@example.org"
    settings.PUBMED_TOOL = "evidence-kb-tests"
    settings.PUBMED_API_KEY = "test-api-key"  # requests 0.105 s apart instead of 0.35 s
    settings.PUBMED_MAX_ATTEMPTS = 3
    settings.PUBMED_BACKOFF_SECONDS = 0.001
    settings.PUBMED_CONNECT_TIMEOUT = 1.0
    settings.PUBMED_READ_TIMEOUT = 2.0  # generous: a loaded CI machine must not turn answers into timeouts
    return settings


@pytest.fixture
def entrez(entrez_settings: Settings) -> EntrezClient:
    client = get_client()
    assert isinstance(client, EntrezClient)
    return client


@pytest.fixture(scope="module")
def snapshot() -> SnapshotClient:
    return SnapshotClient(ROOT / "fixtures" / "pubmed")


def as_entrez(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    return tuple(dataclasses.replace(a, source="entrez") for a in articles)


def test_get_client_returns_the_source_named_in_settings(settings: Settings) -> None:
    settings.PUBMED_SOURCE = "snapshot"
    assert get_client().source == "snapshot"
    settings.PUBMED_SOURCE = "entrez"
    assert get_client().source == "entrez"


def test_a_search_and_fetch_through_bio_entrez_return_the_snapshot_articles(
    entrez: EntrezClient, snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    found = entrez.search(LIVER)
    fetched = entrez.fetch(found.pmids)

    assert found.pmids == snapshot.search(LIVER).pmids and found.count == 6 and found.requests == 1
    assert fetched.articles == as_entrez(snapshot.fetch(found.pmids).articles)
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


@pytest.mark.parametrize("kind", RETRIED_FAULTS)
def test_each_efetch_fault_is_retried_and_the_result_equals_a_fault_free_one(
    kind: str, entrez_settings: Settings, snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    if kind == "slow":
        entrez_settings.PUBMED_READ_TIMEOUT = 0.2  # the server holds a slow answer for 2 s
    pmids = snapshot.search(LIVER).pmids
    eutils_server.fail_next(kind, endpoint="efetch")

    fetched = EntrezClient().fetch(pmids)

    assert fetched.articles == as_entrez(snapshot.fetch(pmids).articles)
    assert fetched.missing == () and fetched.requests == 2
    assert [r.fault for r in eutils_server.requests] == [kind, None]


# Transport faults behave alike on every endpoint (see the efetch test); these reach esearch's own parsing.
@pytest.mark.parametrize("kind", ["error_in_200", "truncated_xml", "drop_records"])
def test_each_esearch_fault_is_retried_and_the_result_equals_a_fault_free_one(
    kind: str, entrez: EntrezClient, snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    eutils_server.fail_next(kind, endpoint="esearch")

    found = entrez.search(LIVER)

    assert found.pmids == snapshot.search(LIVER).pmids and found.count == 6 and found.requests == 2


def test_a_server_that_always_fails_raises_pubmed_unavailable_after_spaced_backed_off_attempts(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_BACKOFF_SECONDS = 1.0
    delays: list[float] = []
    client = EntrezClient(sleep=delays.append)  # backoff recorded, not slept
    eutils_server.fail_always("http_503")

    with pytest.raises(PubMedUnavailable, match="after 3 attempts: HTTP 503"):
        client.search(LIVER)

    assert len(eutils_server.requests) == 3
    assert 0.5 <= delays[0] <= 1.5 and 1.0 <= delays[1] <= 3.0  # exponential, with jitter
    times = [r.at for r in eutils_server.requests]
    # The keyed limit spaces tokens 0.105 s apart; arrival times add a little scheduling jitter.
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.08


def test_a_down_server_raises_pubmed_unavailable(entrez_settings: Settings) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    entrez_settings.PUBMED_EUTILS_URL = f"http://127.0.0.1:{port}/entrez/eutils/"
    entrez_settings.PUBMED_MAX_ATTEMPTS = 2

    with pytest.raises(PubMedUnavailable, match="after 2 attempts"):
        get_client().fetch(["32607084"])


def test_it_honours_retry_after(entrez_settings: Settings, eutils_server: EutilsServer) -> None:
    delays: list[float] = []
    client = EntrezClient(sleep=delays.append)
    eutils_server.fail_next("http_429", retry_after="7")

    assert client.search(LIVER).count == 6
    assert delays == [7.0]


def test_a_refused_request_is_not_retried(entrez: EntrezClient, eutils_server: EutilsServer) -> None:
    eutils_server.fail_next("http_400")

    with pytest.raises(PubMedUnavailable, match="HTTP 400"):
        entrez.search(LIVER)
    assert len(eutils_server.requests) == 1


def test_pmids_still_missing_after_retries_are_reported_not_raised(
    entrez: EntrezClient, eutils_server: EutilsServer
) -> None:
    fetched = entrez.fetch(["32607084", "99999999"])

    assert [a.pmid for a in fetched.articles] == ["32607084"]
    assert fetched.missing == ("99999999",) and fetched.requests == 3
    assert [r.params["id"] for r in eutils_server.requests] == ["32607084,99999999", "99999999", "99999999"]


def test_it_fetches_in_batches_of_at_most_200_posting_the_full_ones(entrez_settings: Settings) -> None:
    pmids = [str(40_000_000 + n) for n in range(450)]
    with EutilsServer([article_set(*(article_xml(p) for p in pmids))]) as server:
        entrez_settings.PUBMED_EUTILS_URL = server.url
        fetched = get_client().fetch(pmids)

    assert [a.pmid for a in fetched.articles] == pmids and fetched.requests == 3
    assert [len(r.params["id"].split(",")) for r in server.requests] == [200, 200, 50]
    assert [r.method for r in server.requests][:2] == ["POST", "POST"]


def test_a_search_larger_than_a_page_pages_through_the_history(
    entrez_settings: Settings, snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    found = EntrezClient(page_size=20).search("kratom")

    assert found.pmids == snapshot.search("kratom").pmids and found.count > 20 and found.requests == 2
    first, rest = eutils_server.requests
    assert first.params["usehistory"] == "y"
    assert (rest.endpoint, rest.params["rettype"], rest.params["retstart"]) == ("efetch", "uilist", "20")
    assert rest.params["WebEnv"] and rest.params["query_key"] == "1"


def test_date_bounds_are_sent_as_an_entrez_date_range(
    entrez: EntrezClient, snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    since = datetime.date(2023, 1, 1)

    found = entrez.search("kratom", mindate=since)

    (request,) = eutils_server.requests
    assert (request.params["datetype"], request.params["mindate"], request.params["maxdate"]) == (
        "edat", "2023/01/01", "3000/12/31",
    )  # fmt: skip
    assert found.pmids == snapshot.search("kratom", mindate=since).pmids  # pub date stands in, both sides
