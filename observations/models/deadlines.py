"""The Committee's deadlines of a document, as imported, and their life after the import:
submitted (met) or extended by the Committee (see ``services.deadlines``)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import DatePrecision, DeadlineKind
from .documents import Document, Paragraph, SubParagraph


class Deadline(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(max_length=24, choices=DeadlineKind.choices)
    due_date = models.DateField(null=True, blank=True)
    computed = models.BooleanField(
        default=False, help_text=_("The date was not written: counted from the adoption date.")
    )
    period_months = models.PositiveSmallIntegerField(null=True, blank=True)
    stated_in = models.ForeignKey(Paragraph, null=True, blank=True, on_delete=models.SET_NULL, related_name="deadlines_stated")
    report_number = models.PositiveSmallIntegerField(null=True, blank=True)
    report_number_last = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Last report of a combined report (6 for the fifth and sixth).")
    )
    precision = models.CharField(max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY)
    description = models.TextField(blank=True)
    # The deadline's life after the import, recorded by a coordinator (see services.deadlines).
    met_on = models.DateField(
        null=True, blank=True, verbose_name=_("submitted on"),
        help_text=_("The date the State submitted what the Committee asked for."),
    )
    met_symbol = models.CharField(
        max_length=100, blank=True, verbose_name=_("symbol of the submission"),
        help_text=_("For example CMW/C/KGZ/CO/2/Add.1 or CMW/C/KGZ/3."),
    )
    extended_to = models.DateField(null=True, blank=True, verbose_name=_("extended to"))
    extension_letter_date = models.DateField(null=True, blank=True, verbose_name=_("date of the Committee's letter"))
    extension_letter_reference = models.CharField(
        max_length=100, blank=True, verbose_name=_("reference of the Committee's letter")
    )

    class Meta:
        ordering = ["due_date", "kind"]

    def __str__(self):
        return f"{self.document.symbol}: {self.get_kind_display()} by {self.due_date}"

    @property
    def effective_date(self):
        """The date that counts now: the extended date if the Committee granted one."""
        return self.extended_to or self.due_date

    @property
    def is_met(self) -> bool:
        return self.met_on is not None

    def days_left(self, today=None) -> int | None:
        if not self.effective_date:
            return None
        return (self.effective_date - (today or timezone.localdate())).days


class DeadlineItem(models.Model):
    """A paragraph (or one of its sub-paragraphs) that a deadline asks the State to report on."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="items")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="deadline_items")
    subparagraph = models.ForeignKey(SubParagraph, null=True, blank=True, on_delete=models.CASCADE, related_name="deadline_items")

    class Meta:
        ordering = ["deadline", "paragraph__number", "subparagraph__position"]

    def __str__(self):
        letter = f" ({self.subparagraph.letter})" if self.subparagraph_id else ""
        return f"{self.paragraph.number}{letter}"
