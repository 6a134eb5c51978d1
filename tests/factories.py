"""factory_boy factories for the project's models."""
import factory

from claims.models import Appearance, Article, Claim, Condition, Intervention
from evidence.enums import ClaimStatus, ClaimType, Design, Direction
from evidence.models import Citation, PubMedRecord


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention
        django_get_or_create = ["name"]

    name = "kratom"
    synonyms = ["mitragynine"]


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition
        django_get_or_create = ["name"]

    name = "pain"


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    key = factory.Sequence(lambda n: f"efficacy:kratom:relieves:positive:condition-{n}")
    slug = factory.Sequence(lambda n: f"kratom-relieves-condition-{n}")
    statement = factory.Sequence(lambda n: f"Kratom relieves condition {n}")
    intervention = factory.SubFactory(InterventionFactory)
    condition = factory.SubFactory(ConditionFactory)
    effect = "relieves"
    direction = Direction.POSITIVE
    claim_type = ClaimType.EFFICACY
    status = ClaimStatus.PUBLISHED


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = "An article"
    text = "Kratom relieves pain."
    sha256 = factory.Sequence(lambda n: f"{n:064d}")


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    article = factory.SubFactory(ArticleFactory)
    claim = factory.SubFactory(ClaimFactory)
    quote = "Kratom relieves pain."
    start = 0
    end = 21
    asserted_evidence = "none"


class PubMedRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PubMedRecord

    pmid = factory.Sequence(lambda n: str(90000000 + n))
    title = "A randomized trial of kratom for pain"
    year = 2020
    design = Design.RCT
    source = "snapshot"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    record = factory.SubFactory(PubMedRecordFactory)
    direct = True
    relevance = 1.0
