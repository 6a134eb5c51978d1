"""A real Celery worker, on the real broker and database, refreshes a claim."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from claims.models import Claim
from evidence.tasks import refresh_claim
from kb.celery import app
from tests.conftest import require_service
from tests.factories import ClaimFactory, ConditionFactory, InterventionFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_queue():
    """Start a worker consuming a queue of its own; stop it afterwards."""
    if not settings.CELERY_BROKER_URL:
        require_service("Celery broker", "CELERY_BROKER_URL is not set")
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "a worker process cannot share the test run's SQLite database")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "PUBMED_SOURCE": "snapshot",
        "ENV_FILE": os.devnull,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "kb", "worker", "--pool=solo", "-Q", queue,
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        app.conf.task_always_eager = previous
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        print(output)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def test_a_worker_refreshes_a_claim_through_the_broker(worker_queue):
    kratom = InterventionFactory(name="kratom", synonyms=["Mitragyna speciosa", "mitragynine"])
    pain = ConditionFactory(name="pain", synonyms=["analgesia", "pain relief"])
    claim = ClaimFactory(intervention=kratom, condition=pain, statement="Kratom relieves pain")
    refresh_claim.apply_async(args=[claim.pk], queue=worker_queue)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # waiting for an outcome, with a deadline; not timing anything
        claim.refresh_from_db()
        if claim.last_refreshed_at is not None:
            break
        time.sleep(0.2)
    assert claim.last_refreshed_at is not None, "the worker did not refresh the claim within 60 s"
    assert claim.grade == "rct"
    assert claim.citations.filter(record__pmid="32607084", direct=True).exists()
    assert claim.grade_changes.get().cause == "first_grade"
