"""`manage.py extract_claims`: the claims in article files, read with the vocabulary fixture, without a database."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import extraction, services
from claims.extraction import ExtractedClaim, Vocabulary, extract_claims
from evidence.enums import AssertedEvidence

EXIT_FILE_FAILED = 1


class Command(BaseCommand):
    help = (
        "List the health claims in article files (plain text or HTML) without touching the database. "
        "Exit 0: all read; 1: a file was empty, binary, too large or unreadable (the others are still listed)."
    )
    requires_system_checks: list[str] = []  # nothing here needs the project's checks (nor a database)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article files: plain text or HTML")
        parser.add_argument("--json", action="store_true", help="print a JSON document instead of a table")
        parser.add_argument(
            "--vocabulary", metavar="FILE", default=None, help="vocabulary JSON (default: the bundled fixture)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        vocabulary = read_vocabulary(Path(options["vocabulary"] or settings.VOCABULARY_FIXTURE))
        files = [file_document(path, vocabulary) for path in options["paths"]]
        if options["json"]:
            self.stdout.write(json.dumps({"files": files}, indent=2, ensure_ascii=False))
        else:
            for document in files:
                self._print_file(document)
        if any(document["error"] for document in files):
            raise SystemExit(EXIT_FILE_FAILED)

    def _print_file(self, document: dict[str, Any]) -> None:
        self.stdout.write(f"== {document['path']}")
        if document["error"]:
            self.stdout.write(f"   error: {document['error']}\n")
            return
        rows = [("TYPE", "ASSERTED", "HEDGED", "QUOTES", "CLAIM")]
        for claim in document["claims"]:
            hedged = "hedged" if claim["hedged"] else ""
            rows.append((claim["claim_type"], claim["asserted_evidence"], hedged, str(len(claim["quotes"])),
                         claim["statement"]))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            cells = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4]))
            self.stdout.write(f"   {cells}  {row[4]}")
        for candidate in document["candidates"]:
            self.stdout.write(f"   candidate {candidate['kind']}: {candidate['term']}")
        self.stdout.write(f"   {len(document['claims'])} claims\n")


def read_vocabulary(path: Path) -> Vocabulary:
    try:
        return Vocabulary.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CommandError(f"{path}: cannot read the vocabulary: {exc}") from exc


def file_document(path: str, vocabulary: Vocabulary) -> dict[str, Any]:
    """One file's entry: its claims and candidate terms, or the reason it could not be read."""
    try:
        text = services.read_article_path(Path(path)).text
    except services.ArticleError as exc:
        return {"path": path, "error": str(exc), "claims": [], "candidates": []}
    return {
        "path": path,
        "error": None,
        "claims": [claim_document(claim) for claim in extract_claims(text, vocabulary)],
        "candidates": _candidates(text, vocabulary),
    }


def claim_document(claim: ExtractedClaim) -> dict[str, Any]:
    """A claim with all its quotes; its asserted evidence is the strongest of theirs, hedged when any is."""
    strongest = max((a.asserted_evidence for a in claim.appearances), key=lambda level: level.rank,
                    default=AssertedEvidence.NONE)
    return {
        "key": claim.key,
        "statement": claim.statement,
        "intervention": claim.intervention,
        "effect": claim.effect,
        "direction": claim.direction.value,
        "condition": claim.condition,
        "claim_type": claim.claim_type.value,
        "graded": claim.claim_type.graded,
        "asserted_evidence": strongest.value,
        "hedged": any(a.hedged for a in claim.appearances),
        "quotes": [
            {
                "text": a.quote,
                "start": a.start,
                "end": a.end,
                "asserted_evidence": a.asserted_evidence.value,
                "cues": list(a.cue_words),
                "hedged": a.hedged,
            }
            for a in claim.appearances
        ],
    }


def _candidates(text: str, vocabulary: Vocabulary) -> list[dict[str, str]]:
    """Terms the vocabulary lacks, once the extractor proposes them (claims.extraction.find_candidates)."""
    find_candidates: Callable[[str, Vocabulary], list[Any]] | None = getattr(extraction, "find_candidates", None)
    if find_candidates is None:
        return []
    return [{"term": c.term, "kind": str(c.kind), "quote": c.quote} for c in find_candidates(text, vocabulary)]
