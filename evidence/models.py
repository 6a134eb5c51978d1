"""PubMed records, the citations that tie them to claims, grade history and refresh runs."""
from __future__ import annotations

from django.db import models

from evidence.enums import (
    CuratorDecision,
    Design,
    Grade,
    GradeChangeCause,
    RecordSource,
    Stance,
    Verdict,
)


class PubMedRecord(models.Model):
    pmid = models.CharField(max_length=20, unique=True)
    title = models.TextField(blank=True)
    abstract = models.TextField(blank=True)
    journal = models.CharField(max_length=300, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    entrez_date = models.DateField(null=True, blank=True)
    publication_types = models.JSONField(default=list, blank=True)
    mesh_terms = models.JSONField(default=list, blank=True, help_text='[{"descriptor", "major"}]')
    keywords = models.JSONField(default=list, blank=True)
    doi = models.CharField(max_length=300, blank=True)
    design = models.CharField(max_length=30, choices=Design.choices())
    design_signals = models.JSONField(default=list, blank=True)
    retracted = models.BooleanField(default=False)
    indexed = models.BooleanField(default=False, help_text="Has publication types or MeSH.")
    source = models.CharField(max_length=20, choices=RecordSource.choices())
    abstract_is_paraphrase = models.BooleanField(default=False)
    fetched_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "pmid"]
        verbose_name = "PubMed record"

    def __str__(self) -> str:
        return f"PMID {self.pmid}: {self.title[:80]}"

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"


class CitationQuerySet(models.QuerySet["Citation"]):
    def counted(self) -> CitationQuerySet:
        """Relevant, direct, not retracted, not rejected by a curator: what a grade comes from."""
        return self.filter(direct=True, record__retracted=False).exclude(
            curator_decision=CuratorDecision.REJECTED
        )


class Citation(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="citations")
    record = models.ForeignKey(PubMedRecord, on_delete=models.PROTECT, related_name="citations")
    relevance = models.FloatField(default=0.0)
    direct = models.BooleanField(default=False)
    suggested_stance = models.CharField(max_length=20, choices=Stance.choices(), default=Stance.UNCLEAR)
    curator_stance = models.CharField(max_length=20, choices=Stance.choices(), blank=True)
    curator_decision = models.CharField(
        max_length=20, choices=CuratorDecision.choices(), default=CuratorDecision.PENDING
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CitationQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["claim", "record"], name="unique_citation")]

    def __str__(self) -> str:
        return f"{self.claim} ← PMID {self.record.pmid}"

    @property
    def stance(self) -> str:
        """The curator's stance when set, else the suggested one."""
        return self.curator_stance or self.suggested_stance

    def get_stance_display(self) -> str:
        return Stance(self.stance).label

    @property
    def counted(self) -> bool:
        """Relevant (it is stored), direct, not retracted, not rejected: what a grade comes from."""
        return self.direct and not self.record.retracted and not self.rejected

    @property
    def reviewed(self) -> bool:
        return self.curator_decision != CuratorDecision.PENDING

    @property
    def rejected(self) -> bool:
        return self.curator_decision == CuratorDecision.REJECTED


class RefreshRun(models.Model):
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    claims = models.PositiveIntegerField(default=0)
    requests = models.PositiveIntegerField(default=0, help_text="E-utilities requests.")
    new_records = models.PositiveIntegerField(default=0)
    grade_changes = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Refresh run {self.pk} ({self.started_at:%Y-%m-%d %H:%M})"


class GradeChange(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="grade_changes")
    old_grade = models.CharField(max_length=30, choices=Grade.choices(), null=True, blank=True)
    new_grade = models.CharField(max_length=30, choices=Grade.choices(), null=True, blank=True)
    old_verdict = models.CharField(max_length=20, choices=Verdict.choices(), null=True, blank=True)
    new_verdict = models.CharField(max_length=20, choices=Verdict.choices(), null=True, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    cause = models.CharField(max_length=30, choices=GradeChangeCause.choices())
    pmids = models.JSONField(default=list, blank=True)
    refresh_run = models.ForeignKey(
        RefreshRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="grade_changes_made"
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.claim}: {self.old_grade} → {self.new_grade}"
