"""What a condition is to a sentence's subject: the claim's target, the people it is for, or neither."""
from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from claims.extraction import cues as c
from claims.extraction.vocabulary import Mention
from evidence.enums import ClaimType, Direction

ADVERSE_EFFECTS = "adverse effects"


class Role(StrEnum):
    TARGET = "target"  # what the claim is about
    POPULATION = "population"  # who it is for ("individuals with RLS"); a target only when nothing else is
    NONE = "none"


class Decision(NamedTuple):
    mention: Mention  # offsets relative to the clause
    role: Role
    claim_type: ClaimType | None = None
    direction: Direction | None = None
    cue: str = ""
    harm_default: bool = False
    group: int = 0  # mentions joined by "and", "or", "such as" form one group
    label: bool = False  # named in a list item's label ("- Heart health: ...")


class SentenceContext(NamedTuple):
    """What the surrounding text lends a sentence: the FAQ question or list heading it belongs to."""

    condition: str | None = None  # for "a reduction in their symptoms"
    side_effects: bool = False  # the previous sentence or the question was about side effects
    benefits: bool = False  # a list item under "Melatonin appears to be most helpful for:"


def negated(before_cue: str) -> bool:
    """"does not relieve", "no evidence that X helps": the words just before a cue deny it."""
    match = c.before(c.NEGATION_BEFORE, before_cue, len(before_cue), 64)
    return match is not None and not match.group().lower().startswith("not only")


def positive_if(flag: bool) -> Direction:
    return Direction.POSITIVE if flag else Direction.NEGATIVE
