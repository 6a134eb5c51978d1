"""The live PubMed source: E-utilities through Bio.Entrez, with our own retries and backoff.

Bio.Entrez builds the requests; with `max_tries = 1` it sends each exactly once through our
opener (see transport.py), and every fault is retried here with exponential backoff and
jitter, then raised as PubMedUnavailable, never returned as an empty result.
"""

from __future__ import annotations

import datetime
import http.client
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any, TypeVar
from urllib.error import HTTPError, URLError

from Bio import Entrez
from django.conf import settings
from lxml import etree

from .articles import Article, parse_articles
from .errors import PubMedUnavailable
from .ratelimit import RateLimiter, rate_limiter_for
from .results import FetchResult, SearchResult, unique_pmids
from .transport import EutilsOpener

logger = logging.getLogger(__name__)

T = TypeVar("T")
MAX_BACKOFF_SECONDS = 60.0  # also caps a Retry-After, so one request never parks a worker for long
# Bio.Entrez is untyped; these are its request functions, each returning a response handle.
_esearch: Callable[..., IO[Any]] = Entrez.esearch
_efetch: Callable[..., IO[Any]] = Entrez.efetch
_SAFE_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


class _Transient(Exception):
    """A failed attempt worth repeating (server busy or broken, network trouble, bad body)."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class _ShortFetch(_Transient):
    """efetch returned fewer records than PMIDs asked for."""


@dataclass
class _Tally:
    requests: int = 0


class EntrezClient:
    """Searches and fetches PubMed through NCBI E-utilities (or a compatible server)."""

    source = "entrez"
    page_size = 10_000  # esearch retmax; PubMed returns at most this many IDs per page
    batch_size = 200  # NCBI's advice for one efetch POST

    def __init__(
        self,
        *,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        page_size: int | None = None,
        batch_size: int | None = None,
    ) -> None:
        self.email: str = settings.PUBMED_EMAIL
        self.tool: str = settings.PUBMED_TOOL
        self.api_key: str = settings.PUBMED_API_KEY
        self.max_attempts = max(1, int(settings.PUBMED_MAX_ATTEMPTS))
        self.backoff_seconds = float(settings.PUBMED_BACKOFF_SECONDS)
        self.page_size = page_size or self.page_size
        self.batch_size = min(batch_size or self.batch_size, 200)
        self._sleep = sleep
        self.opener = EutilsOpener(
            base_url=settings.PUBMED_EUTILS_URL,
            connect_timeout=settings.PUBMED_CONNECT_TIMEOUT,
            read_timeout=settings.PUBMED_READ_TIMEOUT,
            limiter=limiter or rate_limiter_for(self.api_key),
        )

    def search(
        self, term: str, *, mindate: datetime.date | None = None, maxdate: datetime.date | None = None
    ) -> SearchResult:
        """PMIDs for a PubMed query (newest first), optionally within an entrez-date range."""
        tally = _Tally()
        dates = _date_params(mindate, maxdate)
        first = self._with_retries(
            "esearch",
            lambda: self._esearch_page(tally, term=term, retstart=0, retmax=self.page_size, usehistory="y", **dates),
        )
        pmids = list(first.pmids)
        # Later pages come from the history server. PubMed may refuse or shorten pages past its
        # first 10,000 hits; either ends in PubMedUnavailable, never a silently short list.
        # Splitting such searches by date is still to come.
        while len(pmids) < first.count:
            if not first.webenv or not first.query_key:
                raise PubMedUnavailable(f"esearch found {first.count} PMIDs but gave no history to page through")
            retstart = len(pmids)
            pmids += self._with_retries(
                "efetch of PMID page", lambda: self._uid_page(tally, first, retstart)
            )
        logger.info("PubMed search %r: %d PMIDs in %d requests", term, first.count, tally.requests)
        return SearchResult(pmids=tuple(pmids), count=first.count, requests=tally.requests)

    def fetch(self, pmids: Sequence[str]) -> FetchResult:
        """Records for these PMIDs, in the order asked; PMIDs absent after retries are missing."""
        tally = _Tally()
        wanted = unique_pmids(pmids)
        articles: list[Article] = []
        missing: list[str] = []
        for start in range(0, len(wanted), self.batch_size):
            found, absent = self._fetch_batch(tally, wanted[start : start + self.batch_size])
            articles += found
            missing += absent
        if missing:
            logger.warning("PubMed efetch: %d PMIDs missing after retries: %s", len(missing), ", ".join(missing))
        return FetchResult(articles=tuple(articles), missing=tuple(missing), requests=tally.requests)

    def _fetch_batch(self, tally: _Tally, batch: list[str]) -> tuple[list[Article], list[str]]:
        found: dict[str, Article] = {}

        def attempt() -> None:
            # Only the PMIDs not yet received are asked for again.
            asked = [p for p in batch if p not in found]
            body = self._request(tally, lambda: _efetch(db="pubmed", id=asked, retmode="xml"))
            received = {a.pmid: a for a in _articles(body) if a.pmid in set(asked)}
            found.update(received)
            if len(found) < len(batch):
                raise _ShortFetch(f"efetch returned {len(received)} of {len(asked)} records")

        try:
            self._with_retries(f"efetch of {len(batch)} PMIDs", attempt)
        except PubMedUnavailable as exc:
            if not isinstance(exc.__cause__, _ShortFetch):
                raise
        return [found[p] for p in batch if p in found], [p for p in batch if p not in found]

    def _esearch_page(self, tally: _Tally, **params: Any) -> _EsearchPage:
        body = self._request(tally, lambda: _esearch(db="pubmed", **params))
        page = _EsearchPage.from_xml(body)
        expected = min(page.count - params["retstart"], params["retmax"])
        if len(page.pmids) < expected:
            raise _Transient(f"esearch returned {len(page.pmids)} of {expected} PMIDs")
        return page

    def _uid_page(self, tally: _Tally, first: _EsearchPage, retstart: int) -> list[str]:
        body = self._request(
            tally,
            lambda: _efetch(
                db="pubmed", WebEnv=first.webenv, query_key=first.query_key,
                retstart=retstart, retmax=self.page_size, rettype="uilist", retmode="text",
            ),
        )  # fmt: skip
        lines = body.decode("utf-8", "replace").split()
        if not all(line.isdigit() for line in lines):
            raise _Transient(f"PMID page is not a list of PMIDs: {_excerpt(body)}")
        expected = min(first.count - retstart, self.page_size)
        if len(lines) < expected:
            raise _Transient(f"PMID page returned {len(lines)} of {expected} PMIDs")
        return lines

    def _with_retries(self, what: str, attempt: Callable[[], T]) -> T:
        for number in range(1, self.max_attempts + 1):
            try:
                return attempt()
            except _Transient as fault:
                if number == self.max_attempts:
                    raise PubMedUnavailable(f"PubMed {what} failed after {number} attempts: {fault}") from fault
                delay = self._backoff(number, fault)
                logger.warning("PubMed %s attempt %d failed (%s); retrying in %.2fs", what, number, fault, delay)
                self._sleep(delay)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _backoff(self, attempt_number: int, fault: _Transient) -> float:
        # Jitter keeps workers that failed together from retrying together.
        delay = self.backoff_seconds * 2.0 ** (attempt_number - 1) * random.uniform(0.5, 1.5)
        if fault.retry_after is not None:
            delay = max(delay, fault.retry_after)
        return min(delay, MAX_BACKOFF_SECONDS)

    def _request(self, tally: _Tally, call: Callable[[], IO[Any]]) -> bytes:
        """One HTTP attempt through Bio.Entrez; transient failures become _Transient."""
        self._configure_entrez()
        tally.requests += 1
        try:
            handle = call()
            try:
                body = handle.read()
            finally:
                handle.close()
        except HTTPError as exc:
            exc.close()
            if exc.code == 429 or exc.code >= 500:
                raise _Transient(f"HTTP {exc.code}", retry_after=_retry_after(exc.headers.get("Retry-After")))
            raise PubMedUnavailable(f"E-utilities refused the request: HTTP {exc.code} {exc.reason}") from exc
        except (URLError, OSError, http.client.HTTPException, UnicodeDecodeError) as exc:
            # Connection refused or reset, timeouts, bodies that break off or do not decode.
            raise _Transient(f"{type(exc).__name__}: {exc}") from exc
        body = body.encode("utf-8") if isinstance(body, str) else body
        if not body.strip():
            raise _Transient("empty response body")
        return bytes(body)

    def _configure_entrez(self) -> None:
        # Bio.Entrez keeps these as module globals; set them before every request so the
        # settings in force (and this client's opener) are the ones used.
        Entrez.email = self.email or None  # type: ignore[assignment]
        Entrez.tool = self.tool
        Entrez.api_key = self.api_key or None  # type: ignore[assignment]
        Entrez.max_tries = 1
        Entrez.urlopen = self.opener  # type: ignore[attr-defined, assignment]


@dataclass(frozen=True)
class _EsearchPage:
    count: int
    pmids: tuple[str, ...]
    webenv: str | None
    query_key: str | None

    @classmethod
    def from_xml(cls, body: bytes) -> _EsearchPage:
        root = _xml_root(body, "esearch")
        if root.tag != "eSearchResult":
            raise _Transient(f"esearch answered <{root.tag}>: {_excerpt(body)}")
        count = root.findtext("Count")
        if count is None or not count.strip().isdigit():
            # A top-level <ERROR> (e.g. "Search Backend failed") arrives inside HTTP 200.
            raise _Transient(f"esearch error: {root.findtext('ERROR') or _excerpt(body)}")
        return cls(
            count=int(count),
            pmids=tuple(t for i in root.iterfind("IdList/Id") if (t := (i.text or "").strip())),
            webenv=root.findtext("WebEnv"),
            query_key=root.findtext("QueryKey"),
        )


def _articles(body: bytes) -> list[Article]:
    try:
        return parse_articles(body, source="entrez")
    except ValueError as exc:
        # Truncated XML, or an <ERROR> document inside HTTP 200.
        raise _Transient(f"efetch body unusable ({exc}): {_excerpt(body)}") from exc


def _xml_root(body: bytes, what: str) -> etree._Element:
    try:
        return etree.fromstring(body, _SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise _Transient(f"{what} returned invalid XML: {exc}") from exc


def _excerpt(body: bytes) -> str:
    return body[:200].decode("utf-8", "replace").replace("\n", " ")


def _retry_after(value: str | None) -> float | None:
    # NCBI sends seconds; an HTTP-date form is rare enough to fall back to our own backoff.
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _date_params(mindate: datetime.date | None, maxdate: datetime.date | None) -> dict[str, str]:
    if mindate is None and maxdate is None:
        return {}
    # E-utilities needs both ends of a range; an open end becomes a far-away date.
    low = mindate or datetime.date(1800, 1, 1)
    high = maxdate or datetime.date(3000, 12, 31)
    return {"datetype": "edat", "mindate": low.strftime("%Y/%m/%d"), "maxdate": high.strftime("%Y/%m/%d")}
