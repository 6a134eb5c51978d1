"""One claim read from one sentence, before appearances are gathered under a key."""
from __future__ import annotations

from typing import NamedTuple

from evidence.enums import ClaimType, Direction


class Finding(NamedTuple):
    claim_type: ClaimType
    condition: str | None
    effect: str
    direction: Direction


def efficacy_effect(condition: str, outcomes: frozenset[str], direction: Direction) -> str:
    """One verb per condition class, so "eases RLS" and "alleviates RLS symptoms" share a key."""
    verb = "improves" if condition in outcomes else "relieves"
    if direction is Direction.NEGATIVE:
        return "does not improve" if verb == "improves" else "does not relieve"
    return verb


def safety_effect(direction: Direction) -> str:
    return "lower risk of" if direction is Direction.POSITIVE else "risk of"


def mechanism_effect(condition: str, cue: str) -> str:
    cue = cue.lower()
    if "receptor" in condition:
        return "blocks" if cue.startswith(("block", "inhibit", "antagonis")) else "binds"
    if cue.startswith(("stimulat", "releas", "increas", "rais", "boost", "enhanc", "promot")):
        return "increases"
    if cue.startswith(("inhibit", "block", "suppress", "antagonis")):
        return "inhibits"
    if cue.startswith(("lower", "reduc", "decreas")):
        return "lowers"
    return "modulates"
