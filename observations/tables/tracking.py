"""Tables of the tracking pages, one per list (the convention: ``tables.base``)."""

from __future__ import annotations

import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..choices import ImplementationStatus, text_dir
from ..models import ProgressUpdate, Recommendation, display_name
from ..templatetags.deadline_tags import deadline_state
from ..templatetags.organization_tags import organization_label
from ..templatetags.tracking_tags import review_state_badge, status_badge
from .base import BaseTable, DateColumn, overdue_row, table_attrs


def deadline_cell(record):
    """An internal deadline: its date and its state (``selectors.deadlines``)."""
    assignment = getattr(record, "assignment", None)
    if assignment is None or not assignment.internal_deadline:
        return "—"
    return format_html('<span class="text-nowrap">{}</span> {}', assignment.internal_deadline.isoformat(),
                       deadline_state(record))


def text_cell(text: str, language: str, words: int = 18):
    return format_html('<span lang="{}" dir="{}">{}</span>', language,
                       text_dir(language), Truncator(text).words(words))


class RecommendationTable(BaseTable):
    """Columns of the lists of recommendations (annotated by ``selectors.with_tracking``)."""

    code = tables.Column(accessor="position", verbose_name=_("Recommendation"), order_by=("document", "position"),
                         linkify=lambda record: reverse("observations:recommendation_detail", args=[record.pk]),
                         attrs={"td": {"class": "text-nowrap fw-semibold"}})
    document = tables.Column(accessor="document__symbol", verbose_name=_("Document"),
                             attrs={"td": {"class": "text-nowrap"}})
    text = tables.Column(accessor="pk", verbose_name=_("Text"), orderable=False)
    follow_up = tables.BooleanColumn(accessor="is_follow_up", verbose_name=_("Follow-up"), yesno=("★", ""),
                                     attrs={"td": {"class": "text-danger text-center"}})
    lead = tables.Column(accessor="assignment__lead", verbose_name=_("Lead"), default="—")
    supporting = tables.Column(accessor="pk", verbose_name=_("Supporting"), orderable=False)
    internal_deadline = tables.Column(accessor="assignment__internal_deadline", verbose_name=_("Internal deadline"),
                                      default="—", attrs={"td": {"class": "text-nowrap"}})
    status = tables.Column(verbose_name=_("Official status"))

    class Meta(BaseTable.Meta):
        model = Recommendation
        row_attrs = {"class": overdue_row}

    def __init__(self, *args, language="en", **kwargs):
        self.language = language
        super().__init__(*args, **kwargs)

    def render_code(self, record):
        return format_html("<bdi>{}</bdi>", record.code)

    def render_text(self, record):
        return text_cell(record.text_in(self.language), self.language)

    def value_text(self, record):
        return record.text_in(self.language)

    def render_supporting(self, record):
        assignment = getattr(record, "assignment", None)
        if assignment is None:
            return "—"
        names = [organization_label(o) for o in assignment.supporting.all()]
        return ", ".join(names) or "—"

    def render_lead(self, value):
        return organization_label(value)

    def render_internal_deadline(self, record):
        return deadline_cell(record)

    def render_status(self, record):
        return status_badge(record.status)


class MyWorkTable(RecommendationTable):
    """A focal point's assigned recommendations."""

    role = tables.Column(accessor="pk", verbose_name=_("Your role"), orderable=False)
    my_update = tables.Column(accessor="my_latest_state", verbose_name=_("Your latest update"), default="—",
                              orderable=False)

    class Meta(RecommendationTable.Meta):
        fields = ("code", "document", "text", "follow_up", "role", "internal_deadline", "my_update", "status")
        attrs = table_attrs("my-work-table")
        empty_text = _("Nothing is assigned to your organization.")

    def __init__(self, *args, organization_ids=frozenset(), **kwargs):
        self.organization_ids = organization_ids
        super().__init__(*args, **kwargs)

    def render_role(self, record):
        if record.assignment.lead_id in self.organization_ids:
            return format_html('<span class="badge text-bg-dark">{}</span>', _("Lead"))
        return format_html('<span class="badge text-bg-light border">{}</span>', _("Supporting"))

    def render_my_update(self, value):
        return review_state_badge(value)


class TrackingTable(RecommendationTable):
    """The coordinator's list of a document's recommendations."""

    pending = tables.Column(accessor="pending_reviews", verbose_name=_("To review"), default="",
                            attrs={"td": {"class": "text-center"}})

    class Meta(RecommendationTable.Meta):
        fields = ("code", "text", "follow_up", "lead", "supporting", "internal_deadline", "pending", "status")
        attrs = table_attrs("tracking-table")
        empty_text = _("No recommendations match.")

    def render_pending(self, value):
        if not value:
            return ""
        return format_html('<span class="badge text-bg-primary">{}</span>', value)


