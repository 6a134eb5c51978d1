"""Fetching an article by URL: timeouts, a size cap, checked redirects, and no requests to internal addresses.

Every hop's host is resolved and each of its addresses checked (loopback, private, link-local — which
holds the cloud metadata address 169.254.169.254 — multicast, unspecified and reserved are refused),
then the connection goes to the checked address itself, so a second DNS answer cannot swap it
(DNS rebinding). HTTPS still sends the host name (SNI) and verifies the certificate against it.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import ConnectionPool

from claims.text import MAX_ARTICLE_BYTES, ArticleError

ACCEPTED_TYPES = ("text/html", "text/plain")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_URL_LENGTH = 2000  # Article.url holds this many characters
USER_AGENT = "evidence-kb/0.1 (article ingest)"
_CHUNK = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchError(ArticleError):
    """The URL could not be read as an article: unreachable, timed out, or an HTTP error."""


class FetchRefused(FetchError):
    """Refused by policy: scheme, address, too many redirects, content type or size."""


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 15.0  # the longest wait for the next bytes
    total_timeout: float = 60.0  # the whole download, checked between reads
    max_bytes: int = MAX_ARTICLE_BYTES
    max_redirects: int = 5
    allow_loopback: bool = False  # tests only: their server listens on 127.0.0.1
    verify: bool | str = True  # TLS verification; a CA bundle path in tests


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    content_type: str  # as the server sent it, e.g. "text/html; charset=utf-8"
    body: bytes


@dataclass(frozen=True)
class _Target:
    logical_url: str  # as written, without a fragment
    scheme: str
    hostname: str  # ASCII (IDNA) host name, as in the certificate
    port: int
    path: str  # path and query
    host_header: str
    addresses: tuple[IPAddress, ...]  # every address the name resolved to, all checked

    def pinned_url(self, address: IPAddress) -> str:
        """The URL with a checked address in place of the host name: nothing resolves the name again."""
        host = f"[{address}]" if address.version == 6 else str(address)
        return f"{self.scheme}://{host}:{self.port}{self.path}"


def fetch(url: str, policy: FetchPolicy) -> FetchedPage:
    """GET the URL, following at most policy.max_redirects redirects, each hop checked before connecting."""
    deadline = time.monotonic() + policy.total_timeout
    for _hop in range(policy.max_redirects + 1):
        target = check_url(url, allow_loopback=policy.allow_loopback)
        location, page = _exchange(target, policy, deadline)
        if page is not None:
            return page
        url = urljoin(url, location).partition("#")[0]
    raise FetchRefused(f"refused: more than {policy.max_redirects} redirects")


def check_url(url: str, *, allow_loopback: bool = False) -> _Target:
    """Resolve and check a URL before any connection; FetchRefused says which rule it breaks."""
    parts, hostname, port = _parse(url)
    addresses = _resolve(hostname, port)
    for address in addresses:
        reason = refusal(address, allow_loopback=allow_loopback)
        if reason and _is_ip_literal(hostname):
            raise FetchRefused(f"refused: {hostname} is {reason}")
        if reason:
            raise FetchRefused(f"refused: {hostname} resolves to {address}, {reason}")
    shown_host = f"[{hostname}]" if ":" in hostname else hostname
    default_port = port == (443 if parts.scheme == "https" else 80)
    return _Target(
        logical_url=urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, "")),
        scheme=parts.scheme,
        hostname=hostname,
        port=port,
        path=(parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
        host_header=shown_host if default_port else f"{shown_host}:{port}",
        addresses=tuple(addresses),
    )


def _parse(url: str) -> tuple[SplitResult, str, int]:
    if len(url) > MAX_URL_LENGTH:
        raise FetchRefused(f"refused: URL longer than {MAX_URL_LENGTH} characters")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"refused: only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("refused: URLs with a user name or password are not fetched")
    try:
        hostname = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except (UnicodeError, ValueError) as exc:
        raise FetchRefused(f"refused: invalid host or port in {url!r}") from exc
    if not hostname:
        raise FetchRefused(f"refused: no host in {url!r}")
    return parts, hostname, port


def _is_ip_literal(hostname: str) -> bool:
    try:
        ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return True


def refusal(address: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why an address must not be fetched from, or None when it is a public one."""
    address = _embedded_ipv4(address) or address
    if address.is_loopback:
        return None if allow_loopback else "a loopback address"
    if address.is_link_local:
        return "a link-local address (cloud metadata services live here)"
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private or not address.is_global:
        return "a private address"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def article_url(final_url: str, canonical_url: str | None) -> str:
    """The URL to store: the page's canonical URL when it names the same site, else the URL fetched."""
    if not canonical_url or len(canonical_url) > MAX_URL_LENGTH:
        return final_url
    final_host = _site(urlsplit(final_url).hostname or "")
    canonical_host = _site(urlsplit(canonical_url).hostname or "")
    same_site = final_host == canonical_host or final_host.endswith("." + canonical_host) or (
        canonical_host.endswith("." + final_host)
    )
    return canonical_url if same_site and canonical_host else final_url  # no page may claim another site's URL


