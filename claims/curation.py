"""Editors' curation of claims: merge two claims into one, split appearances off into another claim."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from claims.extraction.extractor import claim_key, statement
from claims.extraction.findings import Finding
from claims.models import Appearance, Claim, Condition
from evidence.enums import ClaimType, Direction, GradeChangeCause
from evidence.models import Citation
from evidence.services import regrade_claim

MERGE_PERMISSION = "claims.merge_claim"
User = AbstractUser | AnonymousUser


@dataclass(frozen=True)
class MergePlan:
    """What a merge moves, for the confirmation page and the result."""

    appearances: int
    citations: int
    duplicate_appearances: int  # the same quote already on the target: dropped
    duplicate_citations: int  # the record is already cited by the target: the target's citation stays


def _require_editor(editor: User) -> None:
    if not editor.is_authenticated or not editor.has_perm(MERGE_PERMISSION):
        raise PermissionDenied("Only editors can merge or split claims.")


def plan_merge(*, source: Claim, target: Claim) -> MergePlan:
    target_spans = set(target.appearances.values_list("article_id", "start"))
    target_records = set(target.citations.values_list("record_id", flat=True))
    appearances = list(source.appearances.values_list("article_id", "start"))
    records = list(source.citations.values_list("record_id", flat=True))
    duplicate_appearances = sum(span in target_spans for span in appearances)
    duplicate_citations = sum(record in target_records for record in records)
    return MergePlan(
        appearances=len(appearances) - duplicate_appearances,
        citations=len(records) - duplicate_citations,
        duplicate_appearances=duplicate_appearances,
        duplicate_citations=duplicate_citations,
    )


@transaction.atomic
def merge_claims(*, source: Claim, target: Claim, editor: User) -> MergePlan:
    """Move the source's appearances and citations to the target; the source redirects to it from now on.
    Curator decisions travel with their citations. Both grades are recomputed and the change recorded."""
    _require_editor(editor)
    source = Claim.objects.select_for_update().get(pk=source.pk)
    target = Claim.objects.select_for_update().get(pk=target.pk)
    if source.pk == target.pk or source.merged_into_id is not None or target.merged_into_id is not None:
        raise ValidationError("Merge two different claims, neither already merged.")
    plan = plan_merge(source=source, target=target)
    target_spans = set(target.appearances.values_list("article_id", "start"))
    for appearance in source.appearances.all():
        if (appearance.article_id, appearance.start) in target_spans:
            appearance.delete()
        else:
            Appearance.objects.filter(pk=appearance.pk).update(claim=target)
    target_records = set(target.citations.values_list("record_id", flat=True))
    Citation.objects.filter(claim=source, record_id__in=target_records).delete()
    Citation.objects.filter(claim=source).update(claim=target)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    Claim.objects.filter(merged_into=source).update(merged_into=target)  # earlier merges follow along
    regrade_claim(claim=target, cause=GradeChangeCause.MERGE_OR_SPLIT)
    regrade_claim(claim=source, cause=GradeChangeCause.MERGE_OR_SPLIT)
    return plan


@transaction.atomic
def split_claim(
    *,
    claim: Claim,
    appearances: Iterable[Appearance],
    claim_type: ClaimType,
    effect: str,
    direction: Direction,
    condition: Condition | None,
    editor: User,
) -> Claim:
    """Move some of a claim's appearances to the claim they really make (created when new).
    The new claim starts as a draft without citations: its first refresh finds its evidence."""
    _require_editor(editor)
    moving = [a for a in appearances if a.claim_id == claim.pk]
    if not moving:
        raise ValidationError("Choose at least one appearance of this claim to split off.")
    finding = Finding(claim_type=claim_type, condition=condition.name if condition else None,
                      effect=effect, direction=direction)
    key = claim_key(finding, claim.intervention.name)
    if key == claim.key:
        raise ValidationError("The split-off claim must differ from the original.")
    other = Claim.objects.filter(key=key).first() or _create_claim(claim, finding, key, condition)
    Appearance.objects.filter(pk__in=[a.pk for a in moving]).update(claim=other)
    regrade_claim(claim=claim, cause=GradeChangeCause.MERGE_OR_SPLIT)
    regrade_claim(claim=other, cause=GradeChangeCause.MERGE_OR_SPLIT)
    return other


def _create_claim(original: Claim, finding: Finding, key: str, condition: Condition | None) -> Claim:
    text = statement(finding, original.intervention.name)
    return Claim.objects.create(
        key=key,
        slug=Claim.objects.unique_slug(text),
        statement=text,
        intervention=original.intervention,
        condition=condition,
        effect=finding.effect,
        direction=finding.direction.value,
        claim_type=finding.claim_type.value,
    )


def resolve_merged(slug: str) -> Claim | None:
    """The published claim a merged claim's old slug now stands for, if any."""
    claim = Claim.objects.filter(Q(slug=slug) & Q(merged_into__isnull=False)).first()
    seen = set()
    while claim is not None and claim.merged_into_id is not None and claim.pk not in seen:
        seen.add(claim.pk)
        claim = claim.merged_into
    return claim if claim is not None and claim in Claim.objects.published() else None
