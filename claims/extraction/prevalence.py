"""Epidemiology claims: how many people a condition affects ("RLS affects up to 10% of the population")."""
from __future__ import annotations

import re

from claims.extraction.findings import Finding
from claims.extraction.tokens import contains_any
from evidence.enums import ClaimType, Direction

_I = re.IGNORECASE
_BOUND = r"(?P<bound>up\s+to|about|around|approximately|nearly|almost|over|more\s+than|roughly|as\s+many\s+as|an\s+estimated)"
_PERCENT = r"(?P<percent>\d+(?:\.\d+)?(?:\s*(?:–|-|to)\s*\d+(?:\.\d+)?)?)\s*(?:%|percent)"  # "10–15%"
_AFFECTS = re.compile(
    rf"\b(?:affect(?:s|ing|ed)?|afflicts?|afflicting|impacts?|impacting)\s+(?:{_BOUND}\s+)?"
    rf"(?:{_PERCENT}|(?P<count>\d[\d,.]*\s*(?:million|billion))|(?P<millions>millions|billions)"
    r"|one\s+in\s+(?P<one_in>\w+)|(?P<share>half|a\s+third|one\s+third|a\s+quarter|one\s+quarter|two\s+thirds))(?!\w)",
    _I,
)
# "About 1 in 3 adults has high blood pressure", "20% of women experience migraines": the condition comes after.
_SHARE_HAVE = re.compile(
    rf"(?:{_BOUND}\s+)?(?:{_PERCENT}|(?:one|1)\s+in\s+(?P<one_in>\w+)|(?P<count>\d[\d,.]*\s*(?:million|billion))"
    r"|(?P<share>half|a\s+third|one\s+third|a\s+quarter|one\s+quarter|two\s+thirds))\s+(?:of\s+)?(?:all\s+)?"
    r"(?:\w+\s+){0,2}?(?:adults|people|americans|women|men|children|adolescents|teens|the\s+population|individuals)"
    r"(?:\s+\w+){0,4}?\s+(?:ha(?:s|ve)|experience[sd]?|suffer\s+from|live\s+with|are\s+affected\s+by|develop)\b",
    _I,
)
_PREVALENCE = re.compile(
    rf"\b(?:prevalence|incidence)\s+of\b[^.]{{0,60}}?(?:{_BOUND}\s+)?(?P<percent>\d+(?:\.\d+)?)\s*(?:%|percent)", _I
)


_PREVALENCE_HINTS = ("affect", "afflict", "impact", "prevalen", "inciden")
_SHARE_HINTS = ("has ", "have ", "experience", "suffer", "live with", "affected by", "develop")
_SHARES = ("%", "percent", "half", "third", "quarter", " in ", "million", "billion")


def read_prevalence(sentence: str, condition: str | None, names_a_remedy: bool = False) -> list[Finding]:
    """The first condition the sentence names is the one whose frequency it states. "20% of people have X" is read
    only when no remedy is named: "a third of those who took it had less anxiety" is a result, not a prevalence."""
    if condition is None:
        return []
    folded = sentence.lower()
    match = None
    if contains_any(folded, _PREVALENCE_HINTS):
        match = _AFFECTS.search(sentence) or _PREVALENCE.search(sentence)
    if match is None and not names_a_remedy and contains_any(folded, _SHARE_HINTS) and contains_any(folded, _SHARES):
        match = _SHARE_HAVE.search(sentence)
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
    if groups.get("share"):
        return f"affects {bound}{' '.join(groups['share'].split()).lower()} of people"
    return "affects millions of people"
