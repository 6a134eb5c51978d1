"""Fixtures for the PubMed client's tests: the local E-utilities server, settings pointing at it, Redis."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from evidence.pubmed import EntrezClient, SnapshotClient, get_client, reset_breakers
from tests.conftest import require_service
from tests.eutils_server import EutilsServer

ROOT = Path(__file__).resolve().parents[2]
KRATOM_XML = ROOT / "fixtures" / "pubmed" / "efetch-kratom.xml"


@pytest.fixture(autouse=True)
def _closed_circuit_breakers() -> Iterator[None]:
    """A breaker opened by one test's outage must not fail the next test fast."""
    reset_breakers()
    yield
    reset_breakers()


@pytest.fixture
def eutils_server() -> Iterator[EutilsServer]:
    with EutilsServer([KRATOM_XML.read_bytes()]) as server:
        yield server


@pytest.fixture
def entrez_settings(settings: Settings, eutils_server: EutilsServer) -> Settings:
    """The live source against the local server, with a dummy key (0.105 s spacing) and tiny backoff."""
    settings.PUBMED_SOURCE = "entrez"
    settings.PUBMED_EUTILS_URL = eutils_server.url
    settings.PUBMED_EMAIL = "kb-tests@example.org"
    settings.PUBMED_TOOL = "evidence-kb-tests"
    settings.PUBMED_API_KEY = "test-api-key"
    settings.REDIS_URL = ""  # in-process limiting unless a test asks for Redis
    settings.PUBMED_MAX_ATTEMPTS = 3
    settings.PUBMED_BACKOFF_SECONDS = 0.001
    settings.PUBMED_MAX_BACKOFF_SECONDS = 0.01
    settings.PUBMED_RETRY_BUDGET_SECONDS = 30.0
    settings.PUBMED_BREAKER_THRESHOLD = 3
    settings.PUBMED_BREAKER_COOLDOWN_SECONDS = 60.0
    settings.PUBMED_CONNECT_TIMEOUT = 1.0
    settings.PUBMED_READ_TIMEOUT = 2.0  # generous: a loaded CI machine must not turn answers into timeouts
    return settings


@pytest.fixture
def entrez(entrez_settings: Settings) -> EntrezClient:
    client = get_client()
    assert isinstance(client, EntrezClient)
    return client


@pytest.fixture(scope="session")
def kratom_snapshot() -> SnapshotClient:
    return SnapshotClient(ROOT / "fixtures" / "pubmed")


@pytest.fixture
def redis_url() -> str:
    """REDIS_URL of a Redis that answers; skipped (failed under REQUIRE_SERVICES=1) otherwise."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        require_service("Redis", "REDIS_URL is not set")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except (redis.RedisError, OSError) as exc:
        require_service("Redis", f"{url} does not answer: {exc}")
    return url
