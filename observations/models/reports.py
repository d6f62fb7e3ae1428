"""The NGO shadow report: an NGO's own account of how a State implemented concluding
observations, drafted paragraph by paragraph, private to that NGO until it publishes.

Privacy: a draft (``ShadowReport`` and its ``ShadowEntry`` rows) is visible to the members
of its organization only; no other organization, no coordinator, no focal point sees it.
Publishing freezes the report as it is into a ``ShadowReportPublication`` (a snapshot), and
only that snapshot is shown to others: later edits stay private until published again.

Concurrency: several drafters of the NGO edit the same report. Each entry carries a
``version`` counter; a save succeeds only if the version the editor started from is still
the stored one (a conditional UPDATE), so the second of two concurrent editors is told and
nothing is silently overwritten (see ``observations.services.reports``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import Language, NgoAssessment, OrganizationKind


class Edited(models.Model):
    """Who created and last changed a piece of an NGO's drafting, and when."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class ShadowReportQuerySet(models.QuerySet):
    def of_member(self, user):
        """Reports of the NGOs ``user`` belongs to, in any role: the only people who may
        read a draft (decided by ``observations.permissions``)."""
        from ..permissions import shadow_reports_readable_by

        return shadow_reports_readable_by(user, self)

    def editable_by(self, user):
        """Reports ``user`` may edit: those of the NGOs where they are an NGO drafter."""
        from ..permissions import shadow_reports_editable_by

        return shadow_reports_editable_by(user, self)

    def published(self):
        return self.filter(published_at__isnull=False)


class ShadowReport(Edited):
    """One NGO's shadow report on one set of concluding observations."""

    organization = models.ForeignKey(
        "observations.Organization", on_delete=models.CASCADE, related_name="shadow_reports",
        limit_choices_to={"kind": OrganizationKind.NGO},
    )
    document = models.ForeignKey("observations.Document", on_delete=models.CASCADE, related_name="shadow_reports")
    title = models.CharField(max_length=300, blank=True)
    introduction = models.TextField(blank=True, help_text=_("Opening words of the report (optional)."))
    language = models.CharField(
        max_length=5, choices=Language.choices, default=Language.ENGLISH,
        help_text=_("Language of the report: the Committee's text is quoted in this language."),
    )
    version = models.PositiveIntegerField(default=1, help_text=_("Raised at each save of the title or introduction."))
    published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the report was last published; empty while it is a private draft."),
    )

    objects = ShadowReportQuerySet.as_manager()

    class Meta:
        ordering = ["document", "organization"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "document"], name="one_shadow_report_per_document")
        ]

    def __str__(self):
        return f"{self.organization} — {self.document.symbol}"

    def get_absolute_url(self):
        return reverse("observations:shadow_report", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or _("Shadow report on %(symbol)s") % {"symbol": self.document.symbol}


class ShadowEntry(Edited):
    """The NGO's text on one paragraph, or on one sub-paragraph, of the document."""

    report = models.ForeignKey(ShadowReport, on_delete=models.CASCADE, related_name="entries")
    paragraph = models.ForeignKey("observations.Paragraph", on_delete=models.CASCADE, related_name="+")
    subparagraph = models.ForeignKey(
        "observations.SubParagraph", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    assessment = models.CharField(max_length=30, choices=NgoAssessment.choices, default=NgoAssessment.NOT_ASSESSED)
    narrative = models.TextField(blank=True, help_text=_("What really happened, in the NGO's words."))
    evidence = models.JSONField(
        default=list, blank=True, help_text=_("Links: a list of {\"url\": …, \"title\": …}."),
    )
    proposals = models.TextField(
        blank=True, help_text=_("Questions or recommendations the NGO proposes to the Committee."),
    )
    version = models.PositiveIntegerField(default=1, help_text=_("Raised at each save; guards concurrent edits."))

    class Meta:
        ordering = ["report", "paragraph__number", "subparagraph__position"]
        verbose_name_plural = "shadow entries"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "paragraph", "subparagraph"], name="one_entry_per_subparagraph",
            ),
            models.UniqueConstraint(
                fields=["report", "paragraph"], condition=Q(subparagraph__isnull=True),
                name="one_entry_per_whole_paragraph",
            ),
        ]

    def __str__(self):
        return f"{self.report}: {self.code}"

    @property
    def assessment_colour(self) -> str:
        return NgoAssessment.colour_of(self.assessment)

    @property
    def code(self) -> str:
        if self.subparagraph_id:
            return f"{self.paragraph.number} ({self.subparagraph.letter})"
        return str(self.paragraph.number)


class ShadowReportPublication(models.Model):
    """The report as it was when its NGO published it: the only form others ever see."""

    report = models.ForeignKey(ShadowReport, on_delete=models.CASCADE, related_name="publications")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField(help_text=_("The report's parts, frozen at publication."))
    word_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"

    def __str__(self):
        return f"{self.report}, published {self.published_at:%Y-%m-%d}"
