"""What evidence a sentence says it has (AssertedEvidence with its cue words), and whether it hedges."""
from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.tokens import fold
from evidence.enums import AssertedEvidence

_I = 0  # patterns are lower-case and run on fold(sentence), which is much faster than IGNORECASE
_STUDY_NOUN = r"(?:trials?|stud(?:y|ies)|evidence|research|data)"

# Specific designs, strongest first. A specific cue beats the generic "studies show" on the same words.
_SPECIFIC: tuple[tuple[AssertedEvidence, re.Pattern[str]], ...] = (
    (AssertedEvidence.SYSTEMATIC_REVIEW, re.compile(
        r"\bmeta-?analy[sz](?:is|es)\b|\bsystematic reviews?\b|\bcochrane reviews?\b", _I)),
    (AssertedEvidence.RCT, re.compile(
        r"\brandomi[sz]ed\b|\bplacebo[- ]controlled\b|\bdouble[- ]blind(?:ed)?\b|\brcts?\b", _I)),
    (AssertedEvidence.CONTROLLED_TRIAL, re.compile(
        rf"\b(?:clinical|human|controlled|pilot) {_STUDY_NOUN}\b|\bclinical(?:ly)? (?:tested|proven)\b"
        r"|\b(?:a|one|the|two|three|several|many|some|small|large|recent|new|later|\d+-\w+) (?:\w+ ){0,2}?trials?\b",
        _I)),
    (AssertedEvidence.OBSERVATIONAL, re.compile(
        r"\b(?:surveys?|cohort stud(?:y|ies)|observational stud(?:y|ies)|cross-sectional stud(?:y|ies)"
        r"|case-control stud(?:y|ies)|epidemiological stud(?:y|ies)|population-based stud(?:y|ies))\b", _I)),
    (AssertedEvidence.CASE_REPORT, re.compile(r"\bcase (?:reports?|series)\b|\ba case of\b", _I)),
    (AssertedEvidence.PRECLINICAL, re.compile(
        r"\bpre-?clinical\b|\banimal (?:stud(?:y|ies)|models?|research|experiments?)\b"
        r"|\bin (?:mice|rats|rodents|animals|animal models)\b|\bin[- ]vitro\b"
        r"|\b(?:laboratory|lab|test[- ]tube|cell|rodent|rat|mouse) (?:stud(?:y|ies)|research|experiments?|tests?)\b"
        r"|\bin (?:the |a )?(?:lab|laboratory)\b|\bin (?:test tubes|lab dishes|cells|cell cultures)\b", _I)),
)
_STUDIES = re.compile(
    r"\b(?:stud(?:y|ies)|research|evidence|findings|data|science|scientists|researchers)\b(?:\W+\w+){0,6}?\W+"
    r"(?:indicat\w*|show(?:s|n|ed|ing)?|suggest\w*|found|finds?|demonstrat\w*|reveal\w*|report(?:s|ed)?"
    r"|confirm\w*|prove[ns]?|point\w* to)\b"
    r"|\bscientifically (?:supported|proven|backed)\b|\baccording to (?:research|studies|a study|scientists)\b"
    r"|\b(?:extensive|growing|emerging|large|strong) (?:research|evidence|body of (?:evidence|research))\b",
    _I,
)
_ANECDOTAL = re.compile(
    r"\banecdotal(?:ly)?\b|\btestimon(?:y|ies|ials?)\b|\bpatient narratives\b|\bhas been praised\b"
    r"|\bpersonal (?:accounts|stories|experiences)\b|\bself-reported\b"
    r"|\breported by (?:some |many )?(?:users|patients|people|individuals)\b"
    r"|\b(?:users?|patients?|people|individuals|consumers|customers|sufferers)\b(?:\W+\w+){0,10}?\W+"
    r"(?:report(?:s|ed)?|describe[sd]?|claim(?:s|ed)?|swear|say|says|said|tell|tells|told|find|found|note[sd]?|attest\w*"
    r"|(?:have|has) experienced)\b",
    _I,
)
# Research interest, tradition and regulators' warnings: recorded as cues, asserting nothing (`none`).
_NONE = re.compile(
    r"\b(?:is|are|being) (?:being )?(?:studied|investigated|researched|explored|evaluated|tested)\b"
    r"|\btraditionally used\b|\bused for centuries\b|\btraditional (?:use|medicine)\b"
    r"|\b(?:fda|dea|regulators?|health authorities)\b[^.]{0,40}?\b(?:warn\w*|concerns?|cautions?|alerts?)\b"
    r"|\bongoing (?:research|investigation|studies)\b|\bunder investigation\b|\bsubject of (?:interest|debate)\b"
    r"|\bresearchers have explored\b|\bhas been (?:explored|studied|investigated)\b",
    _I,
)
# A study word that only says research is wanted or under way ("more robust clinical trials are necessary").
_WANTED_BEFORE = re.compile(
    r"\b(?:more|further|future|additional|ongoing|rigorous|robust|need for|needs?|necessary|lack of|limited|no"
    r"|through|being studied in|await\w*|call for)\W+(?:\w+\W+)?$",
    _I,
)
_WANTED_AFTER = re.compile(r"^\W+(?:(?:is|are) )?(?:needed|necessary|required|warranted|underway|ongoing)\b", _I)
_HEDGE = re.compile(
    r"\b(?:may|might|could|potentially|possibly|perhaps|potential|believed to|thought to|appears? to|seems? to"
    r"|suggest(?:s|ed|ing)?|preliminary)\b",
    _I,
)


