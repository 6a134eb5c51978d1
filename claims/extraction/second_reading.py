"""The claims the second reader (learned.py) finds, built from what the sentence and its context name."""
from __future__ import annotations

from claims.extraction import cues as c
from claims.extraction.decisions import ADVERSE_EFFECTS
from claims.extraction.dosage import NUMBER_AND_UNIT
from claims.extraction.findings import Finding, efficacy_effect, safety_effect
from claims.extraction.precautions import CONTRAINDICATED
from claims.extraction.tokens import fold
from claims.extraction.tolerability import SAFE
from claims.extraction.vocabulary import Mention, VocabularyIndex
from evidence.enums import ClaimType, Direction


def benefits(conditions: list[str], negative: bool, index: VocabularyIndex) -> list[Finding]:
    """One efficacy claim per condition ("reishi may lower both"), or its denial."""
    direction = Direction.NEGATIVE if negative else Direction.POSITIVE
    return [Finding(ClaimType.EFFICACY, name, efficacy_effect(name, index.outcomes, direction), direction)
            for name in conditions]


def harms(
    quote: str, conditions: list[Mention], positive: bool, index: VocabularyIndex, not_treated: frozenset[str]
) -> list[Finding]:
    """A safety claim about the harms the sentence names, else the people it warns off, else side effects in
    general; `conditions` relative to the sentence, `positive` what the model read (a reassurance)."""
    positive = positive and not c.SAFETY_UNKNOWN.search(quote)  # "It is not known whether it is safe in pregnancy"
    if positive and NUMBER_AND_UNIT.search(fold(quote)):
        return []  # "Up to 5 grams a day is considered safe": a safe dose, which the dosage reader reads
    direction = Direction.POSITIVE if positive else Direction.NEGATIVE
    warned = [m.name for m in conditions if m.name not in not_treated and _holder(quote, m, index)]
    named = [m.name for m in conditions if m.name != ADVERSE_EFFECTS and (
        m.name in index.harms or not (m.name in not_treated or _holder(quote, m, index)))]
    if warned and not positive:  # "colostrum isn't right for anyone with a milk allergy": who should not take it
        return [Finding(ClaimType.SAFETY, name, CONTRAINDICATED, Direction.NEGATIVE) for name in warned]
    if named:  # "Unprocessed butterbur can damage the liver", "take it with food to avoid stomach upset"
        return [Finding(ClaimType.SAFETY, name, safety_effect(direction), direction) for name in named]
    if warned:  # "It is safe for people with diabetes"
        return [Finding(ClaimType.SAFETY, name, SAFE, Direction.POSITIVE) for name in warned]
    if ADVERSE_EFFECTS in index.harms:  # "Some of our patients take it alongside their treatment without problems."
        return [Finding(ClaimType.SAFETY, ADVERSE_EFFECTS, SAFE if positive else "risk of", direction)]
    return []


def mention_kinds(found: list[Mention], topic: str | None, index: VocabularyIndex) -> frozenset[str]:
    """The kinds of vocabulary terms a sentence names, as the second reader's features know them."""
    kinds: set[str] = set()
    for m in found:
        kinds.add(m.kind)
        if m.kind == "intervention":
            kinds.add("topic" if m.name == topic else "other remedy")
        elif m.name == ADVERSE_EFFECTS:
            kinds.add("adverse effects")
        elif m.name in index.harms:
            kinds.add("harm")
        elif m.name in index.targets:
            kinds.add("target")
        elif m.name in index.populations:
            kinds.add("population")
    return frozenset(kinds)


def _holder(quote: str, m: Mention, index: VocabularyIndex) -> bool:
    """Whether the condition names people who have it ("anyone with a milk allergy", "pregnant women")."""
    return m.name in index.populations or bool(c.before(c.POPULATION_BEFORE, quote, m.start, 80))
