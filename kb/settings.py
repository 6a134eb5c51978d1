"""Evidence KB settings: one module, every knob from the environment (or an optional .env)."""
from __future__ import annotations

from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured

django_stubs_ext.monkeypatch()  # generic admin and views (ModelAdmin[Claim]) for the type checker

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# ENV_FILE points elsewhere (or at /dev/null) when a process must ignore the local .env.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment or in .env "
            "(`make demo` writes a local one); only DEBUG=1 runs without it."
        )
    SECRET_KEY = "insecure-debug-only-key"  # DEBUG alone: a throwaway key for local work
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_celery_beat",
    "claims",
    "evidence",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kb.urls"
WSGI_APPLICATION = "kb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'kb.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Evidence KB API",
    "DESCRIPTION": "Health claims and the strength of the PubMed evidence behind them.",
    "VERSION": "0.1.0",
}

# Celery: with no broker configured, tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
REDIS_URL = env.str("REDIS_URL", default="")

# PubMed access (see evidence/pubmed).
PUBMED_SOURCE = env.str("PUBMED_SOURCE", default="snapshot")
if PUBMED_SOURCE not in ("snapshot", "entrez"):
    raise ImproperlyConfigured(f"PUBMED_SOURCE must be 'snapshot' or 'entrez', not {PUBMED_SOURCE!r}.")
PUBMED_EMAIL = env.str("PUBMED_EMAIL", default="")
PUBMED_TOOL = env.str("PUBMED_TOOL", default="evidence-kb")
PUBMED_API_KEY = env.str("PUBMED_API_KEY", default="")
PUBMED_EUTILS_URL = env.str("PUBMED_EUTILS_URL", default="https://eutils.ncbi.nlm.nih.gov/entrez/eutils/")
PUBMED_SNAPSHOT_DIR = env.path("PUBMED_SNAPSHOT_DIR", default=BASE_DIR / "fixtures" / "pubmed")
PUBMED_CONNECT_TIMEOUT = env.float("PUBMED_CONNECT_TIMEOUT", default=10.0)
PUBMED_READ_TIMEOUT = env.float("PUBMED_READ_TIMEOUT", default=60.0)
PUBMED_MAX_ATTEMPTS = env.int("PUBMED_MAX_ATTEMPTS", default=10)
PUBMED_BACKOFF_SECONDS = env.float("PUBMED_BACKOFF_SECONDS", default=1.0)
PUBMED_MAX_BACKOFF_SECONDS = env.float("PUBMED_MAX_BACKOFF_SECONDS", default=30.0)
PUBMED_RETRY_BUDGET_SECONDS = env.float("PUBMED_RETRY_BUDGET_SECONDS", default=120.0)
PUBMED_BREAKER_THRESHOLD = env.int("PUBMED_BREAKER_THRESHOLD", default=3)
PUBMED_BREAKER_COOLDOWN_SECONDS = env.float("PUBMED_BREAKER_COOLDOWN_SECONDS", default=300.0)

VOCABULARY_FIXTURE = BASE_DIR / "fixtures" / "vocabulary.json"

# Article input (files and URLs): the size limit, and how ingest_url fetches pages (see claims/fetching.py).
ARTICLE_MAX_BYTES = env.int("ARTICLE_MAX_BYTES", default=2 * 1024 * 1024)
INGEST_CONNECT_TIMEOUT = env.float("INGEST_CONNECT_TIMEOUT", default=5.0)
INGEST_READ_TIMEOUT = env.float("INGEST_READ_TIMEOUT", default=15.0)
INGEST_TOTAL_TIMEOUT = env.float("INGEST_TOTAL_TIMEOUT", default=60.0)
INGEST_MAX_REDIRECTS = env.int("INGEST_MAX_REDIRECTS", default=5)
INGEST_ALLOW_LOOPBACK = env.bool("INGEST_ALLOW_LOOPBACK", default=False)  # tests only: never in production

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
