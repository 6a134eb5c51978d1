"""Spacing of E-utilities requests: one slot per HTTP attempt, at least an interval apart, no bursts.

NCBI allows 3 requests/s per client (10 with an API key), counted per key, or per address
without one, across all processes. With REDIS_URL set, every process reserves its slots in one
Redis bucket per key (or "anonymous"), so workers on any number of machines share the limit;
without Redis (the one-process embedded mode) the limit is kept in-process.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

logger = logging.getLogger(__name__)

# Slightly above 1/3 s and 1/10 s, so clock jitter on NCBI's side never sees a 4th (11th) request.
INTERVAL_WITHOUT_KEY = 0.35
INTERVAL_WITH_KEY = 0.105
REDIS_KEY_PREFIX = "evidence-kb:pubmed-rate:"
REDIS_TIMEOUT_SECONDS = 2.0

# Reserve the next free slot atomically: the later of "now" (Redis's clock, so hosts whose clocks
# disagree still agree on the spacing) and the slot after the last one handed out. Returns the
# microseconds the caller must wait before sending. The key expires once its slot has passed.
_RESERVE_SLOT = """
redis.replicate_commands()  -- Redis before 5 needs this to write after TIME; later versions ignore it
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local interval = tonumber(ARGV[1])
local next_free = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, next_free)
local following = slot + interval
redis.call('SET', KEYS[1], string.format('%d', following), 'PX', math.ceil((following - now) / 1000) + 1000)
return slot - now
"""


class RateLimiter(Protocol):
    interval: float

    def acquire(self) -> None:
        """Block until this caller may send one HTTP request."""


class RateLimiterUnavailable(Exception):
    """The shared limiter could not be asked (Redis down): no request is sent rather than one too many."""


class InProcessRateLimiter:
    """Hands out request slots at least `interval` seconds apart to all threads of a process."""

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot = float("-inf")

    def acquire(self) -> None:
        # Reserve the slot under the lock and sleep outside it, so waiting threads queue in order.
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.interval
        if slot > now:
            self._sleep(slot - now)


class RedisRateLimiter:
    """Hands out request slots at least `interval` seconds apart to every process sharing a Redis bucket."""

    def __init__(
        self, interval: float, *, redis_url: str, bucket: str, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        import redis  # only deployments with REDIS_URL need the client

        self.interval = interval
        self.key = REDIS_KEY_PREFIX + bucket
        self._sleep = sleep
        self._redis_errors: tuple[type[Exception], ...] = (redis.RedisError, OSError)
        # redis-py re-creates its connections in a forked child, so one limiter serves a worker pool.
        client = redis.Redis.from_url(
            redis_url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        self._reserve: Any = client.register_script(_RESERVE_SLOT)

    def acquire(self) -> None:
        try:
            wait_microseconds = int(self._reserve(keys=[self.key], args=[round(self.interval * 1_000_000)]))
        except self._redis_errors as exc:
            raise RateLimiterUnavailable(f"Redis rate limiter unavailable: {exc}") from exc
        if wait_microseconds > 0:
            self._sleep(wait_microseconds / 1_000_000)


def bucket_for(api_key: str) -> str:
    """The name NCBI counts requests under: the API key (hashed, never stored as is) or "anonymous"."""
    if not api_key:
        return "anonymous"
    return "key-" + hashlib.sha256(api_key.encode("utf-8")).hexdigest()[:16]


_limiters: dict[tuple[str, str], RateLimiter] = {}
_limiters_lock = threading.Lock()


def rate_limiter_for(api_key: str, *, redis_url: str = "") -> RateLimiter:
    """The process-wide limiter for requests with this API key (or none): Redis-backed when a URL is given."""
    interval = INTERVAL_WITH_KEY if api_key else INTERVAL_WITHOUT_KEY
    bucket = bucket_for(api_key)
    with _limiters_lock:
        limiter = _limiters.get((redis_url, bucket))
        if limiter is None:
            if redis_url:
                limiter = RedisRateLimiter(interval, redis_url=redis_url, bucket=bucket)
            else:
                limiter = InProcessRateLimiter(interval)
            _limiters[(redis_url, bucket)] = limiter
            logger.debug("PubMed rate limiter %s for %s: %.3f s apart", type(limiter).__name__, bucket, interval)
        return limiter
