"""Load (or update) the curated vocabulary of interventions and conditions from a JSON file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.services import load_vocabulary_file


class Command(BaseCommand):
    help = "Load the vocabulary fixture (interventions, conditions, synonyms, MeSH, broader terms). Safe to rerun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default=str(settings.VOCABULARY_FIXTURE))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            interventions, conditions = load_vocabulary_file(path)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"{path}: cannot load vocabulary: {exc}") from exc
        self.stdout.write(f"Vocabulary loaded: {interventions} interventions, {conditions} conditions.")
