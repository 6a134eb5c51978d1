"""The offline PubMed source: efetch XML files on disk, searched locally.

The snapshot's records carry no entrez dates, so `mindate`/`maxdate` filter on the
publication date instead; the live client filters on the entrez date. Records are labelled
source="snapshot" because their abstracts are paraphrases, to be replaced by a live fetch.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from .articles import Article, parse_articles
from .local_search import SearchableRecord, search_records, searchable
from .results import FetchResult, SearchResult, unique_pmids

logger = logging.getLogger(__name__)


class SnapshotClient:
    """Answers search and fetch from the XML files in a directory, without network."""

    source = "snapshot"

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory if directory is not None else settings.PUBMED_SNAPSHOT_DIR)

    @property
    def _records(self) -> tuple[SearchableRecord, ...]:
        return _load(str(self.directory.resolve()))

    def search(
        self, term: str, *, mindate: datetime.date | None = None, maxdate: datetime.date | None = None
    ) -> SearchResult:
        """PMIDs matching a PubMed query, newest PMID first; pub date stands in for entrez date."""
        pmids = search_records(term, self._records, mindate=mindate, maxdate=maxdate)
        return SearchResult(pmids=tuple(pmids), count=len(pmids), requests=0)

    def fetch(self, pmids: Sequence[str]) -> FetchResult:
        """The snapshot's records for these PMIDs, in the order asked; unknown ones are missing."""
        by_pmid = {record.article.pmid: record.article for record in self._records}
        wanted = unique_pmids(pmids)
        articles = tuple(by_pmid[p] for p in wanted if p in by_pmid)
        missing = tuple(p for p in wanted if p not in by_pmid)
        return FetchResult(articles=articles, missing=missing, requests=0)


@functools.lru_cache(maxsize=8)
def _load(directory: str) -> tuple[SearchableRecord, ...]:
    # Parsed once per process: the snapshot only changes with a deploy.
    articles: dict[str, Article] = {}
    paths = sorted(Path(directory).glob("*.xml"))
    if not paths:
        logger.warning("PubMed snapshot directory %s holds no *.xml files", directory)
    for path in paths:
        for article in parse_articles(path.read_bytes(), source="snapshot"):
            articles[article.pmid] = article  # a later file's copy of a PMID wins
    logger.info("Loaded %d PubMed snapshot records from %d files in %s", len(articles), len(paths), directory)
    return tuple(searchable(list(articles.values())))
