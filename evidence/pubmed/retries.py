"""Retrying E-utilities requests: which failures are worth repeating, exponential backoff with jitter, a time budget.

Every attempt that fails in a way NCBI fails (HTTP 429 and 5xx, resets, timeouts, bodies that
break off, are empty, truncated or invalid, an <ERROR> inside HTTP 200, fewer IDs or records
than asked for) raises TransientFault. The policy repeats the attempt after a growing, jittered
delay (at least Retry-After when the server sent one) until an attempt succeeds, the attempts
run out, or the next wait would end past the time budget; then it raises PubMedUnavailable.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings

from .errors import PubMedUnavailable

logger = logging.getLogger(__name__)

T = TypeVar("T")


class TransientFault(Exception):
    """A failed attempt worth repeating (server busy or broken, network trouble, bad body)."""

    max_attempts: int | None = None  # a kind of fault may deserve fewer attempts than the policy allows

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class MissingRecords(TransientFault):
    """efetch returned fewer records than PMIDs asked for.

    Usually a fault, but deleted and withdrawn records exist: after a few attempts the PMIDs
    still absent are reported as missing rather than holding up the claim for the whole budget.
    """

    max_attempts = 3


@dataclass
class RetryPolicy:
    max_attempts: int
    budget_seconds: float
    backoff_seconds: float
    max_backoff_seconds: float
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def from_settings(
        cls, *, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic
    ) -> RetryPolicy:
        return cls(
            max_attempts=max(1, int(settings.PUBMED_MAX_ATTEMPTS)),
            budget_seconds=float(settings.PUBMED_RETRY_BUDGET_SECONDS),
            backoff_seconds=float(settings.PUBMED_BACKOFF_SECONDS),
            max_backoff_seconds=float(settings.PUBMED_MAX_BACKOFF_SECONDS),
            sleep=sleep,
            clock=clock,
        )

    def run(self, what: str, attempt: Callable[[], T]) -> T:
        """The result of the first successful attempt; PubMedUnavailable when attempts or budget run out."""
        started = self.clock()
        number = 0
        while True:
            number += 1
            try:
                return attempt()
            except TransientFault as fault:
                delay = self.delay(number, fault)
                elapsed = self.clock() - started
                stop = self._stop_reason(number, fault, elapsed + delay)
                if stop:
                    raise PubMedUnavailable(
                        f"PubMed {what} failed after {number} attempts in {elapsed:.1f}s ({stop}): {fault}"
                    ) from fault
                logger.warning("PubMed %s attempt %d failed (%s); retrying in %.2fs", what, number, fault, delay)
                self.sleep(delay)

    def delay(self, attempt_number: int, fault: TransientFault) -> float:
        # Jitter keeps workers that failed together from retrying together.
        delay = self.backoff_seconds * 2.0 ** (attempt_number - 1) * random.uniform(0.5, 1.5)
        delay = min(delay, self.max_backoff_seconds)
        if fault.retry_after is not None:
            delay = max(delay, fault.retry_after)  # honoured even past our own cap; the budget still rules
        return delay

    def _stop_reason(self, attempt_number: int, fault: TransientFault, next_start: float) -> str:
        limit = min(self.max_attempts, fault.max_attempts or self.max_attempts)
        if attempt_number >= limit:
            return "no attempts left"
        if next_start > self.budget_seconds:
            return f"the next attempt would start after the {self.budget_seconds:g}s retry budget"
        return ""
