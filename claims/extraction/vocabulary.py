"""The curated vocabulary as plain data, and the one matcher that finds its terms in article text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, NamedTuple

from claims.extraction.tokens import TOKEN, Words, fold, tokenize

MentionKind = Literal["intervention", "condition"]

# A condition is a harm when it or a broader term is one of these: "without X", "fewer X" and
# "lower risk of X" then speak about safety, not efficacy.
HARM_ROOTS = frozenset({
    "adverse effects", "addiction", "overdose", "liver injury", "kidney injury", "drug interactions",
    "respiratory depression", "death", "serotonin syndrome", "bleeding", "neonatal abstinence syndrome",
    "drug tolerance", "miscarriage", "birth defects",
})
# Mechanism claims name a target: a receptor, or a messenger under one of these.
TARGET_ROOTS = frozenset({
    "neurotransmitters", "cortisol", "cyclooxygenase-2", "melatonin levels", "hypothalamic-pituitary-adrenal axis",
    "brain-derived neurotrophic factor", "nitric oxide", "nf-kb", "cytokines", "prostaglandins", "ampk",
    "acetylcholinesterase", "insulin secretion", "hormones", "5-alpha-reductase", "blood clotting",
    "drug-metabolizing enzymes", "nerve growth factor", "amyloid beta", "amylase",
})
# Outcomes people want more of are "improved"; symptoms and diseases are "relieved".
# States of life, not diseases: a claim is made for them ("not for pregnant women"), never about relieving them.
POPULATION_TERMS = frozenset({"pregnancy", "breastfeeding", "children", "surgery"})
_OUTCOME_NAME = re.compile(
    r"\b(?:quality|function|well-being|mood|energy|libido|performance|health|memory|recovery|digestion|appetite"
    r"|testosterone levels|muscle strength|wound healing|fertility|alertness|longevity|hydration|relaxation|circulation"
    r"|satiety|production|growth|density|sensitivity)\b"
)


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


# starts, ends, kinds, names, surfaces
MentionColumns = tuple[list[int], list[int], list[MentionKind], list[str], list[str]]


class Mention(NamedTuple):
    """A vocabulary term found in the text: its span, kind and canonical name (a tuple: made by the thousand)."""

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


_CONJUNCTIONS = frozenset({"and", "or"})


class VocabularyIndex:
    """Token n-gram lookup of every name and synonym (longest match wins) plus the broader-term graph."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.folded: dict[tuple[str, ...], tuple[MentionKind, str]] = {}
        self.exact: dict[tuple[str, ...], tuple[MentionKind, str]] = {}  # abbreviations: "RLS", "SAMe"
        self.lengths: dict[str, tuple[int, ...]] = {}  # first token (folded) -> lengths of its n-grams, longest first
        self.exact_first: set[str] = set()
        for kind, terms in (("intervention", vocabulary.interventions), ("condition", vocabulary.conditions)):
            for term in terms:
                for surface in (term.name, *term.synonyms):
                    self._add(surface, (kind, term.name))  # type: ignore[arg-type]
        self._add_plurals()
        self.trie = _trie(self.folded)
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
        tokens = tuple(TOKEN.findall(surface))
        if not tokens:
            return
        case_sensitive = sum(ch.isupper() for ch in surface) >= 2
        if case_sensitive:
            self.exact.setdefault(tokens, value)
            self.exact_first.add(fold(tokens[0]))
        else:
            self.folded.setdefault(tuple(fold(t) for t in tokens), value)
        self._add_length(fold(tokens[0]), len(tokens))

    def _add_length(self, first: str, length: int) -> None:
        lengths = self.lengths.get(first, ())
        if length not in lengths:
            self.lengths[first] = tuple(sorted((*lengths, length), reverse=True))

    def _add_plurals(self) -> None:
        """"migraines", "allergies", "muscle cramps": a plural in the text finds the singular name. Names come
        first; of two singulars for one plural, the one ending in "y", then in "-es", wins."""
        names = list(self.folded.items())
        for plural in (_plural_ies, _plural_es, _plural_s):
            for tokens, value in names:
                form = plural(tokens[-1])
                if form:
                    self.folded.setdefault((*tokens[:-1], form), value)
                    if len(tokens) == 1:
                        self._add_length(form, 1)

    def mentions(self, text: str, words: Words | None = None) -> list[Mention]:
        """Every vocabulary term in the text, left to right, longest match first, never overlapping
        (`words`: the text's words, when the caller has them already)."""
        return [Mention(*mention) for mention in zip(*self.mention_columns(text, words))]

    def mention_columns(self, text: str, words: Words | None = None) -> MentionColumns:
        """The mentions as columns (starts, ends, kinds, names): a long article's thousands of mentions then make
        four lists, not thousands of objects for the garbage collector to walk through."""
        tokens, bounds = words or tokenize(fold(text))  # folding keeps every index, so bounds index into text
        lengths = self.lengths
        columns: MentionColumns = ([], [], [], [], [])
        starts, ends, kinds, names, surfaces = columns
        after = 0  # first token not inside an earlier mention
        for i in [i for i, token in enumerate(tokens) if token in lengths]:
            if i < after:
                continue
            hit = self._lookup(tokens, bounds, i, lengths[tokens[i]], text)
            if hit is not None:
                length, (kind, name) = hit
                start, end = bounds[2 * i], bounds[2 * (i + length) - 1]
                starts.append(start)
                ends.append(end)
                kinds.append(kind)
                names.append(name)
                surfaces.append(text[start:end])
                after = i + length
                if length > 1 and i > 1 and tokens[i - 1] in _CONJUNCTIONS:
                    self._shared_heads(tokens, bounds, i, length, text, columns)
        return columns

    def _shared_heads(
        self, tokens: list[str], bounds: list[int], i: int, length: int, text: str, columns: MentionColumns
    ) -> None:
        """"stomach and colorectal cancer", "breast, prostate and colon cancer": words before a conjunction share
        the last word of the term after it; each pair that is a term of its own is a mention too."""
        head = tokens[i + length - 1]
        earlier_end = columns[1][-2] if len(columns[1]) > 1 else -1  # the mention before the one lending its head
        shared: list[int] = []
        j = i - 2  # the word before the conjunction
        while j >= 0 and bounds[2 * j] >= earlier_end and (tokens[j], head) in self.folded:
            shared.append(j)
            if j < 1 or text[bounds[2 * j - 1]:bounds[2 * j]].strip() != ",":
                break
            j -= 1
        for k in reversed(shared):
            kind, name = self.folded[(tokens[k], head)]
            at = len(columns[0]) - 1  # before the term that lends its head
            for column, value in zip(columns, (bounds[2 * k], bounds[2 * k + 1], kind, name,
                                               text[bounds[2 * k]:bounds[2 * k + 1]])):
                column.insert(at, value)  # type: ignore[attr-defined]

    def _lookup(
        self, tokens: list[str], bounds: list[int], i: int, lengths: tuple[int, ...], text: str
    ) -> tuple[int, tuple[MentionKind, str]] | None:
        """The longest term starting at token i: folded terms by walking the trie word by word, abbreviations
        (matched as written) only where one is longer."""
        best: tuple[int, tuple[MentionKind, str]] | None = None
        node = self.trie.get(tokens[i])
        j = i + 1
        while node is not None:
            value, children = node
            if value is not None:
                best = (j - i, value)
            if j >= len(tokens) or not children or "\n" in text[bounds[2 * j - 1]:bounds[2 * j]]:
                break  # a term never spans two lines
            node = children.get(tokens[j])
            j += 1
        if tokens[i] not in self.exact_first:
            return best
        for length in lengths:
            if best is not None and length <= best[0]:
                break
            if i + length > len(tokens):
                continue
            if length > 1 and "\n" in text[bounds[2 * i + 1]:bounds[2 * (i + length - 1)]]:
                continue
            raw = tuple(text[bounds[2 * k]:bounds[2 * k + 1]] for k in range(i, i + length))
            value = self.exact.get(raw)
            if value is None and raw[-1].endswith("s"):
                value = self.exact.get((*raw[:-1], raw[-1][:-1]))
            if value is not None:
                return length, value
        return best

    def is_ancestor(self, broader: str, narrower: str) -> bool:
        return broader in self.ancestors.get(narrower, frozenset())


_Term = tuple[MentionKind, str]
_Node = tuple[_Term | None, dict[str, "_Node"]]


def _trie(terms: dict[tuple[str, ...], tuple[MentionKind, str]]) -> dict[str, _Node]:
    """The folded terms as a tree of words: each node holds the term ending there (or None) and the words that
    can follow."""
    root: dict[str, list[Any]] = {}
    for tokens, value in terms.items():
        level = root
        for k, token in enumerate(tokens):
            node = level.setdefault(token, [None, {}])
            if k == len(tokens) - 1:
                node[0] = value
            level = node[1]
    return _frozen(root)


def _frozen(level: dict[str, list[Any]]) -> dict[str, _Node]:
    return {token: (value, _frozen(children)) for token, (value, children) in level.items()}


def _plural_ies(token: str) -> str:
    return token[:-1] + "ies" if token.endswith("y") and len(token) > 1 else ""


def _plural_es(token: str) -> str:
    return token + "es"


def _plural_s(token: str) -> str:
    return token + "s"


def _closure(name: str, broader: dict[str, tuple[str, ...]]) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(broader.get(name, ()))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(broader.get(current, ()))
    return frozenset(seen)