@dataclass(frozen=True)
class Asserted:
    level: AssertedEvidence
    cues: tuple[str, ...]

    def combine(self, other: Asserted) -> Asserted:
        """The stronger of two readings (a list item under an evidence heading keeps the heading's level)."""
        if other.level.rank > self.level.rank:
            return Asserted(other.level, other.cues + tuple(c for c in self.cues if c not in other.cues))
        if other.level is self.level:
            return Asserted(self.level, self.cues + tuple(c for c in other.cues if c not in self.cues))
        return self


NO_EVIDENCE = Asserted(AssertedEvidence.NONE, ())


# Words without which a pattern cannot match: a substring test is far cheaper than a regex scan.
_SPECIFIC_HINTS: dict[AssertedEvidence, tuple[str, ...]] = {
    AssertedEvidence.SYSTEMATIC_REVIEW: ("analy", "systematic", "cochrane"),
    AssertedEvidence.RCT: ("random", "placebo", "blind", "rct"),
    AssertedEvidence.CONTROLLED_TRIAL: ("clinical", "human", "controlled", "pilot", "trial"),
    AssertedEvidence.OBSERVATIONAL: ("survey", "stud"),
    AssertedEvidence.CASE_REPORT: ("case",),
    AssertedEvidence.PRECLINICAL: ("clinical", "animal", "mice", "mouse", "rat", "rodent", "vitro", "lab", "test", "cell"),
}
_STUDIES_HINTS = ("stud", "research", "evidence", "finding", "data", "scien", "according")
_ANECDOTAL_HINTS = ("anecdot", "testimon", "narrative", "praised", "personal", "report", "user", "patient", "people",
                    "individual", "consumer", "customer", "sufferer")
_NONE_HINTS = ("stud", "investig", "research", "explor", "evaluat", "test", "tradition", "centur", "fda", "dea",
               "regulat", "authorit", "ongoing", "subject of")


_ALL_HINTS = frozenset(
    hint for hints in (*_SPECIFIC_HINTS.values(), _STUDIES_HINTS, _ANECDOTAL_HINTS, _NONE_HINTS) for hint in hints
)


def _hinted(present: frozenset[str], hints: tuple[str, ...]) -> bool:
    return not present.isdisjoint(hints)


def asserted_evidence(sentence: str) -> Asserted:
    """The strongest level the sentence asserts, with the words that say so."""
    folded = fold(sentence)
    present = frozenset(hint for hint in _ALL_HINTS if hint in folded)
    if not present:
        return NO_EVIDENCE
    found: list[tuple[AssertedEvidence, int, int, str]] = []
    for level, pattern in _SPECIFIC:
        if _hinted(present, _SPECIFIC_HINTS[level]):
            found.extend((level, m.start(), m.end(), sentence[m.start():m.end()])
                         for m in pattern.finditer(folded) if not _only_wanted(folded, m.start(), m.end()))
    if _hinted(present, _ANECDOTAL_HINTS):
        found.extend((AssertedEvidence.ANECDOTAL, m.start(), m.end(), _short(sentence[m.start():m.end()]))
                     for m in _ANECDOTAL.finditer(folded))
    for m in _STUDIES.finditer(folded) if _hinted(present, _STUDIES_HINTS) else ():
        if not any(s < m.end() and m.start() <= e + 1 for _, s, e, _ in found) and not _only_wanted(
                folded, m.start(), m.end()):
            found.append((AssertedEvidence.STUDIES_UNSPECIFIED, m.start(), m.end(), sentence[m.start():m.end()]))
    if not found:
        matches = _NONE.finditer(folded) if _hinted(present, _NONE_HINTS) else iter(())
        cues = tuple(sentence[m.start():m.end()] for m in matches)
        return Asserted(AssertedEvidence.NONE, cues)
    best = max(level.rank for level, *_ in found)
    cues = tuple(dict.fromkeys(_tidy(text) for level, _, _, text in sorted(found, key=lambda f: f[1])
                               if level.rank == best))
    return Asserted(next(level for level, *_ in found if level.rank == best), cues)


def _only_wanted(sentence: str, start: int, end: int) -> bool:
    return bool(_WANTED_BEFORE.search(sentence[max(0, start - 40):start]) or _WANTED_AFTER.match(sentence[end:]))


def _short(cue: str) -> str:
    """"Users who experience chronic pain ... have reported" is cited as "Users … have reported"."""
    parts = cue.split()
    return cue if len(parts) <= 4 else f"{parts[0]} … {' '.join(parts[-2:])}"


def _tidy(cue: str) -> str:
    return " ".join(cue.split())


def is_hedged(sentence: str) -> bool:
    return bool(_HEDGE.search(fold(sentence)))
