"""NCBI's rate limit held across processes: four OS processes share one Redis bucket, as counted by the server.

These run at the real rate (0.35 s apart without a key, 0.105 s with one), so each stays a few seconds long.
"""

from __future__ import annotations

import multiprocessing
import socket
import uuid
from collections.abc import Sequence

import pytest
import redis
from pytest_django.fixtures import Settings

from evidence.pubmed import EntrezClient, PubMedUnavailable
from evidence.pubmed.ratelimit import (
    INTERVAL_WITHOUT_KEY,
    REDIS_KEY_PREFIX,
    RateLimiterUnavailable,
    RedisRateLimiter,
    rate_limiter_for,
)
from tests.eutils_server import EutilsServer

PROCESSES = 4


def most_requests_in_one_second(times: Sequence[float]) -> int:
    """The largest number of requests that arrived within any window of one second."""
    ordered, first, most = sorted(times), 0, 0
    for last, at in enumerate(ordered):
        while at - ordered[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def _search_repeatedly(number: int, searches: int, start: multiprocessing.synchronize.Event) -> None:
    """Runs in a forked child, which inherits the test's settings (server URL, key, REDIS_URL)."""
    from django.conf import settings

    settings.PUBMED_TOOL = f"rate-test-{number}"  # tells the server which process sent a request
    client = EntrezClient()
    start.wait(timeout=30)
    for _ in range(searches):
        client.search("kratom")


def search_from_processes(searches_each: int) -> None:
    context = multiprocessing.get_context("fork")
    start = context.Event()
    processes = [
        context.Process(target=_search_repeatedly, args=(n, searches_each, start)) for n in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    start.set()  # all begin together, so they compete for the same slots
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * PROCESSES


def assert_processes_overlapped(server: EutilsServer) -> None:
    spans: dict[str, tuple[float, float]] = {}
    for request in server.requests:
        first, last = spans.get(request.params["tool"], (request.at, request.at))
        spans[request.params["tool"]] = (min(first, request.at), max(last, request.at))
    assert len(spans) == PROCESSES
    assert max(first for first, _ in spans.values()) < min(last for _, last in spans.values())


@pytest.fixture
def shared_limit(entrez_settings: Settings, redis_url: str) -> Settings:
    entrez_settings.REDIS_URL = redis_url
    entrez_settings.PUBMED_MAX_ATTEMPTS = 1  # a fault would be a failure here, not something to retry
    return entrez_settings


def test_four_processes_without_a_key_never_send_more_than_3_requests_in_a_second(
    shared_limit: Settings, eutils_server: EutilsServer
) -> None:
    shared_limit.PUBMED_API_KEY = ""

    search_from_processes(searches_each=3)

    times = [r.at for r in eutils_server.requests]
    assert len(times) == PROCESSES * 3 and all(r.params.get("api_key") is None for r in eutils_server.requests)
    assert most_requests_in_one_second(times) <= 3
    assert_processes_overlapped(eutils_server)


def test_four_processes_with_a_key_never_send_more_than_10_requests_in_a_second(
    shared_limit: Settings, eutils_server: EutilsServer
) -> None:
    search_from_processes(searches_each=10)

    times = [r.at for r in eutils_server.requests]
    assert len(times) == PROCESSES * 10
    assert most_requests_in_one_second(times) <= 10
    assert_processes_overlapped(eutils_server)


def test_without_redis_each_process_paces_only_itself(entrez_settings: Settings, eutils_server: EutilsServer) -> None:
    # Why several workers need REDIS_URL, and proof that the count above would catch a limiter that is not shared.
    entrez_settings.REDIS_URL = ""

    search_from_processes(searches_each=10)

    assert most_requests_in_one_second([r.at for r in eutils_server.requests]) > 10


def test_limiters_sharing_a_redis_bucket_hand_out_slots_an_interval_apart(redis_url: str) -> None:
    bucket = f"test-{uuid.uuid4().hex}"
    waits: list[float] = []
    limiters = [RedisRateLimiter(INTERVAL_WITHOUT_KEY, redis_url=redis_url, bucket=bucket, sleep=waits.append)
                for _ in range(2)]  # fmt: skip

    for n in range(6):
        limiters[n % 2].acquire()  # nobody sleeps, so every reservation queues behind the last

    assert waits[0] == pytest.approx(INTERVAL_WITHOUT_KEY, abs=0.05)  # the first slot was free: no sleep recorded
    assert all(b - a == pytest.approx(INTERVAL_WITHOUT_KEY, abs=0.02) for a, b in zip(waits, waits[1:]))
    expires_in = redis.Redis.from_url(redis_url).pttl(REDIS_KEY_PREFIX + bucket)
    assert 0 < expires_in <= 6 * INTERVAL_WITHOUT_KEY * 1000 + 1000  # a second after its last slot


def test_with_a_redis_url_the_client_limits_through_redis(redis_url: str) -> None:
    assert isinstance(rate_limiter_for("some-key", redis_url=redis_url), RedisRateLimiter)


def test_when_redis_is_down_no_request_is_sent_and_pubmed_is_unavailable(
    entrez_settings: Settings, eutils_server: EutilsServer
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"
    limiter = RedisRateLimiter(0.105, redis_url=closed, bucket="down")
    with pytest.raises(RateLimiterUnavailable):
        limiter.acquire()

    with pytest.raises(PubMedUnavailable, match="Redis rate limiter unavailable"):
        EntrezClient(limiter=limiter).search("kratom")
    assert eutils_server.requests == []
