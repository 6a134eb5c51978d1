"""The PubMed query built for a claim."""
from evidence.concepts import ClaimConcepts, Concept
from evidence.enums import ClaimType, Direction
from evidence.queries import build_query

KRATOM = Concept("kratom", ("Mitragyna speciosa", "mitragynine"), ("Mitragyna",))
RLS = Concept("restless legs syndrome", ("restless legs", "RLS"), ("Restless Legs Syndrome",))


def test_every_mesh_heading_is_ored_with_free_text():
    query = build_query(ClaimConcepts(ClaimType.EFFICACY, Direction.POSITIVE, KRATOM, RLS))
    assert query == (
        '(kratom[tiab] OR "Mitragyna speciosa"[tiab] OR mitragynine[tiab] OR "Mitragyna"[mh]) AND '
        '("restless legs syndrome"[tiab] OR "restless legs"[tiab] OR RLS[tiab] OR "Restless Legs Syndrome"[mh])'
    )


def test_broader_terms_are_searched_so_indirect_evidence_is_found():
    fibromyalgia = Concept("fibromyalgia")
    pain = Concept("pain")
    query = build_query(ClaimConcepts(ClaimType.EFFICACY, Direction.POSITIVE, KRATOM, fibromyalgia, broader=(pain,)))
    assert query.endswith("AND (fibromyalgia[tiab] OR pain[tiab])")


def test_a_claim_without_condition_searches_the_intervention_alone():
    query = build_query(ClaimConcepts(ClaimType.SAFETY, Direction.NEGATIVE, KRATOM, None))
    assert " AND " not in query


def test_quotes_inside_terms_cannot_break_the_query():
    query = build_query(ClaimConcepts(ClaimType.EFFICACY, Direction.POSITIVE, Concept('say "x"'), None))
    assert query == '("say x"[tiab])'


def test_an_epidemiology_claim_searches_the_condition_and_its_frequency_not_the_remedy():
    query = build_query(ClaimConcepts(ClaimType.EPIDEMIOLOGY, Direction.NEUTRAL, KRATOM, RLS))
    assert "kratom" not in query
    assert query.startswith('("restless legs syndrome"[tiab]')
    assert "prevalence[tiab]" in query
