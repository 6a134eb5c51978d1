"""Grades, verdicts and overstatement from citations (DESIGN.md's rank table)."""
from evidence.enums import AssertedEvidence as A
from evidence.enums import ClaimType, Design, Grade, Stance, Verdict
from evidence.grading import CitationFacts, grade_claim


def cite(pmid, design, *, direct=True, stance=Stance.SUPPORTS, **kwargs):
    return CitationFacts(pmid=pmid, design=design, direct=direct, stance=stance, **kwargs)


def test_the_grade_is_the_strongest_counted_design():
    result = grade_claim(
        claim_type=ClaimType.EFFICACY,
        citations=[cite("1", Design.PRECLINICAL), cite("2", Design.RCT, year=2020), cite("3", Design.OBSERVATIONAL)],
        asserted=[],
    )
    assert result.computed_grade is Grade.RCT
    assert result.verdict is Verdict.SUPPORTED
    assert "randomized controlled trial (2020)" in result.explanation


def test_no_citation_means_grade_none_and_insufficient():
    result = grade_claim(claim_type=ClaimType.EFFICACY, citations=[], asserted=[A.CONTROLLED_TRIAL])
    assert result.computed_grade is Grade.NONE
    assert result.verdict is Verdict.INSUFFICIENT
    assert result.appearances[0].overstated is True


def test_indirect_evidence_is_shown_beside_the_grade_never_as_it():
    result = grade_claim(
        claim_type=ClaimType.EFFICACY, citations=[cite("1", Design.RCT, direct=False, year=2020)], asserted=[]
    )
    assert result.computed_grade is Grade.NONE
    assert result.best_indirect == "one randomized controlled trial (2020)"


def test_retracted_and_rejected_citations_do_not_count():
    result = grade_claim(
        claim_type=ClaimType.EFFICACY,
        citations=[cite("1", Design.RCT, retracted=True), cite("2", Design.SYSTEMATIC_REVIEW, rejected=True),
                   cite("3", Design.CASE_REPORT)],
        asserted=[],
    )
    assert result.computed_grade is Grade.CASE_REPORT
    assert "Retracted and not counted: PMID 1" in result.explanation


def test_other_designs_never_give_a_grade():
    result = grade_claim(claim_type=ClaimType.EFFICACY, citations=[cite("1", Design.OTHER)], asserted=[])
    assert result.computed_grade is Grade.NONE


def test_opinion_alone_grades_anecdotal():
    result = grade_claim(
        claim_type=ClaimType.EFFICACY, citations=[cite("1", Design.NARRATIVE_REVIEW)], asserted=[]
    )
    assert result.computed_grade is Grade.ANECDOTAL


def test_legal_and_dosage_claims_are_not_graded():
    for claim_type in (ClaimType.LEGAL, ClaimType.DOSAGE):
        result = grade_claim(claim_type=claim_type, citations=[cite("1", Design.RCT)], asserted=[A.RCT])
        assert result.computed_grade is None and result.verdict is None
        assert result.overstated is False


def test_testimony_is_labelled_not_overstated():
    result = grade_claim(claim_type=ClaimType.EFFICACY, citations=[], asserted=[A.ANECDOTAL, A.NONE])
    assert [a.overstated for a in result.appearances] == [False, False]
    assert result.appearances[0].testimony_only is True


def test_studies_show_is_overstated_only_above_the_best_supporting_evidence():
    weak = grade_claim(claim_type=ClaimType.EFFICACY, citations=[], asserted=[A.STUDIES_UNSPECIFIED])
    backed = grade_claim(
        claim_type=ClaimType.EFFICACY, citations=[cite("1", Design.PRECLINICAL)], asserted=[A.STUDIES_UNSPECIFIED]
    )
    assert weak.overstated is True
    assert backed.overstated is False


def test_claiming_support_the_evidence_contradicts_is_misrepresented():
    result = grade_claim(
        claim_type=ClaimType.EFFICACY,
        citations=[cite("1", Design.RCT, stance=Stance.CONTRADICTS)],
        asserted=[A.CONTROLLED_TRIAL],
    )
    assert result.verdict is Verdict.CONTRADICTED
    assert result.appearances[0].misrepresented is True


def test_animal_studies_alone_cannot_make_a_claim_supported():
    result = grade_claim(claim_type=ClaimType.EFFICACY, citations=[cite("1", Design.PRECLINICAL)], asserted=[])
    assert result.verdict is Verdict.INSUFFICIENT


def test_a_safety_grade_is_explained_as_a_harm_signal():
    result = grade_claim(
        claim_type=ClaimType.SAFETY,
        citations=[cite("1", Design.CASE_REPORT, year=2019), cite("2", Design.CASE_REPORT, year=2020)],
        asserted=[],
    )
    assert result.explanation.startswith("The strongest direct evidence on this harm is two case reports (2019, 2020).")
