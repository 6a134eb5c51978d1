"""Refreshing against live PubMed asks only for what is new, and the watermark moves only on success."""
import datetime

import pytest

from claims.models import Claim
from evidence import services
from evidence.pubmed import PubMedUnavailable
from tests.factories import ClaimFactory, ConditionFactory, InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pain_claim():
    kratom = InterventionFactory(name="kratom", synonyms=["mitragynine"])
    return ClaimFactory(intervention=kratom, condition=ConditionFactory(name="pain", synonyms=["analgesia"]))


def test_a_second_refresh_searches_by_entrez_date_and_fetches_nothing_already_stored(entrez_settings, eutils_server, pain_claim):
    services.refresh_claim(claim=pain_claim)
    first_fetches = len(eutils_server.requests_to("efetch"))
    services.refresh_claim(claim=Claim.objects.get(pk=pain_claim.pk))
    searches = eutils_server.requests_to("esearch")
    assert "mindate" not in searches[0].params
    assert searches[-1].params["datetype"] == "edat"
    assert searches[-1].params["mindate"] == (datetime.date.today() - datetime.timedelta(days=1)).strftime("%Y/%m/%d")
    assert first_fetches >= 1
    assert len(eutils_server.requests_to("efetch")) == first_fetches
    assert Claim.objects.get(pk=pain_claim.pk).grade == "rct"


def test_a_failed_search_leaves_the_watermark_where_it_was(entrez_settings, eutils_server, pain_claim):
    services.refresh_claim(claim=pain_claim)
    before = Claim.objects.get(pk=pain_claim.pk)
    eutils_server.fail_always("http_503")
    with pytest.raises(PubMedUnavailable):
        services.refresh_claim(claim=before)
    after = Claim.objects.get(pk=pain_claim.pk)
    assert (after.searched_through, after.last_query, after.grade) == (before.searched_through, before.last_query, "rct")


def test_a_changed_query_searches_everything_again(entrez_settings, eutils_server, pain_claim):
    services.refresh_claim(claim=pain_claim)
    pain_claim.condition.synonyms = ["analgesia", "antinociception"]
    pain_claim.condition.save()
    services.refresh_claim(claim=Claim.objects.get(pk=pain_claim.pk))
    assert "mindate" not in eutils_server.requests_to("esearch")[-1].params


def test_snapshot_records_are_replaced_by_the_first_live_fetch(settings, entrez_settings, eutils_server, pain_claim):
    settings.PUBMED_SOURCE = "snapshot"
    services.refresh_claim(claim=pain_claim)
    settings.PUBMED_SOURCE = "entrez"
    services.refresh_claim(claim=Claim.objects.get(pk=pain_claim.pk))
    trial = pain_claim.citations.get(record__pmid="32607084").record
    assert trial.source == "entrez"
