"""Read the study design of every record in PubMed efetch XML files, with the signals that decided it."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from evidence.designs import DesignReading, classify, from_types
from evidence.pubmed import Article, parse_articles


class Command(BaseCommand):
    help = (
        "Classify PubMed records by study design. --text-only reads title and abstract as for an unindexed "
        "record; --types-only reads publication types and MeSH alone (design null where they say nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="FILE.xml")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--text-only", action="store_true", help="ignore publication types and MeSH")
        mode.add_argument("--types-only", action="store_true", help="use publication types and MeSH alone")
        parser.add_argument("--json", action="store_true", help="print a JSON array")

    def handle(self, *args: Any, **options: Any) -> None:
        rows: list[dict[str, Any]] = []
        failed = False
        for path in options["paths"]:
            try:
                articles = parse_articles(Path(path).read_bytes())
            except (OSError, ValueError) as exc:
                self.stderr.write(f"{path}: {exc}")
                failed = True
                continue
            rows += [_row(a, text_only=options["text_only"], types_only=options["types_only"]) for a in articles]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
        else:
            for row in rows:
                cues = "; ".join(f"{s['source']}: {s['cue']}" for s in row["signals"])
                self.stdout.write(f"{row['pmid']:>10}  {row['design'] or '-':18}  {cues}")
        if failed:
            raise SystemExit(1)


def _row(article: Article, *, text_only: bool, types_only: bool) -> dict[str, Any]:
    mesh = [m.descriptor for m in article.mesh_terms]
    reading: DesignReading | None
    if types_only:
        reading = from_types(article.publication_types, mesh)
    else:
        reading = classify(
            publication_types=article.publication_types,
            mesh_terms=mesh,
            title=article.title,
            abstract=article.abstract,
            use_types=not text_only,
        )
    return {
        "pmid": article.pmid,
        "design": reading.design.value if reading else None,
        "signals": [
            {"source": s.source, "cue": s.cue, "design": s.design.value} for s in (reading.signals if reading else ())
        ],
    }
