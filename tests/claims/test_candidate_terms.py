"""Terms the vocabulary lacks are kept for curators, never silently dropped."""
import pytest
from django.conf import settings

from claims import services
from claims.models import CandidateTerm, Intervention

pytestmark = pytest.mark.django_db

ARTICLE = "Mullein tea relieves bronchitis, according to herbalists. Many readers drink it every winter.\n"


@pytest.fixture(autouse=True)
def vocabulary():
    services.load_vocabulary_file(settings.VOCABULARY_FIXTURE)


def test_ingesting_a_claim_about_an_unknown_remedy_keeps_the_term_as_a_candidate():
    services.ingest_article(text=ARTICLE, path="mullein.txt")
    candidates = {(c.term.lower(), c.kind) for c in CandidateTerm.objects.all()}
    assert ("mullein", "intervention") in candidates
    assert all(c.quote in ARTICLE for c in CandidateTerm.objects.all())


def test_ingesting_the_same_article_twice_does_not_duplicate_candidates():
    services.ingest_article(text=ARTICLE, path="mullein.txt")
    count = CandidateTerm.objects.count()
    services.ingest_article(text=ARTICLE, path="mullein.txt")
    assert CandidateTerm.objects.count() == count > 0


def test_a_curator_adds_a_candidate_to_the_vocabulary():
    services.ingest_article(text=ARTICLE, path="mullein.txt")
    candidate = CandidateTerm.objects.get(term__iexact="mullein", kind="intervention")
    term = services.add_candidate_to_vocabulary(candidate=candidate)
    assert isinstance(term, Intervention) and term.name == "mullein"
    candidate.refresh_from_db()
    assert candidate.status == CandidateTerm.Status.ADDED
