"""A local E-utilities-compatible HTTP server for tests: esearch, efetch and epost over given XML, faults on demand.

It answers on 127.0.0.1 at an ephemeral port, evaluates esearch terms with the snapshot's local
search engine, keeps WebEnv/query_key history, records every request with its arrival time, and
breaks requests in the ways NCBI breaks (see FAULT_KINDS): the next N on demand, every one, or a
random share of them. Like PubMed it hands out only the first 9,999 IDs of any search
(`search_cap`): esearch clips retmax and refuses a retstart past the cap, and so does paging
through the history. `synthetic_article_set` makes thousands of records with entrez dates.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import random
import socket
import struct
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from evidence.pubmed.articles import parse_articles
from evidence.pubmed.local_search import search_records, searchable

logger = logging.getLogger(__name__)

FAULT_KINDS = (
    "http_400", "http_500", "http_502", "http_503", "http_429",  # HTTP errors; 429 carries Retry-After
    "error_in_200",  # HTTP 200 whose body is an <ERROR> document ("Search Backend failed")
    "empty_body", "truncated_xml",  # 200 with nothing, or with the body cut mid-element
    "truncated_at_record",  # cut after a complete record, closing tags missing (a lenient parser would accept it)
    "drop_records",  # efetch: last record left out (still valid XML); esearch: last Id left out
    "slow", "timeout",  # no answer until `slow_seconds` have passed (longer than a test's read timeout)
    "reset",  # the connection is reset before any answer
    "broken_body",  # headers promise more bytes than arrive before the connection closes
)  # fmt: skip
ARTICLE_SET_HEAD = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN"'
    b' "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n'
)
ARTICLE_SET_TAIL = b"</PubmedArticleSet>\n"
# Every kind a client should retry: all but the refusal (HTTP 400).
TRANSIENT_FAULT_KINDS = tuple(kind for kind in FAULT_KINDS if kind != "http_400")
PUBMED_SEARCH_CAP = 9_999  # PubMed's esearch hands out at most this many IDs of one search
_SAFE_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


@dataclass(frozen=True)
class RecordedRequest:
    endpoint: str  # "esearch", "efetch", ...
    method: str
    params: dict[str, str]
    at: float  # time.monotonic() when the request arrived
    fault: str | None


@dataclass
class _Fault:
    kind: str
    remaining: int | None  # None: every matching request fails
    endpoint: str | None
    retry_after: str


@dataclass
class _RandomFaults:
    rate: float
    kinds: tuple[str, ...]
    endpoint: str | None
    rng: random.Random
    rotate_kinds: bool
    drawn: int = 0

    def draw(self) -> str:
        self.drawn += 1
        return self.kinds[(self.drawn - 1) % len(self.kinds)] if self.rotate_kinds else self.rng.choice(self.kinds)


@dataclass
class _Response:
    status: int
    body: bytes
    content_type: str = "text/xml; charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)


class EutilsServer:
    """Serves PubMed records from efetch XML documents like NCBI's esearch.fcgi and efetch.fcgi."""

    def __init__(
        self, documents: Iterable[bytes], *, slow_seconds: float = 2.0, search_cap: int = PUBMED_SEARCH_CAP
    ) -> None:
        self.slow_seconds = slow_seconds
        self.search_cap = search_cap
        self.requests: list[RecordedRequest] = []
        self._records: dict[str, bytes] = {}
        for document in documents:
            self._records.update(_split_records(document))
        self._searchable = searchable(parse_articles(self.article_set(self._records), source="entrez"))
        self._faults: list[_Fault] = []
        self._random_faults: _RandomFaults | None = None
        self._history: dict[str, list[list[str]]] = {}
        self._webenv_numbers = itertools.count(1)
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._httpd = _AcceptTimingServer(("127.0.0.1", 0), _Handler)
        self._httpd.eutils = self  # type: ignore[attr-defined]
        # A short poll interval: shutdown() waits for the serving loop to notice, up to one interval.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, name="eutils-server", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/entrez/eutils/"

    def start(self) -> EutilsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # releases handlers held by a "slow" fault
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> EutilsServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def fail_next(self, kind: str, *, times: int = 1, endpoint: str | None = None, retry_after: str = "0") -> None:
        """Break the next `times` requests (to `endpoint`, or to any) in the way `kind` names."""
        self._add_fault(_Fault(kind, times, endpoint, retry_after))

    def fail_always(self, kind: str, *, endpoint: str | None = None) -> None:
        """Break every request (to `endpoint`, or to any) from now on."""
        self._add_fault(_Fault(kind, None, endpoint, "0"))

    def fault_rate(
        self,
        rate: float,
        *,
        kinds: Sequence[str] = TRANSIENT_FAULT_KINDS,
        seed: int = 0,
        endpoint: str | None = None,
        rotate_kinds: bool = False,
    ) -> None:
        """Break each request (to `endpoint`, or to any) with probability `rate`, in a kind drawn from `kinds`.

        Seeded: the same requests in the same order meet the same faults. With `rotate_kinds` the
        kinds take turns instead, so every kind occurs once there have been as many faults. A rate of 0 stops it.
        """
        for kind in kinds:
            self._check_kind(kind)
        with self._lock:
            self._random_faults = (
                _RandomFaults(rate, tuple(kinds), endpoint, random.Random(seed), rotate_kinds) if rate else None
            )

    def requests_to(self, endpoint: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.endpoint == endpoint]

    def _add_fault(self, fault: _Fault) -> None:
        self._check_kind(fault.kind)
        with self._lock:
            self._faults.append(fault)

    @staticmethod
    def _check_kind(kind: str) -> None:
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; choose from {', '.join(FAULT_KINDS)}")

    def take_fault(self, endpoint: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.endpoint in (None, endpoint):
                    if fault.remaining is not None:
                        fault.remaining -= 1
                        if fault.remaining == 0:
                            self._faults.remove(fault)
                    return fault
            chance = self._random_faults
            if chance is not None and chance.endpoint in (None, endpoint) and chance.rng.random() < chance.rate:
                return _Fault(chance.draw(), 1, endpoint, "0")
        return None

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def answer(self, endpoint: str, params: dict[str, str]) -> _Response:
        if endpoint == "esearch.fcgi":
            return self._esearch(params)
        if endpoint == "efetch.fcgi":
            return self._efetch(params)
        if endpoint == "epost.fcgi":
            return self._epost(params)
        return _Response(404, b"<ERROR>Unknown E-utility</ERROR>")

    def _remember(self, pmids: list[str]) -> str:
        webenv = f"MCID_test_{next(self._webenv_numbers)}"
        with self._lock:
            self._history[webenv] = [pmids]
        return webenv

    def _beyond_cap(self, retstart: int) -> _Response | None:
        if retstart < self.search_cap:
            return None
        message = (
            f"Search Backend failed: Exception:\n'retstart' cannot be larger than {self.search_cap - 1}. For PubMed, "
            f"ESearch can only retrieve the first {self.search_cap:,} records matching the query."
        )
        return _Response(200, _esearch_error(message))

    def _esearch(self, params: dict[str, str]) -> _Response:
        term = params.get("term", "")
        if not term.strip():
            return _Response(200, _esearch_error("Empty term and query_key - nothing todo"))
        try:
            pmids = self.search(term, params)
        except ValueError as exc:
            return _Response(200, _esearch_error(f"Invalid query: {exc}"))
        retstart, retmax = int(params.get("retstart", 0)), int(params.get("retmax", 20))
        if refusal := self._beyond_cap(retstart):
            return refusal
        end = min(retstart + retmax, self.search_cap)
        page = pmids[retstart:end]
        warning = ""
        if retstart + retmax > self.search_cap and len(pmids) > end:
            warning = (
                "<WarningList><OutputMessage>Restrictions achieved. start and count adjusted to "
                f"{retstart}, {end - retstart}</OutputMessage></WarningList>"
            )
        history = ""
        if params.get("usehistory") == "y":
            history = f"<QueryKey>1</QueryKey><WebEnv>{self._remember(pmids)}</WebEnv>"
        ids = "".join(f"<Id>{p}</Id>" for p in page)
        body = (
            f'<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult><Count>{len(pmids)}</Count>'
            f"<RetMax>{len(page)}</RetMax><RetStart>{retstart}</RetStart>{history}"
            f"<IdList>{ids}</IdList><TranslationSet/><QueryTranslation>{escape(term)}</QueryTranslation>"
            f"{warning}</eSearchResult>\n"
        )
        return _Response(200, body.encode("utf-8"))

    def search(self, term: str, params: dict[str, str]) -> list[str]:
        """PMIDs for a term; with datetype=edat the entrez date counts, the pub date standing in."""
        mindate, maxdate = _eutils_date(params.get("mindate")), _eutils_date(params.get("maxdate"))
        if params.get("datetype", "pdat") == "edat":
            return search_records(
                term, self._searchable, mindate=mindate, maxdate=maxdate, date_of=lambda a: a.entrez_date or a.pub_date
            )
        return search_records(term, self._searchable, mindate=mindate, maxdate=maxdate)

    def _epost(self, params: dict[str, str]) -> _Response:
        pmids = [p.strip() for p in params.get("id", "").split(",") if p.strip()]
        if not pmids:
            return _Response(200, b"<ePostResult><ERROR>Empty ID list; Nothing to store</ERROR></ePostResult>")
        body = f"<ePostResult><QueryKey>1</QueryKey><WebEnv>{self._remember(pmids)}</WebEnv></ePostResult>\n"
        return _Response(200, b'<?xml version="1.0" encoding="UTF-8" ?>\n' + body.encode())

    def _efetch(self, params: dict[str, str]) -> _Response:
        if not params.get("id") and (refusal := self._beyond_cap(int(params.get("retstart", 0)))):
            return refusal
        pmids = self._efetch_pmids(params)
        if pmids is None:
            return _Response(400, b"<eFetchResult><ERROR>Empty id list - nothing todo</ERROR></eFetchResult>")
        if params.get("rettype") == "uilist":
            return _Response(200, "".join(f"{p}\n" for p in pmids).encode(), "text/plain; charset=UTF-8")
        return _Response(200, self.article_set({p: self._records[p] for p in pmids if p in self._records}))

    def _efetch_pmids(self, params: dict[str, str]) -> list[str] | None:
        if params.get("id"):
            return [p.strip() for p in params["id"].split(",") if p.strip()]
        with self._lock:
            sets = self._history.get(params.get("WebEnv", ""), [])
        key = int(params.get("query_key", 0) or 0)
        if not 1 <= key <= len(sets):
            return None
        retstart, retmax = int(params.get("retstart", 0)), int(params.get("retmax", 20))
        return sets[key - 1][retstart : min(retstart + retmax, self.search_cap)]

    @staticmethod
    def article_set(records: dict[str, bytes]) -> bytes:
        return ARTICLE_SET_HEAD + b"".join(records.values()) + ARTICLE_SET_TAIL


class _AcceptTimingServer(ThreadingHTTPServer):
    """Notes when each connection was accepted, before a handler thread starts: the steadiest arrival time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accepted_at: dict[object, float] = {}

    def process_request(self, request: Any, client_address: Any) -> None:
        self.accepted_at[request] = time.monotonic()
        super().process_request(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server_version = "eutils-test/1.0"

    def do_GET(self) -> None:
        self._serve(urlsplit(self.path).query, self._arrival())

    def do_POST(self) -> None:
        arrived = self._arrival()
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("utf-8")
        query = urlsplit(self.path).query
        self._serve(f"{query}&{body}" if query else body, arrived)

    def _arrival(self) -> float:
        server: _AcceptTimingServer = self.server  # type: ignore[assignment]
        return server.accepted_at.pop(self.request, None) or time.monotonic()

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("eutils-test: " + format, *args)

    def _serve(self, query: str, arrived: float) -> None:
        eutils: EutilsServer = self.server.eutils  # type: ignore[attr-defined]
        endpoint = urlsplit(self.path).path.rsplit("/", 1)[-1]
        params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        name = endpoint.removesuffix(".fcgi")
        fault = eutils.take_fault(name)
        eutils.record(RecordedRequest(name, self.command, params, arrived, fault.kind if fault else None))
        try:
            self._respond(eutils, endpoint, params, fault)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (e.g. its read timeout), as it should

    def _respond(self, eutils: EutilsServer, endpoint: str, params: dict[str, str], fault: _Fault | None) -> None:
        if fault is None:
            return self._send(eutils.answer(endpoint, params))
        kind = fault.kind
        if kind.startswith("http_"):
            headers = {"Retry-After": fault.retry_after} if kind == "http_429" else {}
            return self._send(_Response(int(kind[5:]), b"<html><body>Error</body></html>", "text/html", headers))
        if kind == "error_in_200":
            root = "eSearchResult" if endpoint == "esearch.fcgi" else "eFetchResult"
            message = "Search Backend failed: Exception:\n'Database is not supported: pubmed'"
            return self._send(_Response(200, f"<{root}><ERROR>{escape(message)}</ERROR></{root}>".encode()))
        if kind == "empty_body":
            return self._send(_Response(200, b""))
        if kind in ("slow", "timeout"):
            eutils.stopping.wait(eutils.slow_seconds)
            return self._send(eutils.answer(endpoint, params))
        if kind == "reset":
            return self._reset()
        response = eutils.answer(endpoint, params)
        if kind == "truncated_xml":
            response.body = response.body[: len(response.body) // 2]
        elif kind == "truncated_at_record":
            response.body = cut_at_record_boundary(response.body)
        elif kind == "drop_records":
            response.body = _drop_last_record(response.body)
        elif kind == "broken_body":
            return self._send(response, cut_at=len(response.body) // 2)
        return self._send(response)

    def _send(self, response: _Response, cut_at: int | None = None) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body if cut_at is None else response.body[:cut_at])
        if cut_at is not None:
            self.close_connection = True  # a plain close: the client sees the body break off

    def _reset(self) -> None:
        # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


def _drop_last_record(body: bytes) -> bytes:
    """The same answer with its last record (efetch), Id (esearch) or line (uilist) left out."""
    for closing in (b"</PubmedArticle>", b"<Id>"):
        end = body.rfind(closing)
        if end == -1:
            continue
        if closing == b"<Id>":
            return body[:end] + body[body.index(b"</Id>", end) + len(b"</Id>") :]
        start = body.rfind(b"<PubmedArticle>", 0, end)
        return body[:start] + body[end + len(closing) :]
    lines = body.splitlines(keepends=True)
    return b"".join(lines[:-1])


def cut_at_record_boundary(body: bytes) -> bytes:
    """The answer cut right after its second-to-last complete record (or before the only one), tail lost."""
    for closing, opening in ((b"</PubmedArticle>", b"<PubmedArticle>"), (b"</Id>", b"<Id>")):
        last = body.rfind(closing)
        if last == -1:
            continue
        previous = body.rfind(closing, 0, last)
        return body[: previous + len(closing)] if previous != -1 else body[: body.rfind(opening, 0, last)]
    lines = body.splitlines(keepends=True)  # a uilist page: one PMID a line
    return b"".join(lines[:-1])


def _esearch_error(message: str) -> bytes:
    body = f"<eSearchResult><ERROR>{escape(message)}</ERROR></eSearchResult>\n"
    return b'<?xml version="1.0" encoding="UTF-8" ?>\n' + body.encode()


def _eutils_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.replace("-", "/").split("/")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _split_records(document: bytes) -> dict[str, bytes]:
    root = etree.fromstring(document, _SAFE_XML)
    records = {}
    for node in root.iterfind("PubmedArticle"):
        node.tail = "\n"
        records[node.findtext("MedlineCitation/PMID", "").strip()] = etree.tostring(node, encoding="utf-8")
    return records


def article_xml(
    pmid: str,
    *,
    title: str = "A synthetic article",
    abstract: Sequence[tuple[str, str]] = (("", "Synthetic abstract."),),
    publication_types: Sequence[str] = ("Journal Article",),
    mesh: Sequence[tuple[str, bool]] = (),
    comments: Sequence[str] = (),
    pub_date: str = "<Year>2021</Year><Month>Mar</Month><Day>5</Day>",
    entrez_date: str = "",
) -> str:
    """One PubmedArticle element for tests; `abstract` holds (label, text) pairs, empty for none."""
    sections = "".join(f'<AbstractText Label="{escape(label)}">{escape(text)}</AbstractText>' if label
                       else f"<AbstractText>{escape(text)}</AbstractText>" for label, text in abstract)  # fmt: skip
    types = "".join(f"<PublicationType>{escape(t)}</PublicationType>" for t in publication_types)
    headings = "".join(
        f'<MeshHeading><DescriptorName MajorTopicYN="{"Y" if major else "N"}">{escape(name)}</DescriptorName>'
        "</MeshHeading>"
        for name, major in mesh
    )
    corrections = "".join(f'<CommentsCorrections RefType="{kind}"><RefSource>x</RefSource></CommentsCorrections>'
                          for kind in comments)  # fmt: skip
    history = ""
    if entrez_date:
        history = f'<History><PubMedPubDate PubStatus="entrez">{entrez_date}</PubMedPubDate></History>'
    return (
        f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article>"
        f"<Journal><JournalIssue><PubDate>{pub_date}</PubDate></JournalIssue><Title>Journal of Tests</Title></Journal>"
        f"<ArticleTitle>{escape(title)}</ArticleTitle>"
        + (f"<Abstract>{sections}</Abstract>" if abstract else "")
        + f"<PublicationTypeList>{types}</PublicationTypeList></Article>"
        + (f"<CommentsCorrectionsList>{corrections}</CommentsCorrectionsList>" if comments else "")
        + (f"<MeshHeadingList>{headings}</MeshHeadingList>" if mesh else "")
        + f"</MedlineCitation><PubmedData>{history}</PubmedData></PubmedArticle>\n"
    )


def article_set(*articles: str) -> bytes:
    """A PubmedArticleSet document holding the given PubmedArticle elements."""
    return ARTICLE_SET_HEAD + "".join(articles).encode("utf-8") + ARTICLE_SET_TAIL


SYNTHETIC_DESIGNS = (
    ("Randomized Controlled Trial", "a randomized placebo-controlled trial"),
    ("Review", "a narrative review"),
    ("Case Reports", "a case report"),
    ("Observational Study", "a cohort study"),
    ("Journal Article", "an open-label pilot study"),
)


def synthetic_article_set(
    count: int,
    *,
    first_pmid: int = 30_000_000,
    first_entrez_date: datetime.date = datetime.date(2000, 1, 1),
    per_day: int = 2,
    topic: str = "kratom",
) -> bytes:
    """`count` PubmedArticle records about `topic`, PMIDs rising with their entrez dates (`per_day` a day).

    Each carries a title, an abstract, a publication type and MeSH heading cycling through
    SYNTHETIC_DESIGNS, and a <PubMedPubDate PubStatus="entrez">, so searches can be split by date.
    """
    records = []
    for n in range(count):
        entered = first_entrez_date + datetime.timedelta(days=n // per_day)
        publication_type, wording = SYNTHETIC_DESIGNS[n % len(SYNTHETIC_DESIGNS)]
        year_month = f"<Year>{entered.year}</Year><Month>{entered.month:02d}</Month>"
        records.append(
            article_xml(
                str(first_pmid + n),
                title=f"Synthetic record {n + 1}: {topic} in {wording}",
                abstract=(("RESULTS", f"We studied {topic} in {wording}."),),
                publication_types=(publication_type,),
                mesh=(("Humans", False),),
                pub_date=year_month,
                entrez_date=f"{year_month}<Day>{entered.day:02d}</Day>",
            )
        )
    return article_set(*records)
