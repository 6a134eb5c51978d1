"""Shared test setup: eager Celery, no real NCBI, and skips that CI turns into failures."""
from __future__ import annotations

import os

import pytest


def require_service(name: str, reason: str) -> None:
    """Skip a test whose service is absent; with REQUIRE_SERVICES=1 (CI) that is a failure instead."""
    message = f"{name} not available: {reason}"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _eager_celery_and_snapshot(settings):  # type: ignore[no-untyped-def]
    """Tasks run in-process and PubMed answers come from the bundled snapshot unless a test says otherwise."""
    from kb.celery import app

    settings.PUBMED_SOURCE = "snapshot"
    settings.PUBMED_EMAIL = "tests@evidence-kb.invalid"
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
