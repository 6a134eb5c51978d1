"""Dosage claims: amounts ("4 to 10 grams") and which strain at which time of day. Never graded."""
from __future__ import annotations

import re

from claims.extraction.findings import Finding
from evidence.enums import ClaimType, Direction

_I = re.IGNORECASE
_UNITS = {
    "mg": "mg", "milligram": "mg", "milligrams": "mg", "g": "g", "gram": "g", "grams": "g", "mcg": "mcg",
    "microgram": "mcg", "micrograms": "mcg", "µg": "mcg", "μg": "mcg", "iu": "IU", "ml": "ml", "milliliter": "ml",
    "milliliters": "ml", "millilitre": "ml", "millilitres": "ml", "drop": "drops", "drops": "drops",
    "capsule": "capsules", "capsules": "capsules", "teaspoon": "teaspoons", "teaspoons": "teaspoons",
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"  # "2,000" as well as "0.5"
_AMOUNT = re.compile(
    r"(?P<bound>\b(?:up\s+to|no\s+more\s+than|less\s+than|at\s+least|about|around|approximately)\s+)?"
    rf"\b(?P<low>{_NUMBER})\s*(?:(?:-|–|—|to|and)\s*(?P<high>{_NUMBER})\s*)?"
    r"(?P<unit>" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")\b"
    r"(?P<per_day>\s+(?:per\s+day|a\s+day|daily))?",
    _I,
)
_DOSE_WORDS = re.compile(
    r"\b(?:dos(?:e|es|age|ages|ing)|take|taking|taken|daily|per\s+(?:day|serving)|servings?|consum\w+|used?"
    r"|recommend\w*|start(?:ing)?\s+with)\b",
    _I,
)
_STRAIN = re.compile(r"\b(red|white|green|yellow|gold)[- ](?:vein(?:ed)?|strains?)\b", _I)
_TIMES = (
    ("all day", re.compile(r"\ball[- ]day\b|\bthroughout\s+the\s+day\b|\bbalanced\b", _I)),
    ("at night", re.compile(
        r"\bnight\w*|\bevening\b|\bbed\w*|\bbefore\s+sleep\b|\blater\s+in\s+the\s+day\b|\bend\s+of\s+the\s+day\b", _I)),
    ("in the daytime", re.compile(r"\bday\s?time\b|\bmorning\b|\bwaking\s+hours\b|\bduring\s+the\s+day\b", _I)),
)


# A number with a unit after it, quickly: most numbers in an article are years, percentages and citations.
NUMBER_AND_UNIT = re.compile(r"\d\s*(?:mg|g\b|mcg|µg|μg|iu\b|ml|milli|micro|gram|drop|capsule|teaspoon)")


# "those who took 300 mg", "a single 600 mg dose": what one study gave, not a dose the article recommends.
_STUDY_DOSE = re.compile(r"\b(?:took|given|received|administered|a\s+single)\b", _I)


def read_dosage(sentence: str, condition: str | None) -> list[Finding]:
    lowered = sentence.lower()
    findings = []
    if NUMBER_AND_UNIT.search(lowered) and _DOSE_WORDS.search(sentence) and not _STUDY_DOSE.search(sentence):
        findings = [_amount(m, condition) for m in _AMOUNT.finditer(sentence)]
    if "vein" in lowered or "strain" in lowered:
        findings += _strain_times(sentence)
    return list(dict.fromkeys(findings))


def _amount(m: re.Match[str], condition: str | None) -> Finding:
    unit = _UNITS[m.group("unit").lower()]
    amount = m.group("low").replace(",", "") + (f"-{m.group('high').replace(',', '')}" if m.group("high") else "")
    bound = " ".join(m.group("bound").split()).lower() + " " if m.group("bound") else ""
    per_day = " per day" if m.group("per_day") else ""
    return Finding(ClaimType.DOSAGE, condition, f"dose {bound}{amount} {unit}{per_day}", Direction.NEUTRAL)


def _strain_times(sentence: str) -> list[Finding]:
    """"red vein for nighttime and white vein for daytime": each strain with the time named after it."""
    strains = list(_STRAIN.finditer(sentence))
    findings = []
    for n, strain in enumerate(strains):
        stretch = sentence[strain.end():strains[n + 1].start() if n + 1 < len(strains) else len(sentence)]
        for when, pattern in _TIMES:
            if pattern.search(stretch):
                colour = strain.group(1).lower()
                findings.append(Finding(ClaimType.DOSAGE, None, f"{colour} vein strains {when}", Direction.NEUTRAL))
                break
    return findings
