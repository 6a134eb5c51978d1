"""REST API: published claims and their evidence, read-only for everyone."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers, viewsets

from claims import selectors
from claims.models import Appearance, Claim
from evidence.models import Citation


class CitationSerializer(serializers.Serializer[Citation]):
    pmid = serializers.CharField(source="record.pmid")
    title = serializers.CharField(source="record.title")
    year = serializers.IntegerField(source="record.year", allow_null=True)
    design = serializers.CharField(source="record.design")
    direct = serializers.BooleanField()
    stance = serializers.CharField()
    reviewed = serializers.BooleanField()
    retracted = serializers.BooleanField(source="record.retracted")
    source = serializers.CharField(source="record.source")  # type: ignore[assignment]  # the JSON key is "source"


class AppearanceSerializer(serializers.Serializer[Appearance]):
    article = serializers.SerializerMethodField()
    quote = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    asserted_evidence = serializers.CharField()
    hedged = serializers.BooleanField()
    overstated = serializers.BooleanField()

    def get_article(self, appearance: Appearance) -> dict[str, str | None]:
        article: dict[str, str | None] = selectors.appearance_document(appearance)["article"]
        return article


class ClaimSummarySerializer(serializers.ModelSerializer[Claim]):
    intervention = serializers.CharField(source="intervention.name")
    condition = serializers.CharField(source="condition.name", allow_null=True, default=None)
    graded = serializers.BooleanField()
    url = serializers.HyperlinkedIdentityField(view_name="api-claim-detail", lookup_field="slug")

    class Meta:
        model = Claim
        fields = [
            "url", "key", "slug", "statement", "intervention", "condition", "claim_type", "graded",
            "grade", "computed_grade", "verdict", "overstated", "last_refreshed_at",
        ]


class ClaimDetailSerializer(ClaimSummarySerializer):
    citations = CitationSerializer(many=True)
    appearances = AppearanceSerializer(many=True)
    asserted_evidence = serializers.SerializerMethodField()

    class Meta(ClaimSummarySerializer.Meta):
        fields = [*ClaimSummarySerializer.Meta.fields, "explanation", "asserted_evidence", "citations", "appearances"]

    def get_asserted_evidence(self, claim: Claim) -> str:
        return selectors.strongest_asserted(claim)


class ClaimViewSet(viewsets.ReadOnlyModelViewSet[Claim]):
    lookup_field = "slug"
    filterset_fields = ["grade", "verdict", "claim_type"]

    def get_queryset(self) -> QuerySet[Claim]:
        return (
            Claim.objects.published()
            .select_related("intervention", "condition")
            .prefetch_related(
                Prefetch("citations", queryset=Citation.objects.select_related("record")),
                Prefetch("appearances", queryset=Appearance.objects.select_related("article")),
            )
            .order_by("statement")
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Claim]]:
        return ClaimDetailSerializer if self.action == "retrieve" else ClaimSummarySerializer
