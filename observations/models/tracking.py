"""The follow-up work on recommendations: who is assigned, what they report, how it is
reviewed, what the Committee thought of it, and the history of every change.

Writes go through ``observations.services`` (each write records its history entry);
who may see what is decided in ``observations.permissions``.

Design decisions:

- **Assignment**: one row per recommendation, one lead organization, any number of
  supporting organizations, an internal deadline earlier than the Committee's.
- **Progress updates** are append-only versions. A draft may be edited in place by its
  organization (optimistic concurrency through ``lock_version``); once submitted it is
  frozen. Correcting a submitted, returned or validated update creates a new version in
  the same ``chain`` (``previous`` points to the version it corrects); the old version
  stays as it was. Review: draft -> submitted -> validated | returned.
- **Official status**: ``Recommendation.status`` is the status of the most recently
  validated update of the recommendation (any organization, any chain); nothing else
  changes it (see ``services.recompute_status``).
- **Measures** are a small related model (kind, description, date) so that reports can
  list them; **evidence** is either an uploaded file (stored under MEDIA_ROOT with a
  random name, served only by a permission-checked view) or a link.
- **History** is an explicit change log (NetBox style, ``models.audit.HistoryEntry``):
  who, when, what, before, after as JSON, written by the service functions. Drafts are
  private to their organization and are not logged; everything from submission on is.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import (
    CommitteeGrade,
    ImplementationStatus,
    Language,
    MeasureKind,
    ReviewState,
)
from .documents import Recommendation
from .people import Organization


class Assignment(models.Model):
    """Who answers for a recommendation, and by when (inside the State)."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="assignment")
    lead = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="lead_assignments",
                             verbose_name=_("lead organization"))
    supporting = models.ManyToManyField(Organization, blank=True, related_name="supporting_assignments",
                                        verbose_name=_("supporting organizations"))
    internal_deadline = models.DateField(
        null=True, blank=True, verbose_name=_("internal deadline"),
        help_text=_("When the organizations' contributions are due to the coordinator."),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["recommendation__document", "recommendation__position"]
        indexes = [models.Index(fields=["lead", "internal_deadline"], name="assignment_lead_deadline_idx")]

    def __str__(self):
        return f"{self.recommendation.code} → {self.lead}"

    def snapshot(self) -> dict:
        """The assignment as it stands, for the history (names, not only ids)."""
        supporting = sorted(self.supporting.all(), key=lambda o: o.pk)
        return {
            "lead": self.lead_id,
            "lead_name": str(self.lead),
            "supporting": [o.pk for o in supporting],
            "supporting_names": [str(o) for o in supporting],
            "internal_deadline": self.internal_deadline.isoformat() if self.internal_deadline else None,
        }


class ProgressUpdate(models.Model):
    """One version of what an organization reports on a recommendation."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="updates")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="progress_updates",
                                     verbose_name=_("organization"))
    chain = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True,
                             help_text=_("Shared by all versions of one update."))
    version = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="next_version", help_text=_("The version this one corrects."))
    lock_version = models.PositiveIntegerField(
        default=0, help_text=_("Bumped at every save, so that two people editing one draft cannot overwrite each other.")
    )
    submission_key = models.UUIDField(
        null=True, blank=True, unique=True, editable=False,
        help_text=_("Key of the form that created this update: posting the same form twice creates it once."),
    )
    status = models.CharField(max_length=24, choices=ImplementationStatus.choices, verbose_name=_("status"))
    narrative = models.TextField(verbose_name=_("what was done"))
    language = models.CharField(max_length=5, choices=Language.choices, verbose_name=_("language of writing"))
    as_of = models.DateField(verbose_name=_("information as of"),
                             help_text=_("The date the information refers to."))
    review_state = models.CharField(max_length=12, choices=ReviewState.choices, default=ReviewState.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    last_edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    review_comment = models.TextField(blank=True, verbose_name=_("reviewer's comment"))

    class Meta:
        ordering = ["recommendation", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "version"], name="update_version_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=ImplementationStatus.values), name="update_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(review_state__in=ReviewState.values), name="update_review_state_valid"
            ),
        ]
        indexes = [
            # The review queue, oldest first, and "awaiting review" per recommendation.
            models.Index(fields=["submitted_at", "id"], condition=models.Q(review_state=ReviewState.SUBMITTED),
                         name="update_queue_idx"),
            models.Index(fields=["recommendation"], condition=models.Q(review_state=ReviewState.SUBMITTED),
                         name="update_submitted_rec_idx"),
            models.Index(fields=["organization"], condition=models.Q(review_state=ReviewState.SUBMITTED),
                         name="update_submitted_org_idx"),
            # "Reported" (submitted or validated) and validated information per recommendation.
            models.Index(fields=["recommendation"],
                         condition=models.Q(review_state__in=[ReviewState.SUBMITTED, ReviewState.VALIDATED]),
                         name="update_reported_rec_idx"),
            models.Index(fields=["recommendation", "reviewed_at"], condition=models.Q(review_state=ReviewState.VALIDATED),
                         name="update_validated_rec_idx"),
            # An organization's latest update on a recommendation (My work).
            models.Index(fields=["recommendation", "organization", "-created_at", "-id"], name="update_latest_idx"),
        ]

    def __str__(self):
        return f"{self.recommendation.code}: {self.organization} v{self.version} ({self.get_review_state_display()})"

    def get_absolute_url(self):
        return reverse("observations:recommendation_detail", args=[self.recommendation_id]) + f"#update-{self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.review_state == ReviewState.DRAFT

    @property
    def review_colour(self) -> str:
        return ReviewState.colour_of(self.review_state)


class Measure(models.Model):
    """A measure taken (a law, a budget, a programme…) reported in a progress update."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=MeasureKind.choices, verbose_name=_("kind"))
    description = models.TextField(verbose_name=_("description"))
    date = models.DateField(null=True, blank=True, verbose_name=_("date"),
                            help_text=_("When it was adopted, allocated or started."))

    class Meta:
        ordering = ["update", "position", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:60]}"


