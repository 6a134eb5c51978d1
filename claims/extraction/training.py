"""Training the second reader (learned.py) on labelled articles: `make claim-reader` writes fixtures/claim-reader.json.

A labelled set is a JSON file in the format of tests/data/claims-labelled.json and the directory of its articles.
Every sentence the second reader could read is an example; it is an efficacy (safety) example when a label of
that type lists it, and its direction is that label's. scikit-learn's logistic regression does the fitting; the
extractor only reads the weights, so it needs no scikit-learn."""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.extraction.extractor import sentence_views
from claims.extraction.learned import TARGETS, features
from claims.extraction.vocabulary import Vocabulary

THRESHOLD = 0.3  # chosen by cross-validation over the labelled articles (docs/extraction.md, "The second reader")
REGULARISATION = 1.0  # scikit-learn's C
MIN_COUNT = 3  # features of fewer sentences are dropped: the same cross-validated quality, a quarter the tables
SMALLEST_WEIGHT = 0.01  # weights nearer zero than this change no probability by more than a percent; dropped
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


@dataclass(frozen=True)
class LabelledSet:
    labels: Path
    articles: Path


@dataclass(frozen=True)
class Example:
    names: list[str]
    targets: dict[str, int | None]  # None: not an example for that target (direction without a claim)
    article: str


def _normal(text: str) -> str:
    return " ".join(_BULLET.sub("", text, count=1).split())


def _lists(quote: str, sentences: Iterable[str]) -> bool:
    """A label lists the sentence: the same words, or one inside the other (a quote without its "A: ")."""
    quote = _normal(quote)
    for sentence in map(_normal, sentences):
        if quote == sentence or (len(sentence) > 20 and sentence in quote) or (len(quote) > 20 and quote in sentence):
            return True
    return False


def examples(sets: Sequence[LabelledSet], vocabulary: Vocabulary) -> list[Example]:
    found = []
    for labelled in sets:
        articles: dict[str, list[dict[str, Any]]] = json.loads(labelled.labels.read_text(encoding="utf-8"))["articles"]
        for name, labels in sorted(articles.items()):
            text = (labelled.articles / name).read_text(encoding="utf-8")
            for sentence, view in sentence_views(text, vocabulary):
                quote = text[sentence.start:sentence.end]
                listing = [label for label in labels if _lists(quote, label["sentences"])]
                efficacy = [label for label in listing if label["claim_type"] == "efficacy"]
                safety = [label for label in listing if label["claim_type"] == "safety"]
                targets: dict[str, int | None] = {
                    "efficacy": int(bool(efficacy)),
                    "safety": int(bool(safety)),
                    "efficacy_negative": int(any(label["direction"] == "negative" for label in efficacy))
                    if efficacy else None,
                    "safety_positive": int(any(label["direction"] == "positive" for label in safety))
                    if safety else None,
                }
                found.append(Example(features(view), targets, f"{labelled.labels.name}/{name}"))
    return found


def train(sets: Sequence[LabelledSet], vocabulary: Vocabulary) -> dict[str, Any]:
    """The model as fixtures/claim-reader.json holds it."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    data = examples(sets, vocabulary)
    seen = Counter(name for e in data for name in e.names)
    # a feature seen in fewer than MIN_COUNT sentences teaches nothing that carries over
    data = [Example([n for n in e.names if seen[n] >= MIN_COUNT], e.targets, e.article) for e in data]
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for target in TARGETS:
        chosen = [e for e in data if e.targets[target] is not None]
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform([dict.fromkeys(e.names, 1) for e in chosen])
        model = LogisticRegression(C=REGULARISATION, max_iter=5000)
        model.fit(matrix, [e.targets[target] for e in chosen])
        names = vectorizer.get_feature_names_out()
        weights[target] = {str(name): round(float(w), 4) for name, w in sorted(zip(names, model.coef_[0]))
                           if abs(w) >= SMALLEST_WEIGHT}
        bias[target] = round(float(model.intercept_[0]), 4)
    return {
        "about": "The second claim reader (claims/extraction/learned.py), trained by `make claim-reader` on "
                 + ", ".join(s.labels.name for s in sets) + f": {len(data)} sentences of "
                 + f"{len({e.article for e in data})} articles; logistic regression, C={REGULARISATION}, features of at least {MIN_COUNT} sentences.",
        "threshold": THRESHOLD,
        "bias": bias,
        "weights": weights,
    }
