"""The second reader: a sentence the rules read no efficacy or safety claim in, weighed by a model trained on the
labelled articles in tests/data (`make claim-reader`, claims/extraction/training.py).

The rules know the sentence forms they were written for; articles about other remedies say the same things in
words nobody wrote a rule for ("We see it with our own athletes too.", "It has been a game changer for my
flare-ups."). The model weighs the sentence's words and word pairs, the kinds of vocabulary terms it names and
what the sentences around it claimed, and says how likely a careful reader is to list an efficacy or a safety
claim in it, and whether that claim denies a benefit or reassures about a harm. The extractor then builds the
claim with the rules' own subject and condition (docs/extraction.md, "The second reader")."""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path


MODEL_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "claim-reader.json"
TARGETS = ("efficacy", "safety", "efficacy_negative", "safety_positive")


@dataclass(frozen=True)
class SentenceView:
    """What the second reader sees of a sentence: its folded words and what the rules made of it and its context."""

    words: list[str]  # the sentence's folded words (tokens.tokenize)
    kind: str  # the Kind of the sentence: text, item, answer
    mention_kinds: frozenset[str]  # "intervention", "condition", "topic", "harm", ... (second_reading.mention_kinds)
    ruled: frozenset[str]  # the claim types the rules read in the sentence
    previous: frozenset[str]  # the claim types the rules read in the sentence before
    after_question: bool  # a FAQ answer, or the sentence after a question heading
    under_side_effects: bool  # under a heading about side effects, safety or risks
    first_in_line: bool


def features(view: SentenceView) -> list[str]:
    """Words, word pairs and the context, as the names the model has weights for."""
    words = view.words
    found = [f"w:{w}" for w in words]
    found += [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
    found += _context_features(view, words)
    return list(dict.fromkeys(found))


def _context_features(view: SentenceView, words: list[str]) -> list[str]:
    found = [f"first:{words[0]}"] if words else []
    found.append(f"kind:{view.kind}")
    found += [f"named:{kind}" for kind in sorted(view.mention_kinds)]
    found += [f"ruled:{kind}" for kind in sorted(view.ruled)]
    found += [f"previous:{kind}" for kind in sorted(view.previous)]
    if view.after_question:
        found.append("after-question")
    if view.under_side_effects:
        found.append("side-effect-section")
    if view.first_in_line:
        found.append("first-in-line")
    found.append(f"length:{min(5, len(words) // 6)}")
    return found


@dataclass(frozen=True)
class LearnedReader:
    """Logistic models, one per target, over the features above; `threshold` is where a claim is read."""

    weights: Mapping[str, Mapping[str, float]]
    bias: Mapping[str, float]
    threshold: float

    def __post_init__(self) -> None:
        # The two models every sentence needs, with one look-up per word, per word pair and per context feature:
        # words and pairs are looked up as the tokens and tuples they are, without building feature names.
        words: dict[str, tuple[float, float]] = {}
        pairs: dict[tuple[str, str], tuple[float, float]] = {}
        context: dict[str, tuple[float, float]] = {}
        for name in set(self.weights["efficacy"]) | set(self.weights["safety"]):
            both = (self.weights["efficacy"].get(name, 0.0), self.weights["safety"].get(name, 0.0))
            if name.startswith("w:"):
                words[name[2:]] = both
            elif name.startswith("b:"):
                first, second = name[2:].split("_", 1)
                pairs[(first, second)] = both
            else:
                context[name] = both
        object.__setattr__(self, "_tables", (words, pairs, context))

    def probability(self, target: str, names: Iterable[str]) -> float:
        weights = self.weights[target]
        return _logistic(self.bias[target] + sum(weights.get(name, 0.0) for name in names))

    def claim_probabilities(self, view: SentenceView) -> tuple[float, float]:
        """How likely a careful reader lists an efficacy claim, and a safety claim, in the sentence: the same
        sums as `probability` over `features(view)`, faster."""
        tables: tuple[dict[str, tuple[float, float]], dict[tuple[str, str], tuple[float, float]],
                      dict[str, tuple[float, float]]] = self._tables  # type: ignore[attr-defined]
        words, pairs, context = tables
        tokens = view.words
        efficacy, safety = self.bias["efficacy"], self.bias["safety"]
        none = (0.0, 0.0)
        for e, s in map(words.get, set(tokens), repeat(none)):
            efficacy += e
            safety += s
        for e, s in map(pairs.get, set(zip(tokens, tokens[1:])), repeat(none)):
            efficacy += e
            safety += s
        for e, s in map(context.get, _context_features(view, tokens), repeat(none)):
            efficacy += e
            safety += s
        return _logistic(efficacy), _logistic(safety)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LearnedReader:
        weights = data["weights"]
        bias = data["bias"]
        threshold = data["threshold"]
        if not isinstance(weights, dict) or not isinstance(bias, dict) or not isinstance(threshold, (int, float)):
            raise ValueError("a claim reader needs weights, bias and threshold")
        if set(weights) != set(TARGETS) or set(bias) != set(TARGETS):
            raise ValueError(f"a claim reader has a model for each of {', '.join(TARGETS)}")
        return cls({t: {str(k): float(v) for k, v in weights[t].items()} for t in TARGETS},
                   {t: float(bias[t]) for t in TARGETS}, float(threshold))


def _logistic(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def bundled_reader() -> LearnedReader:
    """The model trained on the labelled articles and shipped in fixtures/claim-reader.json."""
    return LearnedReader.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