class ReviewQueueTable(BaseTable):
    """Submitted updates waiting for the coordinator."""

    submitted_at = DateColumn(verbose_name=_("Submitted"), format="Y-m-d H:i",
                                         attrs={"td": {"class": "text-nowrap"}})
    recommendation = tables.Column(verbose_name=_("Recommendation"), order_by=("recommendation__position",),
                                   linkify=lambda record: record.get_absolute_url(),
                                   attrs={"td": {"class": "text-nowrap fw-semibold"}})
    document = tables.Column(accessor="recommendation__document__symbol", verbose_name=_("Document"))
    organization = tables.Column(verbose_name=_("Organization"))
    version = tables.Column(verbose_name=_("Version"))
    status = tables.Column(verbose_name=_("Proposed status"))
    narrative = tables.Column(verbose_name=_("What was done"), orderable=False)
    submitted_by = tables.Column(verbose_name=_("By"), default="—")
    actions = tables.Column(accessor="pk", verbose_name=_("Review"), orderable=False, exclude_from_export=True,
                            empty_values=())

    class Meta(BaseTable.Meta):
        model = ProgressUpdate
        fields = ("submitted_at", "document", "recommendation", "organization", "version", "status",
                  "narrative", "submitted_by", "actions")
        attrs = table_attrs("review-table")
        empty_text = _("Nothing is waiting for review.")

    def render_recommendation(self, record):
        return format_html("<bdi>{}</bdi>", record.recommendation.code)

    def render_organization(self, value):
        return organization_label(value)

    def render_status(self, record):
        return status_badge(record.status)

    def render_narrative(self, record):
        return text_cell(record.narrative, record.language, words=25)

    def value_narrative(self, record):
        return record.narrative

    def render_submitted_by(self, value):
        return display_name(value)

    def render_actions(self, record):
        """Validate (a form), return and read: built here rather than by a template per row,
        which would run every context processor again for each row."""
        if not hasattr(self, "_csrf_token"):  # one token for every form of the page, as a template gives
            request = getattr(self, "request", None)
            self._csrf_token = get_token(request) if request else ""
        return format_html(
            '<div class="d-flex gap-1">\n<form method="post" action="{}">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="next" value="queue">'
            '<button class="btn btn-sm btn-success" type="submit">{}</button></form>\n'
            '<a class="btn btn-sm btn-outline-danger" href="{}">{}</a>\n'
            '<a class="btn btn-sm btn-link" href="{}">{}</a>\n</div>',
            reverse("observations:update_validate", args=[record.pk]), self._csrf_token,
            gettext("Validate"), reverse("observations:update_return", args=[record.pk]), gettext("Return"),
            record.get_absolute_url(), gettext("Read"),
        )


class StatusCountColumn(tables.Column):
    def __init__(self, status, label, **kwargs):
        super().__init__(accessor=f"counts__{status}", verbose_name=label, empty_values=(), orderable=False,
                         attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}}, **kwargs)
        self.status = status

    def render(self, record, **kwargs):
        n = record["counts"].get(self.status)
        if not n:
            return ""
        return format_html('<span class="badge text-bg-{}">{}</span>', ImplementationStatus.colour_of(self.status), n)

    def value(self, record, **kwargs):
        return record["counts"].get(self.status) or 0


def _status_columns():
    return {status: StatusCountColumn(status, label) for status, label in ImplementationStatus.choices}


class RollupTable(BaseTable):
    """Rows of status counts (``selectors.dashboards``: by paragraph, theme, organization
    or deadline), one column per official status."""

    name = tables.Column(verbose_name=_("Name"), orderable=False)
    total = tables.Column(verbose_name=_("Recommendations"), orderable=False,
                          attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}})
    overdue = tables.Column(verbose_name=_("Overdue"), orderable=False, default="",
                            attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}})
    bar = tables.Column(accessor="total", verbose_name=_("Progress"), orderable=False, empty_values=(),
                        exclude_from_export=True)

    class Meta(BaseTable.Meta):
        fields = ("name", "total", "overdue", "bar")
        attrs = table_attrs("rollup-table")
        orderable = False

    def __init__(self, data, *, name_label=None, show_overdue=True, **kwargs):
        extra = list(_status_columns().items())
        columns = [name for name in self.Meta.fields if show_overdue or name != "overdue"]
        super().__init__(data, extra_columns=extra, columns=columns,
                         sequence=("name", "total", *[s for s, _c in extra], "overdue", "bar"), **kwargs)
        if name_label:
            self.columns["name"].column.verbose_name = name_label

    def render_name(self, record):
        if record.get("url"):
            return format_html('<a href="{}">{}</a>', record["url"], record["name"])
        return record["name"]

    def value_name(self, record):
        return str(record["name"])

    def render_overdue(self, value):
        return format_html('<span class="deadline-overdue">{}</span>', value) if value else ""

    def render_bar(self, record):
        return status_bar(record["counts_object"])


def status_bar(counts) -> str:
    """What ``observations/tracking/_status_bar.html`` renders, built in Python: the table
    has one per row, and a template per row costs more than the rest of the row."""
    segments = counts.segments if counts.total else []
    if not segments:
        return format_html('<span class="text-muted small">{}</span>', gettext("none"))
    label = ", ".join(f"{s['label']}: {s['count']}" for s in segments)
    bars = format_html_join(
        "", '<div class="progress" style="width: {}%" title="{}: {}"><div class="progress-bar bg-{}"></div></div>',
        ((f"{s['percent']:.1f}", s["label"], s["count"], s["colour"]) for s in segments),
    )
    return format_html('<div class="progress-stacked status-bar" role="img" aria-label="{}">{}</div>', label, bars)
