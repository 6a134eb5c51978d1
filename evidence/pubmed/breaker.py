"""A circuit breaker per E-utilities address: after repeated outages, calls fail fast for a while.

Each failed call has already spent its retry budget. When NCBI is down, a refresh run over
hundreds of claims would spend that budget once per claim; instead, after `threshold`
consecutive calls end in PubMedUnavailable, further calls in this process raise it at once
until `cooldown_seconds` have passed. The next call after that is a trial: success closes the
breaker, failure opens it for another cool-down. State is per process, on purpose: each worker
finds out for itself, and no shared store is needed for it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .errors import PubMedUnavailable, SearchTooBroad

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(
        self, name: str, *, threshold: int, cooldown_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.name = name
        self.threshold = max(1, threshold)
        self.cooldown_seconds = cooldown_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self.consecutive_failures = 0
        self._open_until: float | None = None
        self._last_error = ""

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._open_until is not None and self._clock() < self._open_until

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Fail fast while open; otherwise run the call and count how it ended."""
        self._check()
        try:
            yield
        except SearchTooBroad:
            raise  # NCBI answered; the query is at fault, not the service
        except PubMedUnavailable as exc:
            self._record_failure(exc)
            raise
        self._record_success()

    def reset(self) -> None:
        with self._lock:
            self.consecutive_failures = 0
            self._open_until = None

    def _check(self) -> None:
        with self._lock:
            if self._open_until is None:
                return
            remaining = self._open_until - self._clock()
            if remaining <= 0:
                return  # cooled down: let this call through as a trial
            failures, last_error = self.consecutive_failures, self._last_error
        raise PubMedUnavailable(
            f"PubMed calls to {self.name} suspended for another {remaining:.0f}s after {failures} "
            f"consecutive failures (last: {last_error})"
        )

    def _record_failure(self, exc: PubMedUnavailable) -> None:
        with self._lock:
            self.consecutive_failures += 1
            self._last_error = str(exc)[:300]
            if self.consecutive_failures >= self.threshold:
                self._open_until = self._clock() + self.cooldown_seconds
                logger.error(
                    "PubMed circuit breaker for %s open for %.0fs after %d consecutive failures",
                    self.name, self.cooldown_seconds, self.consecutive_failures,
                )  # fmt: skip

    def _record_success(self) -> None:
        with self._lock:
            if self._open_until is not None:
                logger.info("PubMed circuit breaker for %s closed again", self.name)
            self.consecutive_failures = 0
            self._open_until = None


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(name: str, *, threshold: int, cooldown_seconds: float) -> CircuitBreaker:
    """The process-wide breaker for one E-utilities address, with the settings now in force."""
    with _breakers_lock:
        breaker = _breakers.get(name)
        if breaker is None:
            breaker = _breakers[name] = CircuitBreaker(name, threshold=threshold, cooldown_seconds=cooldown_seconds)
        breaker.threshold, breaker.cooldown_seconds = max(1, threshold), cooldown_seconds
        return breaker


def reset_breakers() -> None:
    """Close every breaker in this process (after a configuration change, and between tests)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()
