"""The refresh task: a thin caller that takes an id."""
import pytest

from claims.models import Claim
from evidence.tasks import refresh_claim
from tests.factories import ClaimFactory, ConditionFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def test_refreshing_a_deleted_claim_returns_quietly():
    assert refresh_claim.delay(987654).get() is None


def test_refreshing_a_claim_grades_it_from_the_snapshot():
    kratom = InterventionFactory(name="kratom", synonyms=["mitragynine"])
    claim = ClaimFactory(intervention=kratom, condition=ConditionFactory(name="pain", synonyms=["analgesia"]))
    assert refresh_claim.delay(claim.pk).get() == "rct"
    assert Claim.objects.get(pk=claim.pk).last_refreshed_at is not None


def test_a_failed_pubmed_call_keeps_the_grade_and_reschedules_the_claim(settings):
    kratom = InterventionFactory(name="kratom", synonyms=["mitragynine"])
    claim = ClaimFactory(intervention=kratom, condition=ConditionFactory(name="pain", synonyms=["analgesia"]))
    refresh_claim.delay(claim.pk)
    before = Claim.objects.get(pk=claim.pk)
    settings.PUBMED_SOURCE = "entrez"
    settings.PUBMED_EUTILS_URL = "http://127.0.0.1:9/entrez/eutils/"  # discard port: nothing listens
    settings.PUBMED_API_KEY = "test-key"
    settings.PUBMED_MAX_ATTEMPTS = 1
    assert refresh_claim.delay(claim.pk).get() is None
    after = Claim.objects.get(pk=claim.pk)
    assert after.grade == before.grade == "rct"
    assert after.citations.count() == before.citations.count() > 0
    assert after.next_refresh_at < before.next_refresh_at


def test_a_pending_citation_that_no_longer_bears_on_the_claim_is_dropped_but_an_accepted_one_stays():
    from tests.factories import CitationFactory, PubMedRecordFactory

    kratom = InterventionFactory(name="kratom", synonyms=["mitragynine"])
    claim = ClaimFactory(intervention=kratom, condition=ConditionFactory(name="pain", synonyms=["analgesia"]))
    unrelated = CitationFactory(claim=claim, record=PubMedRecordFactory(title="Gabapentin for itch", design="rct"))
    accepted = CitationFactory(
        claim=claim, record=PubMedRecordFactory(title="Kratom in dogs", design="preclinical"), curator_decision="accepted"
    )
    refresh_claim.delay(claim.pk)
    cited = set(Claim.objects.get(pk=claim.pk).citations.values_list("pk", flat=True))
    assert unrelated.pk not in cited
    assert accepted.pk in cited


def test_a_record_pubmed_will_not_return_is_recorded_as_missing_and_does_not_block_the_claim(entrez_settings, eutils_server):
    from evidence import services

    eutils_server.fail_always("drop_records", endpoint="efetch")  # the last record of every answer never comes
    kratom = InterventionFactory(name="kratom", synonyms=["mitragynine"])
    claim = ClaimFactory(intervention=kratom, condition=ConditionFactory(name="pain", synonyms=["analgesia"]))
    run = services.start_run()
    outcome = services.refresh_claim(claim=claim, run=run)
    services.finish_run(run, [outcome], [])
    claim.refresh_from_db()
    assert outcome.missing
    assert claim.last_refreshed_at is not None and claim.grade is not None
    assert any(outcome.missing[0] in error for error in run.errors)
