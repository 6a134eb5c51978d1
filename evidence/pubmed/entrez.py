"""The live PubMed source: E-utilities through Bio.Entrez, with our own rate limit, retries and circuit breaker.

Bio.Entrez builds the requests; with `max_tries = 1` it sends each exactly once through our
opener (transport.py: our address, timeouts and rate limit), and every fault is retried here
(retries.py), then raised as PubMedUnavailable, never returned as an empty result. Repeated
outages open a circuit breaker (breaker.py) so a run stops early instead of waiting out every claim.

Searching: one esearch with retmax 9,999 and the history server answers most queries in one
request; a smaller page size pages through the history with efetch rettype=uilist. PubMed hands
out only the first 9,999 IDs of any search (10,000 in its documentation), so a search counting
more is split by entrez date (datetype=edat), halving the range until every part fits, and the
parts are joined, newest first. Fetching: efetch in batches of at most 200 PMIDs; Bio.Entrez
sends a batch by POST once its parameters pass 1,000 characters or 200 IDs (so from about 90
eight-digit PMIDs on), by GET below that.
"""

from __future__ import annotations

import datetime
import http.client
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any
from urllib.error import HTTPError, URLError

from Bio import Entrez
from django.conf import settings
from lxml import etree

from .articles import Article, parse_articles
from .breaker import breaker_for
from .errors import PubMedUnavailable, SearchTooBroad
from .ratelimit import RateLimiter, RateLimiterUnavailable, rate_limiter_for
from .results import FetchResult, SearchResult, unique_pmids
from .retries import MissingRecords, RetryPolicy, TransientFault
from .transport import EutilsOpener

logger = logging.getLogger(__name__)

SEARCH_CAP = 9_999  # the most IDs PubMed's esearch hands out for one search, at any retstart
EARLIEST_ENTREZ_DATE = datetime.date(1800, 1, 1)
LATEST_ENTREZ_DATE = datetime.date(3000, 12, 31)  # PubMed's own idiom for an open-ended date range
_ONE_DAY = datetime.timedelta(days=1)
# Bio.Entrez is untyped; these are its request functions, each returning a response handle.
_esearch: Callable[..., IO[Any]] = Entrez.esearch
_efetch: Callable[..., IO[Any]] = Entrez.efetch
_SAFE_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


@dataclass
class _Tally:
    requests: int = 0


