"""`manage.py ingest_url URL`: fetch a web article, store it (a changed page is a new version) and list its claims."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import services
from claims.models import Article, Intervention
from evidence.enums import AssertedEvidence


class Command(BaseCommand):
    help = (
        "Fetch an article (text/html or text/plain) by URL and store its claims. Internal addresses are refused. "
        "Exit 0: stored (or unchanged); 1: refused or failed, with nothing stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", metavar="URL", help="http or https address of the article")

    def handle(self, *args: Any, **options: Any) -> None:
        if not Intervention.objects.exists():
            self.stderr.write(f"Loading the vocabulary from {settings.VOCABULARY_FIXTURE} (none loaded yet).")
            services.load_vocabulary_file(settings.VOCABULARY_FIXTURE)
        try:
            result = services.ingest_url(url=options["url"])
        except services.ArticleError as exc:
            raise CommandError(f"{options['url']}: {exc}", returncode=1) from exc
        article = result.article
        state = f"new version {article.version}" if result.created else f"unchanged, version {article.version}"
        self.stdout.write(f"Article {article.pk} ({state}): {article.title or '(no title)'}")
        self.stdout.write(f"URL: {article.url}")
        asserted = _asserted_here(article)
        self.stdout.write(f"{len(result.claims)} claims (type, evidence the article asserts, statement):")
        for claim in result.claims:
            level = asserted.get(claim.pk, AssertedEvidence.NONE)
            self.stdout.write(f"  {claim.claim_type:<12} {level:<19} {claim.statement}")


def _asserted_here(article: Article) -> dict[int, AssertedEvidence]:
    """The strongest evidence this article (this version) asserts for each of its claims."""
    strongest: dict[int, AssertedEvidence] = {}
    for appearance in article.appearances.all():
        level = AssertedEvidence(appearance.asserted_evidence)
        if appearance.claim_id not in strongest or level.rank > strongest[appearance.claim_id].rank:
            strongest[appearance.claim_id] = level
    return strongest
