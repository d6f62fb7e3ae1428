"""Concluding observations as published: documents, their language versions and structure.

Text that exists in several languages (paragraph text, heading titles, footnotes,
sub-paragraph labels) is stored as a JSON object keyed by language code, so that one
paragraph row carries every language version of that paragraph and alignment is the
row itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..choices import (
    CitationKind,
    HeadingKind,
    ImplementationStatus,
    ImportAction,
    Language,
    ParagraphKind,
    ReferenceKind,
)
from ..importer.committees import BY_CODE


def pick_language(texts: dict, language: str, fallbacks=("en",)) -> str:
    """The text in ``language``, else in a fallback language, else any."""
    if not texts:
        return ""
    for code in (language, *fallbacks):
        if texts.get(code):
            return texts[code]
    return next(iter(texts.values()))


class Committee(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)
    treaty = models.CharField(max_length=300, blank=True)
    symbol_prefix = models.CharField(max_length=20, help_text=_("e.g. CMW/C, E/C.12"))
    follow_up_months = models.PositiveSmallIntegerField(
        default=12, help_text=_("Usual period for follow-up information, in months.")
    )

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def name_in(self, language: str) -> str:
        """The Committee's official name in a UN language (English when unknown)."""
        info = BY_CODE.get(self.code)
        return info.name_in(language) if info else self.name