def evidence_upload_to(instance, filename):
    """A random name under evidence/: the person's file name is kept in the row only."""
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


class Evidence(models.Model):
    """A file or a link supporting a progress update.

    Files live under MEDIA_ROOT (outside the web root; MEDIA_URL is not routed) and are
    served by ``views.updates.evidence_download`` to those who may see the update.
    A corrected version shares the files of the version it corrects.
    """

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_upload_to, blank=True, max_length=200)
    file_name = models.CharField(max_length=255, blank=True, help_text=_("Name of the file as uploaded."))
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    link = models.URLField(max_length=500, blank=True)
    description = models.CharField(max_length=300, blank=True, verbose_name=_("description"))
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        ordering = ["update", "added_at", "id"]
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(link="")) | (~models.Q(file="") & models.Q(link="")),
                name="evidence_file_or_link",
            )
        ]

    def __str__(self):
        return self.file_name or self.link

    def get_absolute_url(self):
        if self.is_file:
            return reverse("observations:evidence_download", args=[self.pk])
        return self.link

    @property
    def is_file(self) -> bool:
        return bool(self.file)


class CommitteeAssessment(models.Model):
    """The Committee's grade of the State's follow-up information on one recommendation."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="assessments")
    grade = models.CharField(max_length=1, choices=CommitteeGrade.choices, verbose_name=_("grade"))
    letter_date = models.DateField(verbose_name=_("date of the Committee's letter"))
    letter_symbol = models.CharField(max_length=80, blank=True, verbose_name=_("reference of the Committee's letter"))
    note = models.TextField(blank=True, verbose_name=_("note"),
                            help_text=_("The Committee's own words, e.g. what further information it requests."))
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["recommendation", "-letter_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(grade__in=CommitteeGrade.values), name="assessment_grade_valid")
        ]

    def __str__(self):
        return f"{self.recommendation.code}: {self.grade} ({self.letter_date})"

    @property
    def colour(self) -> str:
        return CommitteeGrade.colour_of(self.grade)
