"""Public pages and the read-only API: published claims only, escaped, linked to PubMed."""
import pytest

from evidence.enums import ClaimStatus
from tests.factories import AppearanceFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_published_claims_with_their_grade(client):
    ClaimFactory(statement="Kratom relieves pain", grade="rct", computed_grade="rct")
    ClaimFactory(statement="Kratom cures everything", status=ClaimStatus.DRAFT)
    page = client.get("/").content.decode()
    assert "Kratom relieves pain" in page
    assert "Randomized controlled trial" in page
    assert "Kratom cures everything" not in page


def test_a_claim_page_shows_citations_linked_to_pubmed_and_the_articles_making_it(client):
    claim = ClaimFactory(statement="Kratom relieves pain", grade="rct", computed_grade="rct")
    CitationFactory(claim=claim, record__pmid="32607084", record__title="Kratom and Pain Tolerance")
    AppearanceFactory(claim=claim, article__title="Kratom for pain", quote="Kratom relieves pain.")
    page = client.get(f"/claims/{claim.slug}/").content.decode()
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/32607084/"' in page
    assert "Kratom and Pain Tolerance" in page
    assert "Kratom for pain" in page and "Kratom relieves pain." in page
    assert "offline snapshot" in page


def test_a_draft_claim_page_is_not_found(client):
    claim = ClaimFactory(status=ClaimStatus.DRAFT)
    assert client.get(f"/claims/{claim.slug}/").status_code == 404


def test_article_text_is_escaped_on_the_page(client):
    claim = ClaimFactory()
    AppearanceFactory(claim=claim, quote="<script>alert(1)</script>")
    page = client.get(f"/claims/{claim.slug}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_legal_claims_say_they_are_not_graded_from_the_literature(client):
    claim = ClaimFactory(claim_type="legal", statement="Kratom is banned in some states")
    assert "Not graded from the literature" in client.get(f"/claims/{claim.slug}/").content.decode()


def test_the_api_lists_published_claims_only(client):
    ClaimFactory(statement="Kratom relieves pain", grade="rct")
    ClaimFactory(statement="Draft claim", status=ClaimStatus.DRAFT)
    body = client.get("/api/claims/").json()
    assert [c["statement"] for c in body["results"]] == ["Kratom relieves pain"]


def test_the_api_claim_detail_has_citations_and_appearances(client):
    claim = ClaimFactory(grade="rct", computed_grade="rct")
    CitationFactory(claim=claim, record__pmid="32607084")
    AppearanceFactory(claim=claim)
    body = client.get(f"/api/claims/{claim.slug}/").json()
    assert body["grade"] == "rct"
    assert body["citations"][0]["pmid"] == "32607084"
    assert body["citations"][0]["source"] == "snapshot"
    assert body["appearances"][0]["quote"] == "Kratom relieves pain."


def test_the_api_does_not_serve_drafts_or_accept_anonymous_writes(client):
    draft = ClaimFactory(status=ClaimStatus.DRAFT)
    assert client.get(f"/api/claims/{draft.slug}/").status_code == 404
    response = client.post("/api/claims/", {"statement": "x"})
    assert response.status_code in (401, 403)


def test_a_citation_a_curator_rejected_is_not_shown_as_evidence(client):
    claim = ClaimFactory(grade="none", computed_grade="none")
    CitationFactory(claim=claim, record__title="A rejected direct trial", curator_decision="rejected")
    CitationFactory(claim=claim, direct=False, record__title="A rejected indirect trial", curator_decision="rejected")
    page = client.get(f"/claims/{claim.slug}/").content.decode()
    assert "A rejected direct trial" not in page
    assert "A rejected indirect trial" not in page
