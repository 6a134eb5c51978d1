"""Articles, the curated vocabulary, the claims articles make and where they make them."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from evidence.enums import AssertedEvidence, ClaimStatus, ClaimType, Direction, Grade, Verdict


class VocabularyTerm(models.Model):
    """A curated term: canonical name plus the words articles and PubMed use for it."""

    name = models.CharField(max_length=200, unique=True)
    synonyms = models.JSONField(default=list, blank=True, help_text="Other names and abbreviations.")
    mesh_headings = models.JSONField(default=list, blank=True, help_text="MeSH descriptors.")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Intervention(VocabularyTerm):
    pass


class Condition(VocabularyTerm):
    """A condition, outcome or (for mechanism claims) a target such as a receptor."""

    broader = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="narrower")


class ArticleQuerySet(models.QuerySet["Article"]):
    def current(self) -> ArticleQuerySet:
        """The latest version of each article: no later version replaced it."""
        return self.filter(next_version__isnull=True)

    def versions_of(self, *, url: str, path: str) -> ArticleQuerySet:
        """Every stored version of the article at this URL (or file path), newest first."""
        return self.filter(url=url, path=path).order_by("-version")


class Article(models.Model):
    """One version of an ingested article; a changed text at the same URL (or path) is a new row.

    Versions of one article share url and path and are numbered 1, 2, ... with a link to the one
    they replaced; earlier versions and their appearances stay. Text with neither url nor path is
    kept once per distinct text.
    """

    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    source_name = models.CharField(max_length=200, blank=True)
    published_date = models.DateField(null=True, blank=True)
    path = models.CharField(max_length=1000, blank=True, help_text="File it was ingested from.")
    text = models.TextField()
    sha256 = models.CharField(max_length=64, db_index=True)
    version = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_version",
        help_text="The version this one replaced.",
    )
    ingested_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-ingested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["url", "path", "version"],
                condition=~models.Q(url="", path=""),
                name="unique_article_version",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.path or self.url or f"Article {self.pk}"


class ClaimQuerySet(models.QuerySet["Claim"]):
    def published(self) -> ClaimQuerySet:
        return self.filter(status=ClaimStatus.PUBLISHED, merged_into__isnull=True)

    def unique_slug(self, statement: str) -> str:
        """A slug for a new claim, derived from its statement and unused by any claim, merged ones included."""
        base = slugify(statement)[:280] or "claim"
        slug, n = base, 2
        while self.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Claim(models.Model):
    key = models.CharField(max_length=300, unique=True)
    slug = models.SlugField(max_length=300, unique=True)
    statement = models.CharField(max_length=500)
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="claims")
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, related_name="claims", null=True, blank=True
    )
    effect = models.CharField(max_length=100)
    direction = models.CharField(max_length=20, choices=Direction.choices())
    claim_type = models.CharField(max_length=20, choices=ClaimType.choices())
    status = models.CharField(max_length=20, choices=ClaimStatus.choices(), default=ClaimStatus.DRAFT)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_claims"
    )
    computed_grade = models.CharField(max_length=30, choices=Grade.choices(), null=True, blank=True)
    override_grade = models.CharField(max_length=30, choices=Grade.choices(), null=True, blank=True)
    override_reason = models.TextField(blank=True)
    grade = models.CharField(max_length=30, choices=Grade.choices(), null=True, blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices(), null=True, blank=True)
    explanation = models.TextField(blank=True)
    best_indirect = models.CharField(max_length=300, blank=True)
    overstated = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    last_refreshed_at = models.DateTimeField(null=True, blank=True)
    last_query = models.TextField(blank=True, help_text="The PubMed query of the last successful search.")
    searched_through = models.DateField(
        null=True, blank=True, help_text="Entrez date up to which that query's results are all stored."
    )
    next_refresh_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["statement"]
        permissions = [("merge_claim", "Can merge and split claims")]

    def __str__(self) -> str:
        return self.statement

    def get_absolute_url(self) -> str:
        return reverse("claims:detail", kwargs={"slug": self.slug})

    @property
    def graded(self) -> bool:
        return ClaimType(self.claim_type).graded


class Appearance(models.Model):
    """Where an article makes a claim: the quote, its span and the evidence the article asserts."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="appearances")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    asserted_evidence = models.CharField(max_length=30, choices=AssertedEvidence.choices())
    cue_words = models.JSONField(default=list, blank=True)
    hedged = models.BooleanField(default=False)
    overstated = models.BooleanField(default=False)

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "claim", "start"], name="unique_appearance_span"),
        ]

    def __str__(self) -> str:
        return f"{self.claim} in {self.article}"


class CandidateTerm(models.Model):
    """A term the vocabulary lacks, found in a sentence that otherwise reads as a claim: for a curator to add
    to the vocabulary or dismiss, so a claim is never silently dropped."""

    class Kind(models.TextChoices):
        INTERVENTION = "intervention", "Intervention"
        CONDITION = "condition", "Condition"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ADDED = "added", "Added to the vocabulary"
        DISMISSED = "dismissed", "Dismissed"

    term = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    quote = models.TextField()
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="candidate_terms")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "term"]
        constraints = [
            models.UniqueConstraint(fields=["article", "term", "kind"], name="unique_candidate_per_article"),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.kind})"
