"""Ingest article files, extract their claims and grade each claim from PubMed, synchronously."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from claims import selectors, services
from claims.models import Claim, Intervention
from evidence import services as evidence_services
from evidence.pubmed import PubMedUnavailable

EXIT_FILE_FAILED = 1
EXIT_PUBMED_UNAVAILABLE = 3


class Command(BaseCommand):
    help = "Grade the health claims in article files. Exit 0: all well; 1: a file failed; 3: PubMed unavailable."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article files: plain text or HTML")
        parser.add_argument("--json", action="store_true", help="print a JSON document instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        if not Intervention.objects.exists():
            self.stderr.write(f"Loading the vocabulary from {settings.VOCABULARY_FIXTURE} (none loaded yet).")
            services.load_vocabulary_file(settings.VOCABULARY_FIXTURE)
        claim_ids, errors = self._ingest(options["paths"])
        unavailable = self._refresh(claim_ids, errors)
        claims = selectors.claims_with_evidence(claim_ids)
        if options["json"]:
            document = {"claims": [selectors.claim_document(c) for c in claims], "errors": errors}
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
        else:
            self._print_table(claims)
        if unavailable:
            raise SystemExit(EXIT_PUBMED_UNAVAILABLE)
        if errors:
            raise SystemExit(EXIT_FILE_FAILED)

    def _ingest(self, paths: list[str]) -> tuple[list[int], list[dict[str, str | None]]]:
        claim_ids: dict[int, None] = {}
        errors: list[dict[str, str | None]] = []
        for n, path in enumerate(paths, start=1):
            self.stderr.write(f"[{n}/{len(paths)}] reading {path}")
            try:
                article = services.read_article_path(Path(path))  # the same reading as extract_claims
                result = services.ingest_article(text=article.text, path=path, title=article.title)
            except services.ArticleError as exc:
                self.stderr.write(f"{path}: {exc} (skipped)")
                errors.append({"path": path, "error": str(exc)})
                continue
            claim_ids.update((c.pk, None) for c in result.claims)
            self.stderr.write(f"    {len(result.claims)} claims")
        return list(claim_ids), errors

    def _refresh(self, claim_ids: list[int], errors: list[dict[str, str | None]]) -> bool:
        """Refresh claim by claim; stop at the first PubMedUnavailable (what was stored stays)."""
        run = evidence_services.start_run()
        outcomes = []
        unavailable = False
        for n, claim in enumerate(Claim.objects.filter(pk__in=claim_ids).order_by("pk"), start=1):
            self.stderr.write(f"[{n}/{len(claim_ids)}] checking PubMed: {claim.statement}")
            try:
                outcomes.append(evidence_services.refresh_claim(claim=claim, run=run))
            except PubMedUnavailable as exc:
                self.stderr.write(f"PubMed unavailable: {exc}. Grades already stored are unchanged.")
                errors.append({"path": None, "error": f"PubMed unavailable: {exc}"})
                unavailable = True
                break
        evidence_services.finish_run(run, outcomes, [e["error"] or "" for e in errors])
        return unavailable

    def _print_table(self, claims: Any) -> None:
        rows = [("CLAIM", "GRADE", "CITED", "ASSERTED", "")]
        for claim in claims:
            grade = (claim.grade or "-") if claim.graded else "not graded"
            counted = sum(1 for c in claim.citations.all() if c.counted)
            flag = "OVERSTATED" if claim.overstated else ""
            rows.append((claim.statement[:70], grade, str(counted), selectors.strongest_asserted(claim), flag))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
