"""Editors merge duplicate claims and split mixed ones; nothing is lost and every grade change is recorded."""
import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError

from claims.curation import merge_claims, plan_merge, split_claim
from claims.models import Claim
from evidence.enums import ClaimType, CuratorDecision, Direction, GradeChangeCause
from evidence.services import regrade_claim
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ConditionFactory,
    PubMedRecordFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = User.objects.create_user("editor")
    user.user_permissions.add(Permission.objects.get(codename="merge_claim"))
    return User.objects.get(pk=user.pk)  # fresh instance: permissions are cached per object


def test_merging_moves_appearances_and_citations_and_keeps_curator_decisions(editor):
    source, target = ClaimFactory(statement="Kratom eases pain"), ClaimFactory(statement="Kratom relieves pain")
    regrade_claim(claim=target, cause=GradeChangeCause.NEW_RECORD)  # graded `none` before the merge
    AppearanceFactory(claim=source, quote="Kratom eases pain.")
    trial = CitationFactory(claim=source, curator_decision=CuratorDecision.ACCEPTED, curator_stance="supports")
    plan = merge_claims(source=source, target=target, editor=editor)
    assert (plan.appearances, plan.citations) == (1, 1)
    assert target.appearances.get().quote == "Kratom eases pain."
    moved = target.citations.get()
    assert (moved.pk, moved.curator_decision, moved.curator_stance) == (trial.pk, "accepted", "supports")
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.merged_into == target
    assert target.grade == "rct"
    change = target.grade_changes.order_by("pk").last()
    assert (change.old_grade, change.new_grade, change.cause) == ("none", "rct", GradeChangeCause.MERGE_OR_SPLIT)


def test_the_confirmation_plan_counts_what_moves_and_what_is_already_there():
    source, target = ClaimFactory(), ClaimFactory()
    article = ArticleFactory()
    AppearanceFactory(claim=source, article=article, start=0)
    AppearanceFactory(claim=target, article=article, start=0)
    AppearanceFactory(claim=source, article=article, start=50)
    record = PubMedRecordFactory()
    CitationFactory(claim=source, record=record)
    CitationFactory(claim=target, record=record)
    plan = plan_merge(source=source, target=target)
    assert (plan.appearances, plan.duplicate_appearances, plan.citations, plan.duplicate_citations) == (1, 1, 0, 1)


def test_a_merged_claims_old_slug_redirects_to_the_claim_it_became(client, editor):
    source, target = ClaimFactory(slug="kratom-eases-pain"), ClaimFactory(slug="kratom-relieves-pain")
    merge_claims(source=source, target=target, editor=editor)
    response = client.get("/claims/kratom-eases-pain/")
    assert response.status_code == 301
    assert response["Location"] == "/claims/kratom-relieves-pain/"


def test_only_editors_merge(editor):
    source, target = ClaimFactory(), ClaimFactory()
    with pytest.raises(PermissionDenied):
        merge_claims(source=source, target=target, editor=User.objects.create_user("checker"))
    with pytest.raises(ValidationError):
        merge_claims(source=source, target=source, editor=editor)
    assert Claim.objects.filter(merged_into__isnull=False).count() == 0


def test_splitting_moves_the_chosen_appearances_to_the_claim_they_really_make(editor):
    pain = ConditionFactory(name="pain")
    chronic = ConditionFactory(name="chronic pain")
    claim = ClaimFactory(key="efficacy:kratom:relieves:positive:pain", condition=pain)
    keep = AppearanceFactory(claim=claim, quote="Kratom relieves pain.")
    move = AppearanceFactory(claim=claim, quote="Kratom relieves chronic pain.", start=30)
    other = split_claim(
        claim=claim, appearances=[move], claim_type=ClaimType.EFFICACY, effect="relieves",
        direction=Direction.POSITIVE, condition=chronic, editor=editor,
    )
    assert other.key == "efficacy:kratom:relieves:positive:chronic-pain"
    assert other.statement == "Kratom relieves chronic pain"
    assert list(other.appearances.all()) == [move]
    assert list(claim.appearances.all()) == [keep]
    assert other.status == "draft"


def test_a_split_into_the_same_claim_is_refused(editor):
    pain = ConditionFactory(name="pain")
    claim = ClaimFactory(key="efficacy:kratom:relieves:positive:pain", condition=pain)
    appearance = AppearanceFactory(claim=claim)
    with pytest.raises(ValidationError):
        split_claim(claim=claim, appearances=[appearance], claim_type=ClaimType.EFFICACY, effect="relieves",
                    direction=Direction.POSITIVE, condition=pain, editor=editor)
