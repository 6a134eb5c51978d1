"""Grade, verdict and explanation of a claim from its citations, and whether articles overstate it (pure)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from evidence.enums import (
    ASSERTED_AS_GRADE,
    DESIGN_GRADE,
    AssertedEvidence,
    ClaimType,
    Design,
    Grade,
    Stance,
    Verdict,
    design_rank,
)


@dataclass(frozen=True)
class CitationFacts:
    pmid: str
    design: Design
    direct: bool
    stance: Stance  # effective: the curator's when set, else the suggested one
    retracted: bool = False
    rejected: bool = False
    year: int | None = None

    @property
    def counted(self) -> bool:
        """Direct, not retracted, not rejected by a curator: what a grade comes from."""
        return self.direct and not self.retracted and not self.rejected


@dataclass(frozen=True)
class AppearanceJudgement:
    overstated: bool
    misrepresented: bool
    testimony_only: bool


@dataclass(frozen=True)
class GradeResult:
    computed_grade: Grade | None
    verdict: Verdict | None
    counts: dict[str, int]  # counted citations per design
    best_indirect: str
    appearances: tuple[AppearanceJudgement, ...]
    explanation: str
    counted_pmids: tuple[str, ...]

    @property
    def overstated(self) -> bool:
        return any(a.overstated for a in self.appearances)


# Below this rank evidence cannot make a claim "supported": animal studies and opinion say too little.
HUMAN_EVIDENCE_RANK = Grade.CASE_REPORT.rank


def grade_claim(
    *, claim_type: ClaimType, citations: Sequence[CitationFacts], asserted: Sequence[AssertedEvidence]
) -> GradeResult:
    if not claim_type.graded:
        return GradeResult(
            None, None, {}, "", tuple(AppearanceJudgement(False, False, False) for _ in asserted),
            "Not graded from the literature: this is a legal or dosage statement, not a health effect.", (),
        )
    counted = [c for c in citations if c.counted and DESIGN_GRADE[c.design] is not None]
    grade = max((_grade_of(c) for c in counted), key=lambda g: g.rank, default=Grade.NONE)
    verdict = _verdict(counted)
    supporting = max(
        (_grade_of(c).rank for c in counted if c.stance is Stance.SUPPORTS), default=Grade.NONE.rank
    )
    judgements = tuple(_judge(level, supporting, verdict) for level in asserted)
    best_indirect = _best_indirect(citations)
    return GradeResult(
        computed_grade=grade,
        verdict=verdict,
        counts=dict(Counter(c.design.value for c in counted)),
        best_indirect=best_indirect,
        appearances=judgements,
        explanation=explain(claim_type, counted, grade, best_indirect, citations),
        counted_pmids=tuple(c.pmid for c in counted),
    )


def _grade_of(citation: CitationFacts) -> Grade:
    grade = DESIGN_GRADE[citation.design]
    assert grade is not None
    return grade


def _verdict(counted: Sequence[CitationFacts]) -> Verdict:
    human = [c for c in counted if design_rank(c.design) >= HUMAN_EVIDENCE_RANK]
    supports = sum(c.stance is Stance.SUPPORTS for c in human)
    contradicts = sum(c.stance is Stance.CONTRADICTS for c in human)
    if supports and contradicts:
        return Verdict.MIXED
    if supports:
        return Verdict.SUPPORTED
    if contradicts:
        return Verdict.CONTRADICTED
    return Verdict.INSUFFICIENT


def _judge(level: AssertedEvidence, supporting_rank: int, verdict: Verdict) -> AppearanceJudgement:
    """Overstated: a study-based level above the best supporting counted evidence. Testimony is
    labelled, not overstated. Misrepresented: the article asserts support the evidence contradicts."""
    asserted_rank = ASSERTED_AS_GRADE[level].rank
    study_based = asserted_rank >= Grade.PRECLINICAL.rank
    return AppearanceJudgement(
        overstated=study_based and asserted_rank > supporting_rank,
        misrepresented=verdict is Verdict.CONTRADICTED and level is not AssertedEvidence.NONE,
        testimony_only=level is AssertedEvidence.ANECDOTAL,
    )


def _best_indirect(citations: Sequence[CitationFacts]) -> str:
    indirect = [
        c for c in citations
        if not c.direct and not c.retracted and not c.rejected and DESIGN_GRADE[c.design] is not None
    ]
    if not indirect:
        return ""
    best = max(design_rank(c.design) for c in indirect)
    top = [c for c in indirect if design_rank(c.design) == best]
    return _describe(top)


def _describe(citations: Sequence[CitationFacts]) -> str:
    design = citations[0].design
    years = sorted({c.year for c in citations if c.year})
    noun = DESIGN_NOUNS[design][0 if len(citations) == 1 else 1]
    when = f" ({', '.join(map(str, years))})" if years else ""
    return f"{_count_word(len(citations))} {noun}{when}"


def explain(
    claim_type: ClaimType,
    counted: Sequence[CitationFacts],
    grade: Grade,
    best_indirect: str,
    citations: Sequence[CitationFacts],
) -> str:
    """One plain-language paragraph a reader understands."""
    parts: list[str] = []
    if not counted:
        parts.append("No PubMed record found bears directly on this claim.")
    else:
        top = [c for c in counted if _grade_of(c) is grade]
        strongest = _describe(top)
        if claim_type is ClaimType.SAFETY:
            parts.append(f"The strongest direct evidence on this harm is {strongest}.")
        else:
            parts.append(f"The strongest direct evidence is {strongest}.")
        rest = len(counted) - len(top)
        if rest:
            parts.append(f"{_count_word(rest).capitalize()} weaker direct record{'s' if rest > 1 else ''} also bear on it.")
    if best_indirect:
        parts.append(f"Indirect evidence (a broader or neighbouring question): {best_indirect}.")
    retracted = [c.pmid for c in citations if c.retracted]
    if retracted:
        parts.append(f"Retracted and not counted: PMID {', '.join(retracted)}.")
    return " ".join(parts)


DESIGN_NOUNS: dict[Design, tuple[str, str]] = {
    Design.ANECDOTAL: ("editorial, letter or comment", "editorials, letters or comments"),
    Design.NARRATIVE_REVIEW: ("narrative review", "narrative reviews"),
    Design.PRECLINICAL: ("animal or laboratory study", "animal or laboratory studies"),
    Design.CASE_REPORT: ("case report", "case reports"),
    Design.OBSERVATIONAL: ("observational study", "observational studies"),
    Design.CONTROLLED_TRIAL: ("non-randomized controlled trial", "non-randomized controlled trials"),
    Design.RCT: ("randomized controlled trial", "randomized controlled trials"),
    Design.SYSTEMATIC_REVIEW: ("systematic review", "systematic reviews"),
    Design.OTHER: ("other record", "other records"),
}
_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count_word(n: int) -> str:
    return _WORDS[n] if n < len(_WORDS) else str(n)
