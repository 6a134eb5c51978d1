"""Ingest from a URL against a local HTTP server: what is stored, and every way a fetch is refused.

Every test here runs with a guard on socket.connect that fails the test on any connection to an
address other than loopback: a refused address must be refused before a packet is sent.
"""
from __future__ import annotations

import io
import ipaddress
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from claims import fetching, services
from claims.fetching import FetchError, FetchPolicy, FetchRefused
from claims.models import Appearance, Article, Claim

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = (DATA / "kratom-article.html").read_bytes()
PLAIN = b"Clinical trials have shown that kratom relieves pain.\nUsers report that kratom improves mood.\n"


# --- the local server -----------------------------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_before_headers: float = 0.0
    delay_before_body: float = 0.0
    send_length: bool = True
    pause_between_pieces: float = 0.0  # > 0: the body is sent in ten pieces, this long apart


class PageServer(ThreadingHTTPServer):
    """Serves the routes a test sets up on 127.0.0.1; records each request's path and Host header."""

    daemon_threads = True
    block_on_close = False
    scheme = "http"

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str | None]] = []

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.server_address[1]}{path}"


class _Handler(BaseHTTPRequestHandler):
    server: PageServer

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.server.requests.append((self.path, self.headers.get("Host")))
        route = self.server.routes.get(self.path, Route(b"not found", "text/plain", 404))
        try:
            time.sleep(route.delay_before_headers)
            self.send_response(route.status)
            if route.content_type is not None:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.flush()
            time.sleep(route.delay_before_body)
            if not route.pause_between_pieces:
                self.wfile.write(route.body)
                return
            step = len(route.body) // 10 + 1
            for start in range(0, len(route.body), step):
                self.wfile.write(route.body[start:start + step])
                self.wfile.flush()
                time.sleep(route.pause_between_pieces)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass  # the client gave up (a timeout or a refusal under test)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def site() -> Iterator[PageServer]:
    server = PageServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def connections(monkeypatch) -> list[tuple]:
    """Every address a test connects to; a connection anywhere but loopback fails the test."""
    attempted: list[tuple] = []
    real_connect = socket.socket.connect

    def connect(sock: socket.socket, address) -> None:  # type: ignore[no-untyped-def]
        if isinstance(address, tuple):
            attempted.append(address)
            assert ipaddress.ip_address(address[0].partition("%")[0]).is_loopback, f"connected to {address}"
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempted


@pytest.fixture(autouse=True)
def ingest_settings(settings):
    settings.INGEST_ALLOW_LOOPBACK = True  # the local server is on 127.0.0.1
    settings.INGEST_CONNECT_TIMEOUT = 2.0
    settings.INGEST_READ_TIMEOUT = 2.0
    settings.INGEST_MAX_REDIRECTS = 5
    return settings


@pytest.fixture
def vocabulary(db):
    services.load_vocabulary_file(settings.VOCABULARY_FIXTURE)


def assert_refused(url: str, message: str) -> None:
    """The fetch fails with a message a person can act on, and nothing is stored."""
    with pytest.raises(FetchError, match=message):
        services.ingest_url(url=url)
    assert (Article.objects.count(), Claim.objects.count(), Appearance.objects.count()) == (0, 0, 0)


# --- pages that are stored ------------------------------------------------------------------------


def test_an_html_page_is_stored_with_its_title_canonical_url_and_claims(site, vocabulary):
    site.routes["/kratom?utm_source=feed"] = Route(PAGE)
    result = services.ingest_url(url=site.url("/kratom?utm_source=feed#faq"))
    article = Article.objects.get(pk=result.article.pk)
    assert article.title == "Kratom for Pain & Sleep: What the Research Says | Herbal Notes"
    assert article.url == site.url("/articles/kratom-pain-sleep")  # the canonical link, resolved
    assert article.text.splitlines()[0] == "Kratom for Pain & Sleep"
    assert "tracking" not in article.text and "Herbal Notes" not in article.text
    statements = {c.statement for c in result.claims}
    assert {"Kratom relieves pain", "Kratom improves sleep quality", "Kratom carries a risk of addiction"} <= statements
    for appearance in article.appearances.all():
        assert article.text[appearance.start:appearance.end] == appearance.quote
    assert site.requests == [("/kratom?utm_source=feed", f"127.0.0.1:{site.server_address[1]}")]


