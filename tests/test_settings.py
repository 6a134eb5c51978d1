"""Settings come from the environment, and serving without a secret key is refused."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _start_django(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    clean.update({"ENV_FILE": os.devnull, "DJANGO_SETTINGS_MODULE": "kb.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60,
    )


def test_it_refuses_to_start_with_debug_off_and_no_secret_key():
    result = _start_django()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_with_a_secret_key_and_debug_off_by_default():
    result = _start_django(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_an_unknown_pubmed_source_is_a_configuration_error():
    result = _start_django(SECRET_KEY="x" * 50, PUBMED_SOURCE="scopus")
    assert result.returncode != 0
    assert "PUBMED_SOURCE" in result.stderr