class EntrezClient:
    """Searches and fetches PubMed through NCBI E-utilities (or a compatible server)."""

    source = "entrez"
    batch_size = 200  # NCBI's advice for one efetch POST

    def __init__(
        self,
        *,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        page_size: int | None = None,
        batch_size: int | None = None,
        search_cap: int = SEARCH_CAP,
    ) -> None:
        self.email: str = settings.PUBMED_EMAIL
        self.tool: str = settings.PUBMED_TOOL
        self.api_key: str = settings.PUBMED_API_KEY
        self.search_cap = search_cap
        self.page_size = min(page_size or search_cap, search_cap)  # esearch retmax
        self.batch_size = min(batch_size or self.batch_size, 200)
        self.retries = RetryPolicy.from_settings(sleep=sleep, clock=clock)
        self.opener = EutilsOpener(
            base_url=settings.PUBMED_EUTILS_URL,
            connect_timeout=settings.PUBMED_CONNECT_TIMEOUT,
            read_timeout=settings.PUBMED_READ_TIMEOUT,
            limiter=limiter or rate_limiter_for(self.api_key, redis_url=settings.REDIS_URL),
        )
        self.breaker = breaker_for(
            self.opener.base_url,
            threshold=settings.PUBMED_BREAKER_THRESHOLD,
            cooldown_seconds=settings.PUBMED_BREAKER_COOLDOWN_SECONDS,
        )

    def search(
        self, term: str, *, mindate: datetime.date | None = None, maxdate: datetime.date | None = None
    ) -> SearchResult:
        """PMIDs for a PubMed query (newest first), optionally within an entrez-date range (inclusive)."""
        tally = _Tally()
        with self.breaker.guard():
            first = self._esearch(tally, term, mindate, maxdate)
            if first.count <= self.search_cap:
                pmids = self._all_pmids(tally, first)
            else:
                pmids = self._split_by_date(tally, term, mindate, maxdate, first.count)
        logger.info("PubMed search %r: %d PMIDs in %d requests", term, first.count, tally.requests)
        return SearchResult(pmids=tuple(pmids), count=first.count, requests=tally.requests)

    def fetch(self, pmids: Sequence[str]) -> FetchResult:
        """Records for these PMIDs, in the order asked; PMIDs absent after retries are missing."""
        tally = _Tally()
        wanted = unique_pmids(pmids)
        articles: list[Article] = []
        missing: list[str] = []
        if wanted:
            with self.breaker.guard():
                for start in range(0, len(wanted), self.batch_size):
                    found, absent = self._fetch_batch(tally, wanted[start : start + self.batch_size])
                    articles += found
                    missing += absent
        if missing:
            logger.warning("PubMed efetch: %d PMIDs missing after retries: %s", len(missing), ", ".join(missing))
        return FetchResult(articles=tuple(articles), missing=tuple(missing), requests=tally.requests)

    def _split_by_date(
        self, tally: _Tally, term: str, mindate: datetime.date | None, maxdate: datetime.date | None, count: int
    ) -> list[str]:
        low = mindate or EARLIEST_ENTREZ_DATE
        high = maxdate or datetime.date.today() + _ONE_DAY  # a day ahead: NCBI's calendar may be ahead of ours
        pmids = list(dict.fromkeys(self._halves(tally, term, low, high)))
        if len(pmids) < count:
            # Records added or removed between the requests, or entrez dates outside the range.
            logger.warning("PubMed search %r counted %d but its date parts hold %d", term, count, len(pmids))
        return pmids

    def _halves(self, tally: _Tally, term: str, low: datetime.date, high: datetime.date) -> list[str]:
        if low >= high:
            raise SearchTooBroad(f"more than {self.search_cap} PubMed records entered on {low} for {term!r}")
        middle = low + (high - low) // 2
        pmids: list[str] = []
        for part_low, part_high in ((middle + _ONE_DAY, high), (low, middle)):  # newest first, as PubMed sorts
            page = self._esearch(tally, term, part_low, part_high)
            if page.count <= self.search_cap:
                pmids += self._all_pmids(tally, page)
            else:
                pmids += self._halves(tally, term, part_low, part_high)
        return pmids

    def _esearch(
        self, tally: _Tally, term: str, mindate: datetime.date | None, maxdate: datetime.date | None
    ) -> _EsearchPage:
        params = {"term": term, "retstart": 0, "retmax": self.page_size, "usehistory": "y"}
        params.update(_date_params(mindate, maxdate))
        return self.retries.run("esearch", lambda: self._esearch_page(tally, **params))

    def _all_pmids(self, tally: _Tally, first: _EsearchPage) -> list[str]:
        """The first page's PMIDs and the rest from the history server."""
        pmids = list(first.pmids)
        while len(pmids) < first.count:
            if not first.webenv or not first.query_key:
                raise PubMedUnavailable(f"esearch found {first.count} PMIDs but gave no history to page through")
            retstart = len(pmids)
            pmids += self.retries.run("efetch of a PMID page", lambda: self._uid_page(tally, first, retstart))
        return pmids

    def _fetch_batch(self, tally: _Tally, batch: list[str]) -> tuple[list[Article], list[str]]:
        found: dict[str, Article] = {}

        def attempt() -> None:
            # Only the PMIDs not yet received are asked for again.
            asked = [p for p in batch if p not in found]
            body = self._request(tally, lambda: _efetch(db="pubmed", id=asked, retmode="xml"))
            wanted = set(asked)
            received = {a.pmid: a for a in _articles(body) if a.pmid in wanted}
            found.update(received)
            if len(found) < len(batch):
                # Also how a body cut after a complete record would show, were it to parse.
                raise MissingRecords(f"efetch returned {len(received)} of {len(asked)} records")

        try:
            self.retries.run(f"efetch of {len(batch)} PMIDs", attempt)
        except PubMedUnavailable as exc:
            if not isinstance(exc.__cause__, MissingRecords):
                raise
        return [found[p] for p in batch if p in found], [p for p in batch if p not in found]

    def _esearch_page(self, tally: _Tally, **params: Any) -> _EsearchPage:
        body = self._request(tally, lambda: _esearch(db="pubmed", **params))
        page = _EsearchPage.from_xml(body)
        expected = min(page.count - params["retstart"], params["retmax"])
        if len(page.pmids) < expected:
            raise TransientFault(f"esearch returned {len(page.pmids)} of {expected} PMIDs")
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
            raise TransientFault(f"PMID page is not a list of PMIDs: {_excerpt(body)}")
        expected = min(first.count - retstart, self.page_size)
        if len(lines) < expected:
            raise TransientFault(f"PMID page returned {len(lines)} of {expected} PMIDs")
        return lines

    def _request(self, tally: _Tally, call: Callable[[], IO[Any]]) -> bytes:
        """One HTTP attempt through Bio.Entrez; transient failures become TransientFault."""
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
                raise TransientFault(f"HTTP {exc.code}", retry_after=_retry_after(exc.headers.get("Retry-After")))
            raise PubMedUnavailable(f"E-utilities refused the request: HTTP {exc.code} {exc.reason}") from exc
        except (URLError, OSError, http.client.HTTPException, UnicodeDecodeError, RateLimiterUnavailable) as exc:
            # Connection refused or reset, timeouts, bodies that break off or do not decode, Redis down.
            raise TransientFault(f"{type(exc).__name__}: {exc}") from exc
        body = body.encode("utf-8") if isinstance(body, str) else body
        if not body.strip():
            raise TransientFault("empty response body")
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
            raise TransientFault(f"esearch answered <{root.tag}>: {_excerpt(body)}")
        count = root.findtext("Count")
        error = root.findtext("ERROR")
        if error is not None or count is None or not count.strip().isdigit():
            # A top-level <ERROR> (e.g. "Search Backend failed") arrives inside HTTP 200.
            raise TransientFault(f"esearch error: {error or _excerpt(body)}")
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
        raise TransientFault(f"efetch body unusable ({exc}): {_excerpt(body)}") from exc


def _xml_root(body: bytes, what: str) -> etree._Element:
    try:
        return etree.fromstring(body, _SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise TransientFault(f"{what} returned invalid XML: {exc}") from exc


def _excerpt(body: bytes) -> str:
    return body[:200].decode("utf-8", "replace").replace("\n", " ")


def _retry_after(value: str | None) -> float | None:
    # NCBI sends seconds; an HTTP-date form is rare enough to fall back to our own backoff.
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _date_params(mindate: datetime.date | None, maxdate: datetime.date | None) -> dict[str, str]:
    """An entrez-date range (both ends inclusive) as E-utilities takes it; an open end becomes a far-away date."""
    if mindate is None and maxdate is None:
        return {}
    low, high = mindate or EARLIEST_ENTREZ_DATE, maxdate or LATEST_ENTREZ_DATE
    return {"datetype": "edat", "mindate": low.strftime("%Y/%m/%d"), "maxdate": high.strftime("%Y/%m/%d")}