def test_a_plain_text_page_is_stored_under_the_url_fetched(site, vocabulary):
    site.routes["/notes.txt"] = Route(PLAIN, "text/plain")
    result = services.ingest_url(url=site.url("/notes.txt"))
    article = result.article
    assert (article.url, article.title, article.text) == (site.url("/notes.txt"), "", PLAIN.decode())
    assert {c.statement for c in result.claims} >= {"Kratom relieves pain", "Kratom improves mood"}


def test_redirects_are_followed_and_the_final_url_is_recorded(site, vocabulary):
    site.routes["/old"] = Route(status=301, headers={"Location": "/older"}, content_type=None)
    site.routes["/older"] = Route(status=302, headers={"Location": site.url("/notes.txt")}, content_type=None)
    site.routes["/notes.txt"] = Route(PLAIN, "text/plain; charset=utf-8")
    result = services.ingest_url(url=site.url("/old"))
    assert result.article.url == site.url("/notes.txt")
    assert [path for path, _ in site.requests] == ["/old", "/older", "/notes.txt"]


def test_a_changed_page_at_the_same_url_becomes_a_new_version_and_an_unchanged_one_changes_nothing(site, vocabulary):
    site.routes["/notes.txt"] = Route(PLAIN, "text/plain")
    first = services.ingest_url(url=site.url("/notes.txt"))
    counts = (Article.objects.count(), Appearance.objects.count())
    again = services.ingest_url(url=site.url("/notes.txt"))
    assert not again.created and (Article.objects.count(), Appearance.objects.count()) == counts
    site.routes["/notes.txt"] = Route(PLAIN + b"Kratom carries a risk of addiction.\n", "text/plain")
    changed = services.ingest_url(url=site.url("/notes.txt"))
    assert changed.created and (changed.article.version, changed.article.previous) == (2, first.article)
    assert first.article.appearances.count() == counts[1]


def test_a_page_may_not_claim_another_sites_url_as_its_canonical(site, vocabulary):
    site.routes["/page"] = Route(b'<html><head><link rel="canonical" href="https://news.example/real-story">'
                                 b"</head><body><p>Kratom relieves pain.</p></body></html>")
    result = services.ingest_url(url=site.url("/page"))
    assert result.article.url == site.url("/page")


# --- refusals and failures ------------------------------------------------------------------------


def test_a_redirect_chain_longer_than_the_limit_is_refused(site, vocabulary):
    for n in range(6):
        site.routes[f"/hop{n}"] = Route(status=302, headers={"Location": f"/hop{n + 1}"}, content_type=None)
    site.routes["/hop6"] = Route(PLAIN, "text/plain")
    assert_refused(site.url("/hop0"), "more than 5 redirects")
    assert len(site.requests) == 6
    ingest = services.ingest_url(url=site.url("/hop1"))  # five redirects are within the limit
    assert ingest.article.url == site.url("/hop6")


@pytest.mark.parametrize(
    "location",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin", "http://192.168.1.1/",
     "http://[fd00::1]/", "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:8000/"],
)
def test_a_redirect_to_a_private_or_metadata_address_is_refused_even_with_loopback_allowed(
    site, db, connections, location
):
    site.routes["/go"] = Route(status=302, headers={"Location": location}, content_type=None)
    assert_refused(site.url("/go"), r"refused: \S+ is (a private|a link-local|the unspecified) address")
    assert all(ipaddress.ip_address(address[0]).is_loopback for address in connections)


@pytest.mark.parametrize("url", ["http://127.0.0.1:{port}/notes.txt", "http://localhost:{port}/notes.txt",
                                 "http://[::ffff:127.0.0.1]:{port}/notes.txt"])