class Document(models.Model):
    """One set of concluding observations, e.g. CMW/C/KGZ/CO/2, in all its languages."""

    symbol = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True, help_text=_("Symbol with / as _"))
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="documents")
    state = CountryField()
    periodic_report = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("First periodic report covered (5 for the fifth and sixth).")
    )
    periodic_report_last = models.PositiveSmallIntegerField(null=True, blank=True)
    session_number = models.PositiveSmallIntegerField(null=True, blank=True)
    session_start = models.DateField(null=True, blank=True)
    session_end = models.DateField(null=True, blank=True)
    considered_meetings = models.JSONField(default=list, blank=True)
    considered_dates = models.JSONField(default=list, blank=True)
    adopted_meeting = models.PositiveIntegerField(null=True, blank=True)
    adoption_date = models.DateField(null=True, blank=True)
    state_report_symbol = models.CharField(max_length=60, blank=True)
    list_of_issues_symbol = models.CharField(max_length=60, blank=True)
    previous_observations_symbol = models.CharField(max_length=60, blank=True)
    public_page = models.BooleanField(
        default=False, verbose_name=_("public page"),
        help_text=_("Anyone may read the recommendations with their validated status and the Committee's grades."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-adoption_date", "symbol"]

    def __str__(self):
        return self.symbol

    def save(self, *args, **kwargs):
        self.slug = slug_for_symbol(self.symbol)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("observations:document_detail", args=[self.slug])

    @property
    def languages(self) -> list[str]:
        return [v.language for v in self.versions.all()]

    def title_in(self, language: str) -> str:
        for version in self.versions.all():
            if version.language == language:
                return version.title
        first = next(iter(self.versions.all()), None)
        return first.title if first else self.symbol

    @property
    def report_label(self) -> str:
        if self.periodic_report and self.periodic_report_last and (
            self.periodic_report_last != self.periodic_report
        ):
            return f"{self.periodic_report}–{self.periodic_report_last}"
        return str(self.periodic_report or "")


def slug_for_symbol(symbol: str) -> str:
    return symbol.strip().replace("/", "_")


class LanguageVersion(models.Model):
    """One language version of a document, with the file it was imported from, verbatim."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(max_length=5, choices=Language.choices)
    title = models.TextField(blank=True)
    original = models.BinaryField(help_text=_("The imported file, byte for byte."))
    file_name = models.CharField(max_length=255, blank=True)
    checksum = models.CharField(max_length=64, help_text=_("SHA-256 of the original file."))
    importer_version = models.CharField(max_length=20)
    findings = models.JSONField(default=list, blank=True, help_text=_("What the importer inferred or could not find."))
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="one_version_per_language")
        ]

    def __str__(self):
        return f"{self.document.symbol} ({self.language})"


class ImportRecord(models.Model):
    """Every import that changed or confirmed a document: what came in and what it did."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="imports")
    language = models.CharField(max_length=5, choices=Language.choices)
    action = models.CharField(max_length=20, choices=ImportAction.choices)
    file_name = models.CharField(max_length=255, blank=True)
    checksum = models.CharField(max_length=64)
    importer_version = models.CharField(max_length=20)
    changes = models.JSONField(default=list, blank=True)
    superseded = models.BinaryField(
        null=True, blank=True, help_text=_("The file this import replaced, kept verbatim.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.document.symbol} {self.language}: {self.get_action_display()}"


class Heading(models.Model):
    """A node of the heading tree: lettered section, numbered cluster, or topic."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="headings")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(max_length=10, choices=HeadingKind.choices)
    key = models.CharField(max_length=10, blank=True, help_text=_("A, B, C for sections; 1, 2 for clusters."))
    position = models.PositiveIntegerField()
    labels = models.JSONField(default=dict, blank=True)
    titles = models.JSONField(default=dict)
    articles = models.CharField(max_length=100, blank=True, help_text=_("Convention articles, e.g. 73, 84"))
    first_paragraph = models.PositiveIntegerField(null=True, blank=True)
    last_paragraph = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="heading_position_unique")
        ]

    def __str__(self):
        return self.title_in("en")

    def title_in(self, language: str) -> str:
        return pick_language(self.titles, language)

    def label_in(self, language: str) -> str:
        return pick_language(self.labels, language, fallbacks=()) if self.labels else self.key

    @property
    def anchor(self) -> str:
        return f"h{self.position}"


class Paragraph(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="paragraphs")
    heading = models.ForeignKey(Heading, null=True, blank=True, on_delete=models.SET_NULL, related_name="paragraphs")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=ParagraphKind.choices)
    text = models.JSONField(default=dict)
    # where the footnote markers stand in each language's text: {language: [[number, offset], ...]}
    footnote_positions = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="paragraph_number_unique")
        ]

    def __str__(self):
        return f"{self.document.symbol}, para. {self.number}"

    def get_absolute_url(self):
        return reverse("observations:paragraph_detail", args=[self.document.slug, self.number])

    def text_in(self, language: str) -> str:
        return pick_language(self.text, language)

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


class SubParagraph(models.Model):
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="subparagraphs")
    letter = models.CharField(max_length=3, help_text=_("Canonical Latin letter: a, b, c…"))
    position = models.PositiveSmallIntegerField()
    labels = models.JSONField(default=dict, help_text=_("The letter as printed in each language."))
    text = models.JSONField(default=dict)
    # where the footnote markers stand in each language's text: {language: [[number, offset], ...]}
    footnote_positions = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["paragraph", "position"]
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "letter"], name="subparagraph_letter_unique")
        ]

    def __str__(self):
        return f"{self.paragraph}({self.letter})"

    def text_in(self, language: str) -> str:
        return pick_language(self.text, language)

    def label_in(self, language: str) -> str:
        return self.labels.get(language) or self.letter

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph.number}{self.letter}"


class Footnote(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="footnotes")
    number = models.PositiveIntegerField()
    text = models.JSONField(default=dict)
    paragraph = models.ForeignKey(Paragraph, null=True, blank=True, on_delete=models.SET_NULL, related_name="footnotes")
    subparagraph = models.ForeignKey(
        SubParagraph, null=True, blank=True, on_delete=models.SET_NULL, related_name="footnotes"
    )

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="footnote_number_unique")
        ]

    def __str__(self):
        return f"{self.document.symbol}, footnote {self.number}"

    def text_in(self, language: str) -> str:
        return pick_language(self.text, language)

    @property
    def anchor(self) -> str:
        return f"fn{self.number}"


class Reference(models.Model):
    """A paragraph pointing to a paragraph of another document, e.g. CMW/C/KGZ/CO/1, para. 9."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="references")
    subparagraph = models.ForeignKey(SubParagraph, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    footnote = models.ForeignKey(Footnote, null=True, blank=True, on_delete=models.SET_NULL, related_name="references")
    kind = models.CharField(max_length=12, choices=ReferenceKind.choices)
    target_symbol = models.CharField(max_length=60)
    target_number = models.PositiveIntegerField(null=True, blank=True)
    target_letter = models.CharField(max_length=3, blank=True)
    target = models.ForeignKey(
        Paragraph, null=True, blank=True, on_delete=models.SET_NULL, related_name="referenced_by",
        help_text=_("The referenced paragraph, when its document is in the tracker."),
    )

    class Meta:
        ordering = ["paragraph", "id"]

    def __str__(self):
        para = f", para. {self.target_number}" if self.target_number else ""
        return f"{self.target_symbol}{para}"


class Citation(models.Model):
    """An SDG target or Convention article cited by a paragraph or sub-paragraph."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="citations")
    subparagraph = models.ForeignKey(SubParagraph, null=True, blank=True, on_delete=models.CASCADE, related_name="citations")
    kind = models.CharField(max_length=20, choices=CitationKind.choices)
    value = models.CharField(max_length=20)

    class Meta:
        ordering = ["paragraph", "kind", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value}"


class Recommendation(models.Model):
    """The unit that is tracked: a lettered sub-paragraph of a recommendation paragraph,
    or the paragraph itself where it has none."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recommendations")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="recommendations")
    subparagraph = models.OneToOneField(
        SubParagraph, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendation"
    )
    position = models.PositiveIntegerField(help_text=_("Order in the document."))
    status = models.CharField(
        max_length=24, choices=ImplementationStatus.choices, default=ImplementationStatus.NOT_STARTED,
        help_text=_("Official status: changes only with a validated progress update."),
    )

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph"], condition=models.Q(subparagraph__isnull=True),
                name="one_whole_paragraph_recommendation",
            )
        ]
        indexes = [
            # A document's recommendations in order, and its list filtered by status.
            models.Index(fields=["document", "position"], name="recommendation_order_idx"),
            models.Index(fields=["document", "status", "position"], name="recommendation_status_idx"),
        ]

    def __str__(self):
        return f"{self.document.symbol}, para. {self.code}"

    @property
    def code(self) -> str:
        if self.subparagraph_id:
            return f"{self.paragraph.number}({self.subparagraph.letter})"
        return str(self.paragraph.number)

    @property
    def anchor(self) -> str:
        return self.subparagraph.anchor if self.subparagraph_id else self.paragraph.anchor

    def text_in(self, language: str) -> str:
        if self.subparagraph_id:
            return self.subparagraph.text_in(language)
        return self.paragraph.text_in(language)
