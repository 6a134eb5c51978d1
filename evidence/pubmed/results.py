"""What a PubMed source answers: search and fetch results, and the interface both sources share."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .articles import Article


@dataclass(frozen=True)
class SearchResult:
    pmids: tuple[str, ...]
    count: int
    requests: int  # HTTP requests the search took (0 for the snapshot)


@dataclass(frozen=True)
class FetchResult:
    articles: tuple[Article, ...]
    missing: tuple[str, ...]  # PMIDs asked for that did not come back, even after retries
    requests: int


class PubMedSource(Protocol):
    """The one interface of the offline snapshot and the live E-utilities client."""

    source: str

    def search(
        self, term: str, *, mindate: datetime.date | None = None, maxdate: datetime.date | None = None
    ) -> SearchResult: ...

    def fetch(self, pmids: Sequence[str]) -> FetchResult: ...


def unique_pmids(pmids: Sequence[str]) -> list[str]:
    """PMIDs in the order given, without repeats; a non-numeric one raises ValueError."""
    seen: dict[str, None] = {}
    for pmid in pmids:
        pmid = str(pmid).strip()
        if not pmid.isdigit():
            raise ValueError(f"not a PMID: {pmid!r}")
        seen.setdefault(pmid, None)
    return list(seen)
