"""The one vocabulary of levels: grades, study designs, asserted evidence and their ranks."""
from __future__ import annotations

from enum import StrEnum


class Choice(StrEnum):
    """A closed set stored as its string value; `label` is what people read."""

    @property
    def label(self) -> str:
        return LABELS[type(self)][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class Grade(Choice):
    """How strong the evidence found in PubMed is, weakest first."""

    NONE = "none"
    ANECDOTAL = "anecdotal"
    PRECLINICAL = "preclinical"
    CASE_REPORT = "case_report"
    OBSERVATIONAL = "observational"
    CONTROLLED_TRIAL = "controlled_trial"
    RCT = "rct"
    SYSTEMATIC_REVIEW = "systematic_review"

    @property
    def rank(self) -> int:
        return GRADE_RANK[self]


class Design(Choice):
    """The study design of one PubMed record."""

    ANECDOTAL = "anecdotal"
    NARRATIVE_REVIEW = "narrative_review"
    PRECLINICAL = "preclinical"
    CASE_REPORT = "case_report"
    OBSERVATIONAL = "observational"
    CONTROLLED_TRIAL = "controlled_trial"
    RCT = "rct"
    SYSTEMATIC_REVIEW = "systematic_review"
    OTHER = "other"


class AssertedEvidence(Choice):
    """What an article says its evidence is, weakest first."""

    NONE = "none"
    ANECDOTAL = "anecdotal"
    PRECLINICAL = "preclinical"
    STUDIES_UNSPECIFIED = "studies_unspecified"
    CASE_REPORT = "case_report"
    OBSERVATIONAL = "observational"
    CONTROLLED_TRIAL = "controlled_trial"
    RCT = "rct"
    SYSTEMATIC_REVIEW = "systematic_review"

    @property
    def rank(self) -> int:
        return ASSERTED_RANK[self]


class ClaimType(Choice):
    EFFICACY = "efficacy"
    SAFETY = "safety"
    MECHANISM = "mechanism"
    EPIDEMIOLOGY = "epidemiology"
    LEGAL = "legal"
    DOSAGE = "dosage"

    @property
    def graded(self) -> bool:
        return self not in (ClaimType.LEGAL, ClaimType.DOSAGE)


class Direction(Choice):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"


class Stance(Choice):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    UNCLEAR = "unclear"


class Verdict(Choice):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    MIXED = "mixed"
    INSUFFICIENT = "insufficient"


class CuratorDecision(Choice):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ClaimStatus(Choice):
    DRAFT = "draft"
    PUBLISHED = "published"
    REJECTED = "rejected"


class RecordSource(Choice):
    SNAPSHOT = "snapshot"
    ENTREZ = "entrez"


class GradeChangeCause(Choice):
    FIRST_GRADE = "first_grade"
    NEW_RECORD = "new_record"
    RETRACTION = "retraction"
    CURATOR_DECISION = "curator_decision"
    EDITOR_OVERRIDE = "editor_override"
    MERGE_OR_SPLIT = "merge_or_split"
    DESIGN_REREAD = "design_reread"
    RULE_CHANGE = "rule_change"


# The rank table of DESIGN.md: a design gives the grade of the same rank; `other` gives none.
GRADE_RANK: dict[Grade, int] = {grade: rank for rank, grade in enumerate(Grade)}
ASSERTED_RANK: dict[AssertedEvidence, int] = {level: rank for rank, level in enumerate(AssertedEvidence)}
DESIGN_GRADE: dict[Design, Grade | None] = {
    Design.ANECDOTAL: Grade.ANECDOTAL,
    Design.NARRATIVE_REVIEW: Grade.ANECDOTAL,
    Design.PRECLINICAL: Grade.PRECLINICAL,
    Design.CASE_REPORT: Grade.CASE_REPORT,
    Design.OBSERVATIONAL: Grade.OBSERVATIONAL,
    Design.CONTROLLED_TRIAL: Grade.CONTROLLED_TRIAL,
    Design.RCT: Grade.RCT,
    Design.SYSTEMATIC_REVIEW: Grade.SYSTEMATIC_REVIEW,
    Design.OTHER: None,
}
# Asserted evidence compared with a found grade: "studies show" counts as preclinical.
ASSERTED_AS_GRADE: dict[AssertedEvidence, Grade] = {
    AssertedEvidence.NONE: Grade.NONE,
    AssertedEvidence.ANECDOTAL: Grade.ANECDOTAL,
    AssertedEvidence.PRECLINICAL: Grade.PRECLINICAL,
    AssertedEvidence.STUDIES_UNSPECIFIED: Grade.PRECLINICAL,
    AssertedEvidence.CASE_REPORT: Grade.CASE_REPORT,
    AssertedEvidence.OBSERVATIONAL: Grade.OBSERVATIONAL,
    AssertedEvidence.CONTROLLED_TRIAL: Grade.CONTROLLED_TRIAL,
    AssertedEvidence.RCT: Grade.RCT,
    AssertedEvidence.SYSTEMATIC_REVIEW: Grade.SYSTEMATIC_REVIEW,
}


def design_rank(design: Design) -> int:
    """Rank of a design on the grade ladder; `other` ranks below everything."""
    grade = DESIGN_GRADE[design]
    return -1 if grade is None else GRADE_RANK[grade]

# Stored values are shared between sets ("rct" is a grade, a design and an asserted level),
# so labels are looked up per set.
LABELS: dict[type[Choice], dict[str, str]] = {
    Grade: {
        Grade.NONE.value: "No evidence found",
        Grade.ANECDOTAL.value: "Opinion only",
        Grade.PRECLINICAL.value: "Animal or lab studies",
        Grade.CASE_REPORT.value: "Case reports",
        Grade.OBSERVATIONAL.value: "Observational studies",
        Grade.CONTROLLED_TRIAL.value: "Controlled trial",
        Grade.RCT.value: "Randomized controlled trial",
        Grade.SYSTEMATIC_REVIEW.value: "Systematic review",
    },
    Design: {
        Design.ANECDOTAL.value: "Editorial, letter or comment",
        Design.NARRATIVE_REVIEW.value: "Narrative review",
        Design.PRECLINICAL.value: "Animal or lab study",
        Design.CASE_REPORT.value: "Case report",
        Design.OBSERVATIONAL.value: "Observational study",
        Design.CONTROLLED_TRIAL.value: "Controlled trial",
        Design.RCT.value: "Randomized controlled trial",
        Design.SYSTEMATIC_REVIEW.value: "Systematic review or meta-analysis",
        Design.OTHER.value: "Other (method, protocol, guideline)",
    },
    AssertedEvidence: {
        AssertedEvidence.NONE.value: "No evidence cited",
        AssertedEvidence.ANECDOTAL.value: "Testimony",
        AssertedEvidence.PRECLINICAL.value: "Animal or lab studies",
        AssertedEvidence.STUDIES_UNSPECIFIED.value: "Unspecified studies",
        AssertedEvidence.CASE_REPORT.value: "Case reports",
        AssertedEvidence.OBSERVATIONAL.value: "Observational studies",
        AssertedEvidence.CONTROLLED_TRIAL.value: "Clinical trials",
        AssertedEvidence.RCT.value: "Randomized trials",
        AssertedEvidence.SYSTEMATIC_REVIEW.value: "Systematic reviews",
    },
    ClaimType: {
        ClaimType.EFFICACY.value: "Efficacy",
        ClaimType.SAFETY.value: "Safety",
        ClaimType.MECHANISM.value: "Mechanism",
        ClaimType.EPIDEMIOLOGY.value: "Epidemiology",
        ClaimType.LEGAL.value: "Legal",
        ClaimType.DOSAGE.value: "Dosage",
    },
    Direction: {
        Direction.POSITIVE.value: "Positive",
        Direction.NEGATIVE.value: "Negative",
        Direction.NEUTRAL.value: "Neutral",
    },
    Stance: {
        Stance.SUPPORTS.value: "Supports",
        Stance.CONTRADICTS.value: "Contradicts",
        Stance.UNCLEAR.value: "Unclear",
    },
    Verdict: {
        Verdict.SUPPORTED.value: "Supported",
        Verdict.CONTRADICTED.value: "Contradicted",
        Verdict.MIXED.value: "Mixed",
        Verdict.INSUFFICIENT.value: "Insufficient",
    },
    CuratorDecision: {
        CuratorDecision.PENDING.value: "Pending",
        CuratorDecision.ACCEPTED.value: "Accepted",
        CuratorDecision.REJECTED.value: "Rejected",
    },
    ClaimStatus: {
        ClaimStatus.DRAFT.value: "Draft",
        ClaimStatus.PUBLISHED.value: "Published",
        ClaimStatus.REJECTED.value: "Rejected",
    },
    RecordSource: {
        RecordSource.SNAPSHOT.value: "Offline snapshot",
        RecordSource.ENTREZ.value: "PubMed (live)",
    },
    GradeChangeCause: {
        GradeChangeCause.FIRST_GRADE.value: "First grade",
        GradeChangeCause.NEW_RECORD.value: "New record",
        GradeChangeCause.RETRACTION.value: "Retraction",
        GradeChangeCause.CURATOR_DECISION.value: "Curator decision",
        GradeChangeCause.EDITOR_OVERRIDE.value: "Editor override",
        GradeChangeCause.MERGE_OR_SPLIT.value: "Merge or split",
        GradeChangeCause.DESIGN_REREAD.value: "Design re-read after indexing",
        GradeChangeCause.RULE_CHANGE.value: "Rule change",
    },
}
