"""The curated vocabulary as plain data, and the one matcher that finds its terms in article text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

MentionKind = Literal["intervention", "condition"]

# A condition is a harm when it or a broader term is one of these: "without X", "fewer X" and
# "lower risk of X" then speak about safety, not efficacy.
HARM_ROOTS = frozenset({
    "adverse effects", "addiction", "overdose", "liver injury", "kidney injury", "drug interactions",
    "respiratory depression", "death", "serotonin syndrome", "bleeding", "neonatal abstinence syndrome",
    "drug tolerance", "miscarriage", "birth defects",
})
# Mechanism claims name a target: a receptor, or a messenger under one of these.
TARGET_ROOTS = frozenset({"neurotransmitters", "cortisol", "cyclooxygenase-2", "melatonin levels"})
# Outcomes people want more of are "improved"; symptoms and diseases are "relieved".
# States of life, not diseases: a claim is made for them ("not for pregnant women"), never about relieving them.
POPULATION_TERMS = frozenset({"pregnancy", "breastfeeding"})
_OUTCOME_NAME = re.compile(
    r"\b(?:quality|function|well-being|mood|energy|libido|performance|health|memory|recovery|digestion|appetite"
    r"|testosterone levels|muscle strength|wound healing|fertility)\b"
)
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """One vocabulary entry: canonical lower-case name, other names, MeSH headings, broader terms."""

    name: str
    synonyms: tuple[str, ...] = ()
    mesh: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, entry: dict[str, Any]) -> Term:
        return cls(
            name=entry["name"],
            synonyms=tuple(entry.get("synonyms", ())),
            mesh=tuple(entry.get("mesh", ())),
            broader=tuple(entry.get("broader", ())),
        )


@dataclass(frozen=True)
class Mention:
    """A vocabulary term found in the text: its span, kind and canonical name."""

    start: int
    end: int
    kind: MentionKind
    name: str
    surface: str


@dataclass(frozen=True)
class Vocabulary:
    interventions: tuple[Term, ...]
    conditions: tuple[Term, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Vocabulary:
        """Read the fixture shape: {"interventions": [...], "conditions": [...]}."""
        return cls(
            interventions=tuple(Term.from_json(e) for e in data.get("interventions", ())),
            conditions=tuple(Term.from_json(e) for e in data.get("conditions", ())),
        )

    @cached_property
    def index(self) -> VocabularyIndex:
        """Built once per vocabulary: lookups and term classes the extractor needs for every sentence."""
        return VocabularyIndex(self)


class VocabularyIndex:
    """Token n-gram lookup of every name and synonym (longest match wins) plus the broader-term graph."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.folded: dict[tuple[str, ...], tuple[MentionKind, str]] = {}
        self.exact: dict[tuple[str, ...], tuple[MentionKind, str]] = {}  # abbreviations: "RLS", "SAMe"
        self.longest: dict[str, int] = {}  # first token (folded) -> longest n-gram starting with it
        self.exact_first: set[str] = set()
        for kind, terms in (("intervention", vocabulary.interventions), ("condition", vocabulary.conditions)):
            for term in terms:
                for surface in (term.name, *term.synonyms):
                    self._add(surface, (kind, term.name))  # type: ignore[arg-type]
        broader = {t.name: t.broader for t in vocabulary.conditions}
        self.ancestors: dict[str, frozenset[str]] = {name: _closure(name, broader) for name in broader}
        self.harms = frozenset(n for n, up in self.ancestors.items() if ({n} | up) & HARM_ROOTS)
        # Named without a verb, a harm is read as a risk ("potential addiction") unless it is also something
        # people seek treatment for (opioid use disorder, withdrawal).
        self.plain_harms = frozenset(n for n in self.harms if "addiction" not in self.ancestors[n])
        self.targets = frozenset(
            n for n, up in self.ancestors.items() if "receptor" in n or ({n} | up) & TARGET_ROOTS
        )
        self.outcomes = frozenset(n for n in broader if _OUTCOME_NAME.search(n))
        self.populations = frozenset(n for n in broader if n in POPULATION_TERMS)

    def _add(self, surface: str, value: tuple[MentionKind, str]) -> None:
        tokens = tuple(_TOKEN.findall(surface))
        if not tokens:
            return
        case_sensitive = sum(ch.isupper() for ch in surface) >= 2
        if case_sensitive:
            self.exact.setdefault(tokens, value)
            self.exact_first.add(_fold(tokens[0]))
        else:
            self.folded.setdefault(tuple(_fold(t) for t in tokens), value)
        first = _fold(tokens[0])
        self.longest[first] = max(self.longest.get(first, 0), len(tokens))

    def mentions(self, text: str) -> list[Mention]:
        """Every vocabulary term in the text, left to right, longest match first, never overlapping."""
        spans = [m.span() for m in _TOKEN.finditer(text)]
        folded = _TOKEN.findall(_fold(text))  # same tokens, same order: folding keeps every index
        longest = self.longest
        found: list[Mention] = []
        i, count = 0, len(spans)
        while i < count:
            n = longest.get(folded[i])
            if not n:
                i += 1
                continue
            hit = self._lookup(spans, folded, i, min(n, count - i), text)
            if hit is None:
                i += 1
                continue
            length, (kind, name) = hit
            start, end = spans[i][0], spans[i + length - 1][1]
            found.append(Mention(start, end, kind, name, text[start:end]))
            i += length
        return found

    def _lookup(
        self, spans: list[tuple[int, int]], folded: list[str], i: int, n: int, text: str
    ) -> tuple[int, tuple[MentionKind, str]] | None:
        for length in range(n, 0, -1):
            if length > 1 and "\n" in text[spans[i][1]:spans[i + length - 1][0]]:
                continue  # a term never spans two lines
            key = tuple(folded[i:i + length])
            value = self.folded.get(key) or self._singular(key)
            if value is None and folded[i] in self.exact_first:
                raw = tuple(text[s:e] for s, e in spans[i:i + length])
                value = self.exact.get(raw)
                if value is None and raw[-1].endswith("s"):
                    value = self.exact.get((*raw[:-1], raw[-1][:-1]))
            if value is not None:
                return length, value
        return None

    def _singular(self, key: tuple[str, ...]) -> tuple[MentionKind, str] | None:
        last = key[-1]
        for stem in (last[:-3] + "y" if last.endswith("ies") else "", last[:-2] if last.endswith("es") else "",
                     last[:-1] if last.endswith("s") else ""):
            if stem and (value := self.folded.get((*key[:-1], stem))):
                return value
        return None

    def is_ancestor(self, broader: str, narrower: str) -> bool:
        return broader in self.ancestors.get(narrower, frozenset())


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _fold(text: str) -> str:
    """Lower case with every index kept in place (a few non-ASCII letters grow under str.lower)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def _closure(name: str, broader: dict[str, tuple[str, ...]]) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(broader.get(name, ()))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(broader.get(current, ()))
    return frozenset(seen)