def _site(hostname: str) -> str:
    return hostname.lower().removeprefix("www.")


def _resolve(hostname: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {hostname}") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).partition("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"cannot resolve host {hostname}")
    return addresses


def _exchange(target: _Target, policy: FetchPolicy, deadline: float) -> tuple[str, FetchedPage | None]:
    """One request: a redirect's Location, or the page once its status, type and size pass."""
    for n, address in enumerate(target.addresses, start=1):
        with _PinnedAdapter(target.hostname) as adapter:
            try:
                response = adapter.send(
                    _request(target, address),
                    stream=True,
                    timeout=(policy.connect_timeout, policy.read_timeout),
                    verify=policy.verify,
                )
            except requests.ConnectionError as exc:
                if n < len(target.addresses) and not isinstance(exc, requests.exceptions.SSLError):
                    continue  # e.g. an IPv6 address on a machine without IPv6: try the next checked one
                raise _fetch_error(exc, target) from exc
            except requests.RequestException as exc:
                raise _fetch_error(exc, target) from exc
            with response:
                return _answer(response, target, policy, deadline)
    raise FetchError(f"cannot resolve host {target.hostname}")  # unreachable: _resolve returns an address


def _request(target: _Target, address: IPAddress) -> requests.PreparedRequest:
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": "text/html, text/plain;q=0.9",
        "Accept-Encoding": "gzip, deflate",
    }
    return requests.Request("GET", target.pinned_url(address), headers=headers).prepare()


def _answer(
    response: requests.Response, target: _Target, policy: FetchPolicy, deadline: float
) -> tuple[str, FetchedPage | None]:
    status = response.status_code
    if status in REDIRECT_STATUSES:
        location = response.headers.get("Location", "").strip()
        if not location:
            raise FetchError(f"HTTP {status} redirect without a Location")
        return location, None
    if not 200 <= status < 300:
        raise FetchError(f"HTTP {status} {response.reason or ''}".strip())
    content_type = response.headers.get("Content-Type", "")
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type not in ACCEPTED_TYPES:
        raise FetchRefused(f"refused: content type {media_type or '(none)'} is not text/html or text/plain")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > policy.max_bytes:
        raise FetchRefused(f"refused: the page is larger than the limit of {policy.max_bytes} bytes")
    body = _read_body(response, target, policy, deadline)
    return "", FetchedPage(url=target.logical_url, content_type=content_type, body=body)


def _read_body(response: requests.Response, target: _Target, policy: FetchPolicy, deadline: float) -> bytes:
    """Read (decompressed) bytes until the end, stopping as soon as the size cap or the total time is passed."""
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.raw.read1(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchRefused(f"refused: the page is larger than the limit of {policy.max_bytes} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"timed out: the download took longer than {policy.total_timeout:g} s")
            chunks.append(chunk)
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        timed_out = isinstance(exc, (urllib3.exceptions.ReadTimeoutError, TimeoutError, socket.timeout))
        what = "timed out reading from" if timed_out else "connection failed while reading from"
        raise FetchError(f"{what} {target.hostname}") from exc
    return b"".join(chunks)


def _fetch_error(exc: requests.RequestException, target: _Target) -> FetchError:
    if isinstance(exc, requests.Timeout):
        return FetchError(f"timed out connecting to or waiting for {target.hostname}")
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError(f"cannot fetch from {target.hostname}: TLS certificate verification failed")
    if isinstance(exc, requests.ConnectionError):
        return FetchError(f"cannot fetch from {target.hostname}: connection failed")
    return FetchError(f"cannot fetch from {target.hostname}: {type(exc).__name__}")


class _PinnedAdapter(HTTPAdapter):
    """Connects to the URL's (already checked) address; for HTTPS, SNI and certificate check use the host name."""

    def __init__(self, hostname: str) -> None:
        self._hostname = hostname
        super().__init__(max_retries=0)

    def get_connection_with_tls_context(
        self,
        request: requests.PreparedRequest,
        verify: bool | str | None,
        proxies: Any = None,
        cert: tuple[str, str] | str | None = None,
    ) -> ConnectionPool:
        # Proxies are never used: a proxy would connect to an address nobody checked.
        verify = True if verify is None else verify
        host_params, ssl_params = self.build_connection_pool_key_attributes(request, verify, cert)
        pool_kwargs: dict[str, Any] = dict(ssl_params)
        if host_params["scheme"] == "https":
            pool_kwargs.update(server_hostname=self._hostname, assert_hostname=self._hostname)
        pool: ConnectionPool = self.poolmanager.connection_from_host(**host_params, pool_kwargs=pool_kwargs)
        return pool

    def __enter__(self) -> _PinnedAdapter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
