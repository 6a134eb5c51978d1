"""Legal claims: banned, legal, controlled or scheduled where; legal status that varies. Never graded."""
from __future__ import annotations

import re

from claims.extraction.cues import clause_spans
from claims.extraction.findings import Finding
from claims.extraction.tokens import contains_any
from evidence.enums import ClaimType, Direction

_I = re.IGNORECASE
_US_STATES = (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois "
    "Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri "
    "Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington "
    "Wisconsin Wyoming"
).split() + ["New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
            "Rhode Island", "South Carolina", "South Dakota", "West Virginia", "District of Columbia",
            "San Diego", "Sarasota County", "Denver"]
_COUNTRIES = (
    "Thailand Malaysia Myanmar Indonesia Australia Denmark Finland Ireland Israel Lithuania Poland Romania Sweden "
    "Singapore Vietnam Canada Germany France Japan China India Russia Italy Spain Norway Netherlands Switzerland"
).split() + ["United States", "United Kingdom", "New Zealand", "South Korea", "European Union"]
_ALIASES = {"federal level": "United States", "U.S.": "United States", "US": "United States", "USA": "United States", "UK": "United Kingdom",
            "U.K.": "United Kingdom", "DEA": "United States", "FDA": "United States"}
_PLACE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(p) for p in sorted([*_US_STATES, *_COUNTRIES, *_ALIASES], key=len,
                                                             reverse=True)) + r")(?![\w])"
)
_BANNED = re.compile(r"\b(?:banned|bans?|banning|prohibit\w*|illegal|outlaw\w*|criminali[sz]\w*)\b", _I)
_LEGAL = re.compile(
    r"\b(?:(?:is|are|remains?|was|be)\s+(?:still\s+|currently\s+|also\s+|fully\s+)?legal\b(?!\s+status)"
    r"|legally\s+(?:available|sold)|legal\s+to\s+(?:buy|use|sell|purchase|possess))",
    _I,
)
_OVER_THE_COUNTER = re.compile(r"\bover[- ]the[- ]counter\b|\bwithout\s+a\s+prescription\b", _I)
_PRESCRIPTION_ONLY = re.compile(
    r"\b(?:only\s+(?:with|by|on)\s+(?:a\s+)?prescription|prescription[- ]only|requires?\s+a\s+prescription)\b", _I
)
_RESTRICTED = re.compile(r"\b(?:restrict(?:s|ed|ing)?|restrictions)\b", _I)
_CONTROLLED = re.compile(
    r"\b(?:controlled\s+substance|schedule\s+(?:I{1,3}|IV|V|[1-5])\b|scheduled\s+(?:as|drug|substance))", _I
)
_SCHEDULE = re.compile(r"\bschedule\s+(I{1,3}|IV|V|[1-5])\b", _I)
_VARIES = re.compile(
    r"\b(?:legal(?:ity|\s+status(?:es)?)|regulat\w+(?:\s+status)?|laws?)\b[^.;]{0,60}?\bvar(?:y|ies|ied|ying)\b"
    r"|\bvar(?:y|ies|ying)\w*\b[^.;]{0,30}?\b(?:legal\w*|regulations?|laws?)\b|\bdifferent\s+legal\s+status\w*",
    _I,
)
_NOT_APPROVED = re.compile(
    r"\bnot\s+(?:been\s+)?(?:approved|regulated|evaluated)\s+by\s+the\s+FDA\b|\bFDA\b[^.]{0,40}\bnot\s+(?:yet\s+)?approved\b"
    r"|\bno\s+FDA[- ]approved\b",
    _I,
)


_LEGAL_HINTS = ("legal", "ban", "prohibit", "restrict", "prescription", "counter", "schedul", "controlled", "fda",
                "outlaw", "criminali")


def read_legal(sentence: str) -> list[Finding]:
    """A list of places inside one legal claim stays one claim ("banned in Alabama, Arkansas, ...")."""
    folded = sentence.lower()
    if not contains_any(folded, _LEGAL_HINTS) and not (("regulat" in folded or "law" in folded) and "var" in folded):
        return []
    findings: list[Finding] = []
    for start, end in clause_spans(sentence):
        clause = sentence[start:end]
        findings += _clause_findings(sentence, clause)
    if _VARIES.search(sentence):
        findings.append(_legal("legal status varies by jurisdiction", Direction.NEUTRAL))
    return list(dict.fromkeys(findings))


def _clause_findings(sentence: str, clause: str) -> list[Finding]:
    """The statuses one clause states, each "in" the places it names (looked up only when there is a status)."""
    if not contains_any(clause.lower(), _LEGAL_HINTS):
        return []
    statuses: list[tuple[str, Direction]] = []  # "{where}" stands for the places
    if _CONTROLLED.search(clause):
        schedule = _SCHEDULE.search(clause)
        kind = f"Schedule {schedule.group(1).upper()} controlled substance" if schedule else "controlled substance"
        statuses.append((kind + " in {where}", Direction.NEGATIVE))
    elif _BANNED.search(clause):
        statuses.append(("banned in {where}", Direction.NEGATIVE))
    elif _RESTRICTED.search(clause):
        statuses.append(("restricted in {where}", Direction.NEGATIVE))
    if _PRESCRIPTION_ONLY.search(clause):
        statuses.append(("prescription-only in {where}", Direction.NEGATIVE))
    elif _OVER_THE_COUNTER.search(clause):
        statuses.append(("sold without prescription in {where}", Direction.POSITIVE))
    if _LEGAL.search(clause):
        statuses.append(("legal in {where}", Direction.POSITIVE))
    not_approved = _NOT_APPROVED.search(clause)
    if not_approved:
        verb = next(v for v in ("approved", "regulated", "evaluated") if v in not_approved.group().lower())
        statuses.append((f"not {verb} by the FDA", Direction.NEGATIVE))
    if not statuses:
        return []
    places = _places(clause) or (_places(sentence) if _CONTROLLED.search(clause) else [])  # "the DEA ... but later"
    where = ", ".join(places) or "some jurisdictions"
    return [_legal(effect.replace("{where}", where), direction) for effect, direction in statuses]


def _places(clause: str) -> list[str]:
    return sorted({_ALIASES.get(m.group(), m.group()) for m in _PLACE.finditer(clause)})


def _legal(effect: str, direction: Direction) -> Finding:
    return Finding(ClaimType.LEGAL, None, effect, direction)
