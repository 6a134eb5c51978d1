"""Benchmark: claim extraction throughput on 10 KB articles and on one 2 MB article (one core).

Run: .venv/bin/python bench/extraction_speed.py   (record the figures in docs/benchmarks.md)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.extraction import Vocabulary, extract_claims  # noqa: E402


def main() -> None:
    vocabulary = Vocabulary.from_json(json.loads((ROOT / "fixtures" / "vocabulary.json").read_text()))
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt")))
    articles = [corpus[i : i + 10_240] for i in range(0, len(corpus) - 10_240, 2_500)]
    extract_claims(corpus, vocabulary)  # build the vocabulary's patterns once, as a long-lived process would
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        for article in articles:
            extract_claims(article, vocabulary)
    per_second = rounds * len(articles) / (time.perf_counter() - started)
    big = (corpus * 50)[: 2 * 1024 * 1024]
    started = time.perf_counter()
    extract_claims(big, vocabulary)
    big_seconds = time.perf_counter() - started
    print(f"{per_second:.0f} articles of 10 KB per second; one 2 MB article in {big_seconds:.2f} s")


if __name__ == "__main__":
    main()
