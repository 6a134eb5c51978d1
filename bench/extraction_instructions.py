"""Benchmark: machine instructions claim extraction costs for 20 articles of 10 KB, counted by valgrind.

Run: .venv/bin/python bench/extraction_instructions.py   (needs valgrind; takes about half a minute)

Wall-clock and even CPU-time figures on a shared machine move by 10-25% between identical runs; an instruction
count is the same on every run of the same code, so it tells whether a change made extraction cheaper. It is
no speed in articles per second: bench/extraction_speed.py is the one the target is stated in.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 20


def _work(articles: int) -> None:
    sys.path.insert(0, str(ROOT))
    from claims.extraction import Vocabulary, extract_claims
    from claims.extraction.learned import bundled_reader

    vocabulary = Vocabulary.from_json(json.loads((ROOT / "fixtures" / "vocabulary.json").read_text()))
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt")))
    vocabulary.index  # built once, as a long-lived process would
    bundled_reader()  # the second reader's model, loaded once too
    for i in range(articles):
        extract_claims(corpus[i * 2_500: i * 2_500 + 10_240], vocabulary)


def _instructions(articles: int) -> int:
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
         "--work", str(articles)],
        capture_output=True, text=True, check=True,
    )
    found = re.search(r"refs:\s*([\d,]+)", run.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--work":
        _work(int(sys.argv[2]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install -y valgrind)")
    extraction = _instructions(ARTICLES) - _instructions(0)  # less start-up and building the vocabulary index
    print(f"{extraction / 1e6:,.0f} M instructions for {ARTICLES} articles of 10 KB")


if __name__ == "__main__":
    main()
