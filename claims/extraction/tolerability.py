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
    r"|remarkably|extremely|pretty|fairly|considered|thought|believed|known|also|both|totally|completely|perfectly"
    r"|entirely|overall|normally|in\s+general|\w+ly)\s+)*"
)
# "is generally safe", "appears to be safe", "is inexpensive and generally well tolerated", "were well-tolerated".
_SAFE = re.compile(
    r"\b(?:is|are|was|were|be|been|seems?|seemed|appears?|appeared|considered|deemed|regarded|thought|believed)"
    r"\s+(?:to\s+(?:be|have\s+been)\s+)?(?:(?:\w+ly\s+)?[\w-]+,?\s+and\s+)?" + _QUALIFIER
    + r"(?:safe|well[- ]tolerated|(?:a\s+)?(?:safe|low-risk)\s+(?:option|choice|supplement|remedy|herb))\b"
    r"|\b(?:has|have|had|with)\s+(?:an?\s+)?(?:excellent|good|great|strong|solid|long|impressive)\s+safety\s+(?:record|profile)"
    r"|\bone\s+of\s+the\s+(?:safest|best[- ]tolerated|most\s+(?:studied\s+and\s+)?(?:safe|well[- ]tolerated))\b"
    r"|\bgenerally\s+recogni[sz]ed\s+as\s+safe|\bgras\b"
    # "Small studies in breastfeeding women have not found any problems"
    r"|\b(?:have|has|had|did)\s+not\s+(?:found|shown|reported|turned\s+up)\s+any\s+(?:problems|harms?|safety\s+(?:problems|issues"
    r"|concerns)|side[- ]effects|issues)|\bfound\s+no\s+(?:problems|harms?|safety\s+(?:problems|issues|concerns))"
    r"|\bno\s+(?:serious|major|significant|severe|notable)\s+(?:side[- ]effects|adverse\s+(?:effects|events|reactions))"
    r"\s+(?:were|was|have\s+been|has\s+been)\s+(?:reported|seen|observed|found|noted)"
)
# "not known to be safe", "whether it is safe", "to ensure it is safe": no claim that it is safe.
_DENIED_BEFORE = re.compile(
    r"\b(?:not|n't|never|whether|if|unclear|unknown|no\s+one\s+knows|ensure|make\s+sure|to\s+know)\b[\w\s'’-]{0,30}$"
)
# "Up to 4 grams a day is considered safe": what is safe is the dose, a dosage claim of its own.
_DOSE_BEFORE = re.compile(r"\b\d[\d.,]*\s*(?:mg|g|mcg|µg|iu|grams?|milligrams?|micrograms?|cups?|drops?)\b[^.;]{0,40}$")
# "drinking it every day can cause problems:", "may lead to complications": harm without a named condition.
_TROUBLE = re.compile(
    r"\b(?:can|may|could|might|will|often|also)\s+(?:also\s+)?(?:cause|lead\s+to|create|trigger)\s+(?:\w+\s+)?"
    r"(?:problems|issues|complications|trouble|side[- ]effects|unpleasant\s+effects)\b"
)
# "Doses above 5 grams can be toxic", "Raw elderberries are poisonous": harm without a named condition ("toxic to
# the liver" names it).
_TOXIC = re.compile(
    r"\b(?:can|may|could|might|will|is|are|be|becomes?)\s+(?:also\s+)?(?:be\s+)?(?:highly\s+|very\s+|potentially\s+"
    r"|seriously\s+|extremely\s+)?(?:toxic|poisonous)\b(?!\s+(?:to|for|in)\b)"
)
_FOR_WHOM = re.compile(r"\s+(?:to\s+(?:use|take)\s+)?(?:during|in|for|while)\s+(?:\w+\s+)?(?P<who>pregnan\w*"
                       r"|breastfe\w*|nursing|children|kids)\b")
_STUDIED_IN = re.compile(r"\b(?:in|of|among)\s+(?:\w+\s+)?(?P<who>pregnan\w*|breastfe\w*|nursing|children|kids)\b")
_POPULATIONS = {"pregn": "pregnancy", "breas": "breastfeeding", "nursi": "breastfeeding", "child": "children",
                "kids": "children"}
# "could push your blood sugar too low", "your blood pressure may drop too low": the harm of overshooting.
_TOO_LOW = re.compile(
    r"\b(?P<what>blood\s+sugar|blood\s+glucose|glucose|blood\s+pressure|levels?)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:too|dangerously|very|excessively)\s+low\b"
)
_SUGAR_WORDS = ("sugar", "glucose", "diabet", "insulin", "metformin")
# "gentler on the stomach than magnesium oxide", "easy on your stomach": an upset stomach spared.
_GENTLE = re.compile(
    r"\b(?:gentle|gentler|easier|easy|kind|kinder|soft|softer)\s+on\s+(?:the|your|their|my)\s+(?:stomach|gut|tummy"
    r"|digestive\s+(?:system|tract))\b"
)
_HINTS = ("safe", "tolerat", "gras", "problems", "harm", "issues", "concerns", "no serious", "no major",
          "no significant", "no severe", "no notable")  # "safest" too
_TROUBLE_HINTS = ("problems", "issues", "complications", "trouble", "side effects", "side-effects", "effects")


def read_tolerability(sentence: str) -> list[Finding]:
    """A sentence saying its subject is safe or well tolerated makes a positive safety claim about side effects;
    one saying it can cause problems, without naming them, a negative one."""
    folded = fold(sentence)
    found = []
    said = [match for match in _SAFE.finditer(folded) if _said_safe(folded, match)] if contains_any(folded, _HINTS) else []
    for match in said:  # "safe during pregnancy at normal doses" speaks for pregnant women
        who = _FOR_WHOM.match(folded, match.end()) or _STUDIED_IN.search(folded, 0, match.start())
        condition = _POPULATIONS[who.group("who")[:5]] if who else ADVERSE_EFFECTS
        found.append(Finding(ClaimType.SAFETY, condition, SAFE, Direction.POSITIVE))
    if (contains_any(folded, _TROUBLE_HINTS) and _TROUBLE.search(folded)) or (
            contains_any(folded, ("toxic", "poison")) and _TOXIC.search(folded)):
        found.append(Finding(ClaimType.SAFETY, ADVERSE_EFFECTS, "risk of", Direction.NEGATIVE))
    if " on " in folded and _GENTLE.search(folded):
        found.append(Finding(ClaimType.SAFETY, "stomach upset", "lower risk of", Direction.POSITIVE))
    if " low" in folded and (low := _too_low(folded)):
        found.append(Finding(ClaimType.SAFETY, low, "risk of", Direction.NEGATIVE))
    return found


def _too_low(folded: str) -> str | None:
    """Hypoglycemia or hypotension, when the sentence warns of blood sugar or blood pressure falling too low
    ("levels" says which by the rest of the sentence)."""
    match = _TOO_LOW.search(folded)
    if match is None:
        return None
    what = match.group("what")
    if "pressure" in what or (what.startswith("level") and "pressure" in folded):
        return "hypotension"
    if what.startswith("level") and not contains_any(folded, _SUGAR_WORDS):
        return None
    return "hypoglycemia"


def _said_safe(folded: str, match: re.Match[str]) -> bool:
    before = folded[max(0, match.start() - 40):match.start()]
    return not (_DENIED_BEFORE.search(before) or _DOSE_BEFORE.search(folded[:match.start()]))