def test_loopback_is_refused_when_the_setting_is_off(site, db, ingest_settings, url):
    ingest_settings.INGEST_ALLOW_LOOPBACK = False
    site.routes["/notes.txt"] = Route(PLAIN, "text/plain")
    assert_refused(url.format(port=site.server_address[1]), "loopback")
    assert site.requests == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/notes.txt", "gopher://127.0.0.1:70/",
                                 "//127.0.0.1/notes.txt", "http:///notes.txt"])
def test_only_http_and_https_urls_with_a_host_are_fetched(db, url):
    assert_refused(url, "refused: (only http and https|no host)")


def test_a_url_with_credentials_is_refused(site, db):
    assert_refused(site.url("/notes.txt", host="user:secret@127.0.0.1"), "user name or password")


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json", None])
def test_a_content_type_other_than_html_or_plain_text_is_refused(site, db, content_type):
    site.routes["/file"] = Route(PLAIN, content_type)
    assert_refused(site.url("/file"), "content type .* is not text/html or text/plain")


@pytest.mark.parametrize("send_length", [True, False], ids=["declared-length", "streamed-without-length"])
def test_a_body_over_the_size_limit_is_refused(site, db, ingest_settings, send_length):
    ingest_settings.ARTICLE_MAX_BYTES = 100 * 1024
    site.routes["/big.txt"] = Route(b"Kratom relieves pain. " * 10_000, "text/plain", send_length=send_length)
    assert_refused(site.url("/big.txt"), "larger than the limit")


@pytest.mark.parametrize("where", ["before_headers", "before_body"])
def test_a_slow_server_hits_the_read_timeout(site, db, ingest_settings, where):
    ingest_settings.INGEST_READ_TIMEOUT = 0.2
    site.routes["/slow"] = Route(PLAIN, "text/plain", **{f"delay_{where}": 1.5})
    started = time.monotonic()
    assert_refused(site.url("/slow"), "timed out")
    assert time.monotonic() - started < 1.2


def test_a_server_that_sends_a_page_too_slowly_hits_the_total_timeout(site, db, ingest_settings):
    ingest_settings.INGEST_TOTAL_TIMEOUT = 0.3  # each piece comes well within the read timeout
    site.routes["/dribble"] = Route(PLAIN * 10, "text/plain", pause_between_pieces=0.1)
    assert_refused(site.url("/dribble"), "took longer than 0.3 s")


def test_a_redirect_to_another_scheme_is_refused(site, db):
    site.routes["/go"] = Route(status=302, headers={"Location": "file:///etc/passwd"}, content_type=None)
    assert_refused(site.url("/go"), "only http and https")


def test_an_http_error_is_reported_with_its_status(site, db):
    assert_refused(site.url("/missing"), "HTTP 404")


def test_a_server_that_is_not_there_is_reported(db):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert_refused(f"http://127.0.0.1:{port}/", "connection failed")


# --- DNS: the address checked is the address connected to ----------------------------------------


@pytest.fixture
def fake_dns(monkeypatch) -> dict[str, list[list[str]]]:
    """Answers for made-up host names (a list of answers, one per lookup); real DNS for everything else."""
    answers: dict[str, list[list[str]]] = {}
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host in answers:
            queue = answers[host]
            addresses = queue.pop(0) if len(queue) > 1 else queue[0]
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                    for a in addresses]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def test_a_host_name_that_resolves_to_a_private_address_is_refused(db, fake_dns, connections):
    fake_dns["intranet.test"] = [["10.1.2.3"]]
    assert_refused("http://intranet.test/wiki", "intranet.test resolves to 10.1.2.3, a private address")
    fake_dns["mixed.test"] = [["93.184.216.34", "169.254.169.254"]]
    assert_refused("http://mixed.test/", "link-local")
    assert connections == []


