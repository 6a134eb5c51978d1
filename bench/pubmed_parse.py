"""Benchmark: parsing efetch XML and reading each record's study design, in records per second on one core.

The most NCBI will deliver is 10 requests/s × 200 records = 2,000 records/s; parse_articles plus
evidence.designs.classify must keep up with that. The corpus is the fixtures' records replicated
with new PMIDs to at least 10,000 records, parsed in documents of 200 records (one efetch batch
each, as the client receives them) and once as a single document.

Run: .venv/bin/python bench/pubmed_parse.py [--records N] [--rounds N]   (record the figure in docs/benchmarks.md)
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidence import designs  # noqa: E402
from evidence.pubmed.articles import parse_articles  # noqa: E402

FIXTURES = ROOT / "fixtures" / "pubmed"
TARGET = 2_000  # records per second
_RECORD = re.compile(rb"<PubmedArticle>.*?</PubmedArticle>", re.S)
_PMID = re.compile(rb"<PMID([^>]*)>\d+</PMID>")


def corpus(records: int) -> tuple[bytes, list[bytes]]:
    """(XML head up to the set's opening tag, `records` PubmedArticle elements with fresh PMIDs)."""
    xml = b"".join(path.read_bytes() for path in sorted(FIXTURES.glob("*.xml")))
    head = xml[: xml.index(b"<PubmedArticleSet>") + len(b"<PubmedArticleSet>")] + b"\n"
    originals = _RECORD.findall(xml)
    replicated = []
    for n in range(records):
        record = originals[n % len(originals)]
        replicated.append(_PMID.sub(b"<PMID\\g<1>>%d</PMID>" % (50_000_000 + n), record, count=1))
    return head, replicated


def parse_and_classify(document: bytes) -> int:
    articles = parse_articles(document)
    for article in articles:
        designs.classify(
            publication_types=article.publication_types,
            mesh_terms=[m.descriptor for m in article.mesh_terms],
            title=article.title,
            abstract=article.abstract,
        )
    return len(articles)


def records_per_second(documents: list[bytes], rounds: int) -> float:
    """The best of `rounds` timings (the least disturbed by other load on the machine)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        parsed = sum(parse_and_classify(d) for d in documents)
        best = min(best, time.perf_counter() - started)
    return parsed / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_200)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    head, records = corpus(options.records)
    tail = b"\n</PubmedArticleSet>\n"
    batches = [head + b"\n".join(records[i : i + 200]) + tail for i in range(0, len(records), 200)]
    whole = head + b"\n".join(records) + tail
    assert parse_and_classify(whole) == len(records)  # warm-up: compiled patterns, imports
    in_batches = records_per_second(batches, options.rounds)
    at_once = records_per_second([whole], options.rounds)
    size = len(whole) / 1e6
    print(f"{len(records)} records ({size:.1f} MB): {in_batches:,.0f} records/s parsed and classified "
          f"in efetch batches of 200, {at_once:,.0f} records/s as one document (target {TARGET:,})")  # fmt: skip


if __name__ == "__main__":
    main()
