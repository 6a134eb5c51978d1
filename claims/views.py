"""Public pages: published claims and their evidence, read-only."""
from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.views.generic import DetailView, ListView

from claims.curation import resolve_merged

from claims.models import Appearance, Claim
from evidence.enums import Design, design_rank
from evidence.models import Citation


class ClaimListView(ListView[Claim]):
    template_name = "claims/claim_list.html"
    context_object_name = "claims"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.published().select_related("intervention", "condition").order_by("statement")


class ClaimDetailView(DetailView[Claim]):
    template_name = "claims/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.published().select_related("intervention", "condition").prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("record")),
            Prefetch("appearances", queryset=Appearance.objects.select_related("article")),
            "grade_changes",
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            merged_into = resolve_merged(kwargs["slug"])
            if merged_into is None:
                raise
            return HttpResponsePermanentRedirect(merged_into.get_absolute_url())

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        citations = sorted(
            self.object.citations.all(), key=lambda c: (-design_rank(Design(c.record.design)), -(c.record.year or 0))
        )
        context["counted"] = [c for c in citations if c.counted]
        context["indirect"] = [c for c in citations if not c.direct and not c.record.retracted and not c.rejected]
        context["retracted"] = [c for c in citations if c.record.retracted]
        return context