def test_a_second_dns_answer_cannot_redirect_the_connection(site, vocabulary, fake_dns, connections):
    """DNS rebinding: the name is looked up once, checked, and the connection goes to that address."""
    fake_dns["rebinding.test"] = [["127.0.0.1"], ["10.0.0.1"]]
    site.routes["/notes.txt"] = Route(PLAIN, "text/plain")
    result = services.ingest_url(url=site.url("/notes.txt", host="rebinding.test"))
    assert result.article.url == site.url("/notes.txt", host="rebinding.test")
    assert site.requests == [("/notes.txt", f"rebinding.test:{site.server_address[1]}")]
    assert [address[0] for address in connections] == ["127.0.0.1"]
    assert fake_dns["rebinding.test"] == [["10.0.0.1"]]  # looked up exactly once


# --- HTTPS: the pinned address still gets SNI and a certificate check for the host name ----------


def _certificate(tmp_path: Path, host: str) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for `host` signed by it (needs the openssl command)."""
    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=tmp_path, check=True, capture_output=True, timeout=60)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Evidence KB test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", f"/CN={host}")
    (tmp_path / "ext.cnf").write_text(f"subjectAltName=DNS:{host}\nbasicConstraints=CA:FALSE\n"
                                      "authorityKeyIdentifier=keyid\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return tmp_path / "ca.pem", tmp_path / "server.pem", tmp_path / "server.key"


@pytest.fixture
def tls_site(tmp_path, request) -> Iterator[tuple[PageServer, Path, list[str | None]]]:
    if subprocess.run(["which", "openssl"], capture_output=True, check=False).returncode != 0:
        pytest.skip("the openssl command is not installed")
    ca, cert, key = _certificate(tmp_path, request.param)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server_names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    server = PageServer()
    server.scheme = "https"
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.routes["/notes.txt"] = Route(PLAIN, "text/plain")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server, ca, server_names
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("tls_site", ["localhost"], indirect=True)
def test_https_sends_the_host_name_and_verifies_the_certificate_for_it(tls_site, connections):
    server, ca, server_names = tls_site
    policy = FetchPolicy(allow_loopback=True, verify=str(ca), connect_timeout=2, read_timeout=2)
    page = fetching.fetch(server.url("/notes.txt", host="localhost"), policy)
    assert page.body == PLAIN
    assert server_names == ["localhost"]
    assert [address[0] for address in connections] == ["127.0.0.1"]


@pytest.mark.parametrize("tls_site", ["news.example"], indirect=True)
def test_https_refuses_a_certificate_for_another_host_name(tls_site):
    server, ca, _ = tls_site
    policy = FetchPolicy(allow_loopback=True, verify=str(ca), connect_timeout=2, read_timeout=2)
    with pytest.raises(FetchError, match="TLS certificate verification failed"):
        fetching.fetch(server.url("/notes.txt", host="localhost"), policy)


# --- the command ----------------------------------------------------------------------------------


def test_the_command_prints_the_article_and_its_claims(site, db):
    site.routes["/kratom"] = Route(PAGE)
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_url", site.url("/kratom"), stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("(new version 1): Kratom for Pain & Sleep: What the Research Says | Herbal Notes")
    assert lines[1] == f"URL: {site.url('/articles/kratom-pain-sleep')}"
    assert any(line.split()[:2] == ["efficacy", "controlled_trial"] and line.endswith("Kratom relieves pain")
               for line in lines[3:])
    assert "Loading the vocabulary" in err.getvalue()  # an empty database gets the fixture vocabulary first


def test_the_command_exits_1_with_a_clear_message_when_refused(db, ingest_settings):
    ingest_settings.INGEST_ALLOW_LOOPBACK = False
    message = "http://127.0.0.1:8/: refused: 127.0.0.1 is a loopback address"
    with pytest.raises(CommandError, match=message) as error:
        call_command("ingest_url", "http://127.0.0.1:8/", stdout=io.StringIO(), stderr=io.StringIO())
    assert error.value.returncode == 1
    assert not Article.objects.exists()


def test_fetch_refused_is_an_article_error_callers_already_catch():
    assert issubclass(FetchRefused, services.ArticleError)
