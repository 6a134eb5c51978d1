"""The live client meets NCBI's failure modes, injected by the local E-utilities server: retries, budget, breaker."""

from __future__ import annotations

import dataclasses
import socket
import time
from collections import Counter

import pytest
from lxml import etree
from pytest_django.fixtures import Settings

from evidence.pubmed import Article, EntrezClient, PubMedUnavailable, SnapshotClient, get_client
from tests.eutils_server import TRANSIENT_FAULT_KINDS, EutilsServer, article_set, article_xml, cut_at_record_boundary

LIVER = (
    "(kratom OR Mitragyna[mh] OR mitragynine) AND (liver OR hepat* OR cholesta* "
    'OR "Chemical and Drug Induced Liver Injury"[mh])'
)
# "timeout" is another name for "slow"; one of them is enough for the per-kind tests.
RETRIED_FAULTS = [kind for kind in TRANSIENT_FAULT_KINDS if kind != "timeout"]


class FakeClock:
    """Time that passes only when the client sleeps: budgets are tested without waiting them out."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def as_entrez(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    return tuple(dataclasses.replace(a, source="entrez") for a in articles)


def closed_port_url() -> str:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/entrez/eutils/"


@pytest.mark.parametrize("kind", RETRIED_FAULTS)
def test_each_efetch_fault_is_retried_and_the_result_equals_a_fault_free_one(
    kind: str, entrez_settings: Settings, kratom_snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    if kind == "slow":
        entrez_settings.PUBMED_READ_TIMEOUT = 0.2  # the server holds a slow answer for 2 s
    pmids = kratom_snapshot.search(LIVER).pmids
    eutils_server.fail_next(kind, endpoint="efetch")

    fetched = EntrezClient().fetch(pmids)

    assert fetched.articles == as_entrez(kratom_snapshot.fetch(pmids).articles)
    assert fetched.missing == () and fetched.requests == 2
    assert [r.fault for r in eutils_server.requests] == [kind, None]


# Transport faults behave alike on every endpoint (see the efetch test); these reach esearch's own parsing.
@pytest.mark.parametrize("kind", ["error_in_200", "empty_body", "truncated_xml", "truncated_at_record", "drop_records"])
def test_each_esearch_fault_is_retried_and_the_result_equals_a_fault_free_one(
    kind: str, entrez: EntrezClient, kratom_snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    eutils_server.fail_next(kind, endpoint="esearch")

    found = entrez.search(LIVER)

    assert found.pmids == kratom_snapshot.search(LIVER).pmids and found.count == 6 and found.requests == 2


@pytest.mark.parametrize("kind", ["drop_records", "truncated_at_record", "error_in_200"])
def test_a_short_or_broken_page_of_the_search_history_is_retried(
    kind: str, entrez_settings: Settings, kratom_snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    eutils_server.fail_next(kind, endpoint="efetch")

    found = EntrezClient(page_size=20).search("kratom")

    assert found.pmids == kratom_snapshot.search("kratom").pmids and found.requests == 3
    assert [(r.endpoint, r.fault) for r in eutils_server.requests] == [
        ("esearch", None), ("efetch", kind), ("efetch", None),
    ]  # fmt: skip


def test_a_body_cut_at_a_record_boundary_loses_a_whole_record_and_the_closing_tag() -> None:
    cut = cut_at_record_boundary(article_set(article_xml("1"), article_xml("2")))

    assert cut.rstrip().endswith(b"</PubmedArticle>") and b"</PubmedArticleSet>" not in cut
    # A recovering parser reads it without complaint: only counting records against PMIDs tells.
    lenient = etree.fromstring(cut, etree.XMLParser(recover=True, load_dtd=False, no_network=True))
    assert [n.findtext("MedlineCitation/PMID") for n in lenient.iterfind("PubmedArticle")] == ["1"]


def test_a_server_that_always_fails_raises_pubmed_unavailable_after_spaced_backed_off_attempts(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_BACKOFF_SECONDS = 1.0
    entrez_settings.PUBMED_MAX_BACKOFF_SECONDS = 30.0
    clock = FakeClock()
    client = EntrezClient(sleep=clock.sleep, clock=clock)  # backoff recorded, not slept
    eutils_server.fail_always("http_503")

    with pytest.raises(PubMedUnavailable, match=r"after 3 attempts .*no attempts left.*: HTTP 503"):
        client.search(LIVER)

    assert len(eutils_server.requests) == 3
    assert 0.5 <= clock.slept[0] <= 1.5 and 1.0 <= clock.slept[1] <= 3.0  # exponential, with jitter
    times = [r.at for r in eutils_server.requests]
    # The keyed limit spaces tokens 0.105 s apart; arrival times add a little scheduling jitter.
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.08


def test_retries_stop_when_the_next_attempt_would_start_past_the_retry_budget(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_MAX_ATTEMPTS = 100
    entrez_settings.PUBMED_BACKOFF_SECONDS = 1.0
    entrez_settings.PUBMED_MAX_BACKOFF_SECONDS = 4.0
    entrez_settings.PUBMED_RETRY_BUDGET_SECONDS = 20.0
    clock = FakeClock()
    eutils_server.fail_always("http_502")

    with pytest.raises(PubMedUnavailable, match="20s retry budget"):
        EntrezClient(sleep=clock.sleep, clock=clock).search(LIVER)

    assert sum(clock.slept) <= 20.0 and max(clock.slept) <= 4.0
    assert len(eutils_server.requests) == len(clock.slept) + 1 >= 5


def test_it_honours_retry_after_even_beyond_its_own_backoff_cap(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    clock = FakeClock()
    eutils_server.fail_next("http_429", retry_after="7")

    assert EntrezClient(sleep=clock.sleep, clock=clock).search(LIVER).count == 6
    assert clock.slept == [7.0]


def test_a_retry_after_past_the_budget_gives_up_at_once(entrez_settings: Settings, eutils_server: EutilsServer) -> None:
    clock = FakeClock()
    eutils_server.fail_next("http_429", retry_after="3600")

    with pytest.raises(PubMedUnavailable, match="after 1 attempts .*retry budget.*HTTP 429"):
        EntrezClient(sleep=clock.sleep, clock=clock).search(LIVER)
    assert clock.slept == [] and len(eutils_server.requests) == 1


def test_a_refused_request_is_not_retried(entrez: EntrezClient, eutils_server: EutilsServer) -> None:
    eutils_server.fail_next("http_400")

    with pytest.raises(PubMedUnavailable, match="HTTP 400"):
        entrez.search(LIVER)
    assert len(eutils_server.requests) == 1


def test_pmids_still_missing_after_three_attempts_are_reported_not_raised(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_MAX_ATTEMPTS = 8  # a deleted record must not hold a claim up for every attempt

    fetched = get_client().fetch(["32607084", "99999999"])

    assert [a.pmid for a in fetched.articles] == ["32607084"]
    assert fetched.missing == ("99999999",) and fetched.requests == 3
    assert [r.params["id"] for r in eutils_server.requests] == ["32607084,99999999", "99999999", "99999999"]


def test_a_down_server_raises_pubmed_unavailable(entrez_settings: Settings) -> None:
    entrez_settings.PUBMED_EUTILS_URL = closed_port_url()
    entrez_settings.PUBMED_MAX_ATTEMPTS = 2

    with pytest.raises(PubMedUnavailable, match="after 2 attempts"):
        get_client().fetch(["32607084"])


def test_after_consecutive_failed_calls_the_breaker_fails_fast_without_a_request(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_BREAKER_THRESHOLD = 2
    eutils_server.fail_always("http_503")
    client = get_client()
    for _ in range(2):
        with pytest.raises(PubMedUnavailable, match="HTTP 503"):
            client.search(LIVER)
    sent = len(eutils_server.requests)

    started = time.monotonic()
    with pytest.raises(PubMedUnavailable, match="suspended for another .* after 2 consecutive failures"):
        get_client().fetch(["32607084"])  # a new client in the same process shares the breaker
    assert len(eutils_server.requests) == sent and time.monotonic() - started < 0.05


def test_after_the_cool_down_one_trial_call_goes_through_and_success_closes_the_breaker(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_BREAKER_THRESHOLD = 1
    entrez_settings.PUBMED_BREAKER_COOLDOWN_SECONDS = 0.3
    eutils_server.fail_next("http_503", times=3)
    client = EntrezClient()
    with pytest.raises(PubMedUnavailable):
        client.search(LIVER)
    assert client.breaker.is_open

    time.sleep(0.35)

    assert client.search(LIVER).count == 6
    assert not client.breaker.is_open and client.breaker.consecutive_failures == 0


def test_a_success_between_failures_keeps_the_breaker_closed(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_BREAKER_THRESHOLD = 2
    client = EntrezClient()
    for fails in (True, False, True):
        if fails:
            eutils_server.fail_next("http_500", times=3)
            with pytest.raises(PubMedUnavailable):
                client.search(LIVER)
        else:
            client.search(LIVER)
    assert not client.breaker.is_open and client.breaker.consecutive_failures == 1


def test_searches_and_fetches_under_a_30_percent_fault_rate_of_every_kind_equal_fault_free_ones(
    entrez_settings: Settings, kratom_snapshot: SnapshotClient, eutils_server: EutilsServer
) -> None:
    entrez_settings.PUBMED_MAX_ATTEMPTS = 10
    entrez_settings.PUBMED_READ_TIMEOUT = 0.3  # a "slow" answer takes 2 s
    eutils_server.fault_rate(0.3, seed=4, rotate_kinds=True)
    client = get_client()
    queries = [LIVER, "kratom", "kratom AND (pain OR analgesi*)", "mitragynine[tiab]", "Mitragyna[mh]"]

    for query in queries:
        found = client.search(query)
        fetched = client.fetch(found.pmids)
        expected = kratom_snapshot.search(query).pmids
        assert found.pmids == expected, query
        assert fetched.articles == as_entrez(kratom_snapshot.fetch(expected).articles) and fetched.missing == ()

    faults = Counter(r.fault for r in eutils_server.requests if r.fault)
    assert len(faults) >= 4, faults  # kinds take turns: each fault a different kind
