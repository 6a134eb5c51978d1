"""Spacing of E-utilities requests: one token per HTTP attempt, no bursts.

NCBI allows 3 requests/s per client (10 with an API key), counted across all processes.
This in-process limiter serves the one-process embedded mode; a Redis-backed limiter with
the same `acquire()` can be returned by `rate_limiter_for` when several workers share a key.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

# Slightly above 1/3 s and 1/10 s, so clock jitter on NCBI's side never sees a 4th (11th) request.
INTERVAL_WITHOUT_KEY = 0.35
INTERVAL_WITH_KEY = 0.105


class RateLimiter(Protocol):
    def acquire(self) -> None:
        """Block until this caller may send one HTTP request."""


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


_limiters: dict[float, InProcessRateLimiter] = {}
_limiters_lock = threading.Lock()


def rate_limiter_for(api_key: str) -> RateLimiter:
    """The process-wide limiter for requests with (or without) an API key."""
    interval = INTERVAL_WITH_KEY if api_key else INTERVAL_WITHOUT_KEY
    with _limiters_lock:
        if interval not in _limiters:
            _limiters[interval] = InProcessRateLimiter(interval)
        return _limiters[interval]
