"""The rate limiter and the opener installed as Bio.Entrez's urlopen, without a network."""

from __future__ import annotations

import threading
import urllib.request

from evidence.pubmed.ratelimit import (
    INTERVAL_WITH_KEY,
    INTERVAL_WITHOUT_KEY,
    InProcessRateLimiter,
    bucket_for,
    rate_limiter_for,
)
from evidence.pubmed.transport import NCBI_EUTILS_URL, EutilsOpener


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds


def test_the_limiter_spaces_requests_by_its_interval_without_bursts() -> None:
    clock = FakeClock()
    limiter = InProcessRateLimiter(0.35, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(4):
        limiter.acquire()
        times.append(clock.now)
    assert [round(b - a, 6) for a, b in zip(times, times[1:])] == [0.35, 0.35, 0.35]


def test_the_limiter_does_not_wait_after_a_quiet_spell() -> None:
    clock = FakeClock()
    slept: list[float] = []
    limiter = InProcessRateLimiter(0.35, clock=clock, sleep=slept.append)
    limiter.acquire()
    clock.now += 5
    limiter.acquire()
    assert slept == []


def test_threads_sharing_a_limiter_get_distinct_slots() -> None:
    clock = FakeClock()
    slept: list[float] = []
    limiter = InProcessRateLimiter(0.105, clock=clock, sleep=slept.append)  # the clock stands still
    threads = [threading.Thread(target=limiter.acquire) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(round(s, 6) for s in slept) == [0.105, 0.21, 0.315, 0.42]


def test_each_api_key_has_its_own_process_wide_limiter_at_the_faster_interval() -> None:
    assert rate_limiter_for("a-key") is rate_limiter_for("a-key")
    assert rate_limiter_for("a-key") is not rate_limiter_for("another-key")  # NCBI counts per key
    assert rate_limiter_for("a-key").interval == INTERVAL_WITH_KEY
    assert rate_limiter_for("").interval == INTERVAL_WITHOUT_KEY


def test_a_bucket_is_named_by_a_hash_of_the_key_never_the_key_itself() -> None:
    assert bucket_for("") == "anonymous"
    assert bucket_for("secret-key").startswith("key-") and "secret" not in bucket_for("secret-key")
    assert bucket_for("secret-key") == bucket_for("secret-key") != bucket_for("other-key")


def test_the_opener_sends_ncbi_requests_to_the_configured_base_url() -> None:
    opener = EutilsOpener(
        base_url="http://127.0.0.1:9/entrez/eutils", connect_timeout=1, read_timeout=1,
        limiter=InProcessRateLimiter(0),
    )  # fmt: skip
    original = urllib.request.Request(NCBI_EUTILS_URL + "efetch.fcgi", data=b"db=pubmed&id=1", method="POST")

    routed = opener.route(original)

    assert routed.full_url == "http://127.0.0.1:9/entrez/eutils/efetch.fcgi"
    assert (routed.data, routed.get_method()) == (b"db=pubmed&id=1", "POST")
