"""Article versions: a changed text at the same URL (or path) is a new version; the same text changes nothing."""
import datetime

import pytest
from django.conf import settings
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor

from claims import services
from claims.models import Appearance, Article, Claim

URL = "https://herbal.example/articles/kratom"
FIRST = "Clinical trials have shown that kratom relieves pain.\nUsers report that kratom improves mood.\n"
SECOND = "A meta-analysis found that kratom relieves pain.\nKratom carries a risk of addiction.\n"


@pytest.fixture
def vocabulary(db):
    services.load_vocabulary_file(settings.VOCABULARY_FIXTURE)


def _counts() -> tuple[int, int, int]:
    return Article.objects.count(), Claim.objects.count(), Appearance.objects.count()


def test_changed_text_at_the_same_url_is_a_new_version_and_the_old_one_keeps_its_appearances(vocabulary):
    first = services.ingest_article(text=FIRST, url=URL, title="Kratom v1")
    old_quotes = list(first.article.appearances.values_list("quote", "asserted_evidence"))
    second = services.ingest_article(text=SECOND, url=URL, title="Kratom v2")
    assert second.created and second.article.pk != first.article.pk
    assert (second.article.version, second.article.previous) == (2, first.article)
    old = Article.objects.get(pk=first.article.pk)
    assert (old.text, old.title, old.version) == (FIRST, "Kratom v1", 1)
    assert list(old.appearances.values_list("quote", "asserted_evidence")) == old_quotes
    pain = Claim.objects.get(statement="Kratom relieves pain")
    assert sorted(pain.appearances.values_list("article__version", "asserted_evidence")) == [
        (1, "controlled_trial"), (2, "systematic_review"),
    ]


def test_reingesting_identical_text_at_a_url_changes_nothing(vocabulary):
    first = services.ingest_article(text=FIRST, url=URL)
    counts = _counts()
    again = services.ingest_article(text=FIRST, url=URL, title="a new title is not a new version")
    assert not again.created and again.article.pk == first.article.pk
    assert _counts() == counts
    assert Article.objects.get(pk=first.article.pk).title == ""
    assert {c.pk for c in again.claims} == {c.pk for c in first.claims}


def test_going_back_to_an_earlier_text_is_a_newer_version_not_the_old_row(vocabulary):
    services.ingest_article(text=FIRST, url=URL)
    services.ingest_article(text=SECOND, url=URL)
    third = services.ingest_article(text=FIRST, url=URL)
    assert third.created and third.article.version == 3
    assert list(Article.objects.versions_of(url=URL, path="").values_list("version", flat=True)) == [3, 2, 1]
    assert services.ingest_article(text=FIRST, url=URL).created is False


def test_a_changed_file_at_the_same_path_is_a_new_version(vocabulary):
    first = services.ingest_article(text=FIRST, path="articles/kratom.txt")
    second = services.ingest_article(text=SECOND, path="articles/kratom.txt")
    assert (second.article.version, second.article.previous) == (2, first.article)
    assert services.ingest_article(text=SECOND, path="articles/kratom.txt").created is False


def test_the_same_text_at_two_urls_is_two_articles_each_a_first_version(vocabulary):
    one = services.ingest_article(text=FIRST, url=URL)
    other = services.ingest_article(text=FIRST, url=URL + "-copy")
    assert one.article.pk != other.article.pk
    assert one.article.version == other.article.version == 1


def test_text_with_neither_url_nor_path_is_stored_once_per_distinct_text(vocabulary):
    first = services.ingest_article(text=FIRST)
    assert services.ingest_article(text=FIRST).article.pk == first.article.pk
    second = services.ingest_article(text=SECOND)
    assert second.article.pk != first.article.pk
    assert second.article.version == 1 and second.article.previous is None


def test_current_lists_only_the_latest_version_of_each_article(vocabulary):
    services.ingest_article(text=FIRST, url=URL)
    latest = services.ingest_article(text=SECOND, url=URL).article
    elsewhere = services.ingest_article(text=FIRST, path="articles/other.txt").article
    assert set(Article.objects.current()) == {latest, elsewhere}


def test_two_rows_cannot_claim_the_same_version_of_one_article(vocabulary):
    services.ingest_article(text=FIRST, url=URL)
    with pytest.raises(IntegrityError):
        Article.objects.create(url=URL, text=SECOND, sha256="0" * 64, version=1)


def test_a_title_longer_than_the_column_is_cut_to_fit(vocabulary):
    result = services.ingest_article(text=FIRST, url=URL, title="Kratom " * 200)
    assert len(Article.objects.get(pk=result.article.pk).title) == 500


BEFORE_VERSIONS = [("claims", "0002_claim_merge_permission")]
WITH_VERSIONS = [("claims", "0003_article_versions")]


@pytest.mark.django_db(transaction=True)
def test_articles_stored_before_versions_existed_are_numbered_by_when_they_were_ingested():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_VERSIONS)
    try:
        OldArticle = executor.loader.project_state(BEFORE_VERSIONS).apps.get_model("claims", "Article")
        day = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        rows = {}
        for n, (name, url, path) in enumerate([("late", URL, ""), ("early", URL, ""), ("file", "", "a.txt"),
                                                ("pasted", "", "")]):
            rows[name] = OldArticle.objects.create(url=url, path=path, text=name, sha256=f"{n}" * 64).pk
        for name, days in (("late", 2), ("early", 1)):
            OldArticle.objects.filter(pk=rows[name]).update(ingested_at=day + datetime.timedelta(days=days))
        executor = MigrationExecutor(connection)
        executor.migrate(WITH_VERSIONS)
        Versioned = executor.loader.project_state(WITH_VERSIONS).apps.get_model("claims", "Article")
        found = {name: Versioned.objects.get(pk=pk) for name, pk in rows.items()}
        assert (found["early"].version, found["early"].previous_id) == (1, None)
        assert (found["late"].version, found["late"].previous_id) == (2, rows["early"])
        assert found["file"].version == found["pasted"].version == 1
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
