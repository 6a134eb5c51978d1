"""`manage.py train_claim_reader`: fit the second claim reader on labelled articles and write its model file."""
from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction.learned import MODEL_FILE
from claims.extraction.training import LabelledSet, train
from claims.management.commands.extract_claims import read_vocabulary

DEFAULT_SETS = (  # every labelled set whose first run is recorded; a new blind set stays out until its first run
    ("tests/data/claims-labelled.json", "fixtures/articles"),
    ("tests/data/genre-claims-labelled.json", "tests/data/genre-articles"),
    ("tests/data/heldout-claims-labelled.json", "tests/data/heldout-articles"),
    ("tests/data/blind5-claims-labelled.json", "tests/data/blind5-articles"),
    ("tests/data/blind6-claims-labelled.json", "tests/data/blind6-articles"),
    ("tests/data/blind7-claims-labelled.json", "tests/data/blind7-articles"),
    ("tests/data/blind8-claims-labelled.json", "tests/data/blind8-articles"),
    ("tests/data/blind9-claims-labelled.json", "tests/data/blind9-articles"),
)


class Command(BaseCommand):
    help = "Train the second claim reader (claims/extraction/learned.py) on labelled articles."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--labelled", action="append", metavar="LABELS:DIR",
                            help="a labelled JSON file and its articles' directory (repeatable; default: "
                                 + ", ".join(labels for labels, _ in DEFAULT_SETS) + ")")
        parser.add_argument("--output", metavar="FILE", default=str(MODEL_FILE), help="where the model goes")

    def handle(self, *args: object, **options: object) -> None:
        root = Path(settings.BASE_DIR)
        pairs = [tuple(item.split(":", 1)) for item in options["labelled"] or ()] or DEFAULT_SETS  # type: ignore[attr-defined]
        sets = []
        for pair in pairs:
            if len(pair) != 2:
                raise CommandError("--labelled takes LABELS:DIR")
            labels, articles = (root / part for part in pair)
            if not labels.is_file() or not articles.is_dir():
                raise CommandError(f"{labels}: no such labelled file, or {articles}: no such directory")
            sets.append(LabelledSet(labels, articles))
        vocabulary = read_vocabulary(Path(settings.VOCABULARY_FIXTURE))
        model = train(sets, vocabulary)
        output = Path(str(options["output"]))
        temporary = output.with_suffix(".tmp")
        temporary.write_text(json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        temporary.replace(output)
        sizes = ", ".join(f"{target} {len(weights)}" for target, weights in model["weights"].items())
        self.stdout.write(f"{output}: {model['about']} Weights kept: {sizes}.")
