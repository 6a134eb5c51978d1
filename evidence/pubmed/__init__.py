"""PubMed access: the one edge to NCBI E-utilities, and its offline snapshot stand-in."""

from __future__ import annotations

from django.conf import settings

from .articles import Article, MeshTerm, parse_articles
from .breaker import reset_breakers
from .entrez import EntrezClient
from .errors import PubMedUnavailable, SearchTooBroad
from .results import FetchResult, PubMedSource, SearchResult
from .snapshot import SnapshotClient

__all__ = [
    "Article",
    "EntrezClient",
    "FetchResult",
    "MeshTerm",
    "PubMedSource",
    "PubMedUnavailable",
    "SearchResult",
    "SearchTooBroad",
    "SnapshotClient",
    "get_client",
    "parse_articles",
    "reset_breakers",
]


def get_client() -> SnapshotClient | EntrezClient:
    """The PubMed source chosen by settings.PUBMED_SOURCE ("snapshot" or "entrez")."""
    if settings.PUBMED_SOURCE == "entrez":
        return EntrezClient()
    if settings.PUBMED_SOURCE == "snapshot":
        return SnapshotClient()
    raise ValueError(f"PUBMED_SOURCE must be 'snapshot' or 'entrez', not {settings.PUBMED_SOURCE!r}")
