"""Loaded as a pytest plugin before Django configures itself: tests never use a developer's .env."""
import os

os.environ["ENV_FILE"] = os.devnull
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
