"""Tolerability: "generally safe", "well tolerated", "no serious side effects were reported" are safety claims."""
from __future__ import annotations

import re

from claims.extraction.decisions import ADVERSE_EFFECTS
from claims.extraction.findings import Finding
from claims.extraction.tokens import contains_any, fold
from evidence.enums import ClaimType, Direction

SAFE = "is generally safe"

_QUALIFIER = (
    r"(?:(?:generally|usually|likely|relatively|very|quite|largely|mostly|typically|probably|possibly|reasonably"
    r"|remarkably|extremely|pretty|fairly|considered|thought|believed|known|also|both)\s+)*"
)
# "is generally safe", "appears to be safe", "is inexpensive and generally well tolerated", "were well-tolerated".
_SAFE = re.compile(
    r"\b(?:is|are|was|were|be|been|seems?|seemed|appears?|appeared|considered|deemed|regarded|thought|believed)"
    r"\s+(?:to\s+(?:be|have\s+been)\s+)?(?:[\w-]+\s+and\s+)?" + _QUALIFIER
    + r"(?:safe|well[- ]tolerated|(?:a\s+)?(?:safe|low-risk)\s+(?:option|choice|supplement|remedy|herb))\b"
    r"|\bno\s+(?:serious|major|significant|severe|notable)\s+(?:side[- ]effects|adverse\s+(?:effects|events|reactions))"
    r"\s+(?:were|was|have\s+been|has\s+been)\s+(?:reported|seen|observed|found|noted)"
)
# "not known to be safe", "whether it is safe", "to ensure it is safe": no claim that it is safe.
_DENIED_BEFORE = re.compile(
    r"\b(?:not|n't|never|whether|if|unclear|unknown|no\s+one\s+knows|ensure|make\s+sure|to\s+know)\b[\w\s'’-]{0,30}$"
)
# "Up to 4 grams a day is considered safe": what is safe is the dose, a dosage claim of its own.
_DOSE_BEFORE = re.compile(r"\b\d[\d.,]*\s*(?:mg|g|mcg|µg|iu|grams?|milligrams?|micrograms?|cups?|drops?)\b[^.;]{0,40}$")
_HINTS = ("safe", "tolerat", "no serious", "no major", "no significant", "no severe", "no notable")


def read_tolerability(sentence: str) -> list[Finding]:
    """A sentence saying its subject is safe or well tolerated makes a positive safety claim about side effects."""
    folded = fold(sentence)
    if not contains_any(folded, _HINTS):
        return []
    for match in _SAFE.finditer(folded):
        before = folded[max(0, match.start() - 40):match.start()]
        if _DENIED_BEFORE.search(before) or _DOSE_BEFORE.search(folded[:match.start()]):
            continue
        if "not" in match.group() or "n't" in match.group():
            continue
        return [Finding(ClaimType.SAFETY, ADVERSE_EFFECTS, SAFE, Direction.POSITIVE)]
    return []
