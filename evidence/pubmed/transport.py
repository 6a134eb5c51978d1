"""The HTTP opener installed as Bio.Entrez's `urlopen`: our address, our timeouts, our rate limit.

Biopython hard-codes NCBI's address and opens URLs without a timeout. This opener is the
production seam (tests reach the local E-utilities server through it, on the real urllib path):
it sends each request to PUBMED_EUTILS_URL, bounds connecting and each read separately, and
takes one rate-limit token per HTTP attempt.
"""

from __future__ import annotations

import functools
import http.client
import logging
import urllib.request
from typing import Any

from .ratelimit import RateLimiter

logger = logging.getLogger(__name__)

NCBI_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"


class _ReadTimeoutHTTPConnection(http.client.HTTPConnection):
    """Connects within `timeout`, then waits at most `read_timeout` for each read."""

    def __init__(self, *args: Any, read_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()
        self.sock.settimeout(self.read_timeout)


class _ReadTimeoutHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, read_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()  # the TLS handshake still runs under the connect timeout
        self.sock.settimeout(self.read_timeout)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout: float) -> None:
        super().__init__()
        self._read_timeout = read_timeout

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_ReadTimeoutHTTPConnection, read_timeout=self._read_timeout)
        return self.do_open(connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, read_timeout: float) -> None:
        super().__init__()
        self._read_timeout = read_timeout

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_ReadTimeoutHTTPSConnection, read_timeout=self._read_timeout)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


class EutilsOpener:
    """A callable with `urllib.request.urlopen`'s one-argument shape, as Bio.Entrez calls it."""

    def __init__(
        self, *, base_url: str, connect_timeout: float, read_timeout: float, limiter: RateLimiter
    ) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.connect_timeout = connect_timeout
        self._limiter = limiter
        self._opener = urllib.request.build_opener(_HTTPHandler(read_timeout), _HTTPSHandler(read_timeout))

    def __call__(self, request: urllib.request.Request) -> http.client.HTTPResponse:
        self._limiter.acquire()
        routed = self.route(request)
        logger.debug("E-utilities %s %s", routed.get_method(), routed.full_url.split("?")[0])
        return self._opener.open(routed, timeout=self.connect_timeout)  # type: ignore[no-any-return]

    def route(self, request: urllib.request.Request) -> urllib.request.Request:
        """The same request addressed to our E-utilities base URL instead of NCBI's."""
        url = request.full_url
        if url.startswith(NCBI_EUTILS_URL):
            url = self.base_url + url[len(NCBI_EUTILS_URL) :]
        return urllib.request.Request(
            url, data=request.data, headers=dict(request.header_items()), method=request.get_method()
        )
