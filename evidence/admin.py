"""Admin for PubMed records, citations, grade history and refresh runs."""
from django.contrib import admin

from evidence.models import Citation, GradeChange, PubMedRecord, RefreshRun


@admin.register(PubMedRecord)
class PubMedRecordAdmin(admin.ModelAdmin[PubMedRecord]):
    list_display = ["pmid", "title", "journal", "year", "design", "source", "retracted", "indexed"]
    list_filter = ["design", "source", "retracted", "indexed"]
    search_fields = ["pmid", "title"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin[Citation]):
    list_display = ["claim", "record", "direct", "relevance", "suggested_stance", "curator_stance", "curator_decision"]
    list_filter = ["direct", "curator_decision", "suggested_stance"]
    search_fields = ["claim__statement", "record__pmid"]
    raw_id_fields = ["claim", "record"]
    readonly_fields = ["relevance", "direct", "suggested_stance"]


@admin.register(GradeChange)
class GradeChangeAdmin(admin.ModelAdmin[GradeChange]):
    list_display = ["claim", "old_grade", "new_grade", "old_verdict", "new_verdict", "cause", "changed_at"]
    list_filter = ["cause"]
    readonly_fields = ["claim", "old_grade", "new_grade", "old_verdict", "new_verdict", "cause", "pmids", "refresh_run"]


@admin.register(RefreshRun)
class RefreshRunAdmin(admin.ModelAdmin[RefreshRun]):
    list_display = ["pk", "started_at", "finished_at", "claims", "requests", "new_records", "grade_changes"]
