"""Epidemiology claims: how many people a condition affects ("RLS affects up to 10% of the population")."""
from __future__ import annotations

import re

from claims.extraction.findings import Finding
from evidence.enums import ClaimType, Direction

_I = re.IGNORECASE
_BOUND = r"(?P<bound>up\s+to|about|around|approximately|nearly|almost|over|more\s+than|roughly|as\s+many\s+as|an\s+estimated)"
_AFFECTS = re.compile(
    rf"\b(?:affect(?:s|ing|ed)?|afflicts?|afflicting|impacts?|impacting)\s+(?:{_BOUND}\s+)?"
    r"(?:(?P<percent>\d+(?:\.\d+)?)\s*(?:%|percent)|(?P<count>\d[\d,.]*\s*(?:million|billion))|(?P<millions>millions|billions)"
    r"|one\s+in\s+(?P<one_in>\w+))(?!\w)",
    _I,
)
_PREVALENCE = re.compile(
    rf"\b(?:prevalence|incidence)\s+of\b[^.]{{0,60}}?(?:{_BOUND}\s+)?(?P<percent>\d+(?:\.\d+)?)\s*(?:%|percent)", _I
)


_PREVALENCE_HINTS = ("affect", "afflict", "impact", "prevalen", "inciden")


def read_prevalence(sentence: str, condition: str | None) -> list[Finding]:
    """The first condition the sentence names is the one whose frequency it states."""
    if condition is None:
        return []
    folded = sentence.lower()
    if not any(hint in folded for hint in _PREVALENCE_HINTS):
        return []
    match = _AFFECTS.search(sentence) or _PREVALENCE.search(sentence)
    if match is None:
        return []
    return [Finding(ClaimType.EPIDEMIOLOGY, condition, _how_many(match), Direction.NEUTRAL)]


def _how_many(match: re.Match[str]) -> str:
    groups = match.groupdict()
    bound = " ".join(groups["bound"].split()).lower() + " " if groups.get("bound") else ""
    if groups.get("percent"):
        return f"affects {bound}{groups['percent']}% of people"
    if groups.get("count"):
        return f"affects {bound}{' '.join(groups['count'].split())} people"
    if groups.get("one_in"):
        return f"affects {bound}one in {groups['one_in'].lower()} people"
    return "affects millions of people"
