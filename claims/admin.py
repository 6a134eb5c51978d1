"""Admin for articles, vocabulary, claims and where claims appear."""
from django.contrib import admin

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest

from claims import services
from claims.models import Appearance, Article, CandidateTerm, Claim, Condition, Intervention


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin[Intervention]):
    list_display = ["name", "synonyms", "mesh_headings"]
    search_fields = ["name"]


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin[Condition]):
    list_display = ["name", "synonyms", "mesh_headings"]
    search_fields = ["name"]
    filter_horizontal = ["broader"]


class AppearanceInline(admin.TabularInline[Appearance, Claim]):
    model = Appearance
    extra = 0
    fields = readonly_fields = ("article", "quote", "asserted_evidence", "hedged", "overstated")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = ["__str__", "source_name", "path", "url", "ingested_at"]
    search_fields = ["title", "url", "path"]
    readonly_fields = ["sha256", "ingested_at"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin[Claim]):
    list_display = ["statement", "claim_type", "status", "grade", "computed_grade", "verdict", "overstated", "last_refreshed_at"]
    list_filter = ["status", "claim_type", "grade", "verdict", "overstated", "intervention"]
    search_fields = ["statement", "key"]
    readonly_fields = ["key", "computed_grade", "grade", "verdict", "explanation", "best_indirect", "overstated",
                       "last_refreshed_at", "next_refresh_at", "reviewed_by", "reviewed_at", "published_by", "published_at"]
    inlines = [AppearanceInline]


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin[Appearance]):
    list_display = ["claim", "article", "asserted_evidence", "hedged", "overstated"]
    list_filter = ["asserted_evidence", "hedged", "overstated"]
    search_fields = ["quote", "claim__statement"]


@admin.register(CandidateTerm)
class CandidateTermAdmin(admin.ModelAdmin[CandidateTerm]):
    list_display = ["term", "kind", "status", "article", "quote"]
    list_filter = ["status", "kind"]
    search_fields = ["term", "quote"]
    readonly_fields = ["term", "kind", "quote", "article", "created_at"]
    actions = ["add_to_vocabulary", "dismiss"]

    @admin.action(description="Add to the vocabulary")
    def add_to_vocabulary(self, request: HttpRequest, queryset: QuerySet[CandidateTerm]) -> None:
        added = [str(services.add_candidate_to_vocabulary(candidate=c)) for c in queryset]
        self.message_user(request, f"Added to the vocabulary: {', '.join(sorted(set(added)))}.", messages.SUCCESS)

    @admin.action(description="Dismiss")
    def dismiss(self, request: HttpRequest, queryset: QuerySet[CandidateTerm]) -> None:
        count = queryset.update(status=CandidateTerm.Status.DISMISSED)
        self.message_user(request, f"Dismissed {count} candidate terms.", messages.SUCCESS)
