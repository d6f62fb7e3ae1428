"""Template helpers for the tracking pages: badges and readable history entries."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..choices import CommitteeGrade, HistoryAction, ImplementationStatus, ReviewState, text_dir
from ..models import display_name

register = template.Library()

STATUS_LABELS = dict(ImplementationStatus.choices)


register.filter("text_dir", text_dir)


@register.filter
def bdi(value):
    """Isolate a code or date (``4(a)``, ``2026-01-31 10:00``) from the surrounding text direction."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def person(user, missing="—") -> str:
    """How pages name someone (``models.display_name``)."""
    return display_name(user, missing)


@register.simple_tag
def status_badge(status: str):
    return format_html('<span class="badge text-bg-{}" data-status="{}">{}</span>',
                       ImplementationStatus.colour_of(status), status, STATUS_LABELS.get(status, status))


REVIEW_LABELS = dict(ReviewState.choices)


def review_state_badge(state: str):
    return format_html('<span class="badge text-bg-{}" data-review-state="{}">{}</span>',
                       ReviewState.colour_of(state), state, REVIEW_LABELS.get(state, state))


@register.simple_tag
def review_badge(update):
    return review_state_badge(update.review_state)


@register.simple_tag
def grade_badge(assessment):
    return format_html('<span class="badge text-bg-{} fs-6" title="{}">{}</span>',
                       CommitteeGrade.colour_of(assessment.grade), assessment.get_grade_display(),
                       assessment.grade)


def _names(value: dict | None, key: str) -> str:
    if not value:
        return "—"
    names = value.get(key)
    if isinstance(names, list):
        return ", ".join(names) or "—"
    return names or "—"


@register.simple_tag
def history_changes(entry) -> list[tuple[str, str, str]]:
    """(what, before, after) rows of a history entry, in words."""
    before, after = entry.before or {}, entry.after or {}
    if entry.action in (HistoryAction.ASSIGNED, HistoryAction.ASSIGNMENT_CHANGED):
        rows = []
        for label, key in ((_("Lead"), "lead_name"), (_("Supporting"), "supporting_names"),
                           (_("Internal deadline"), "internal_deadline")):
            old, new = _names(before, key) if entry.before else "—", _names(after, key)
            if entry.before is None or old != new:
                rows.append((label, old, new))
        return rows
    if entry.action == HistoryAction.STATUS_CHANGED:
        return [("", STATUS_LABELS.get(before.get("status"), "—"),
                 STATUS_LABELS.get(after.get("status"), "—"))]
    if entry.action == HistoryAction.ASSESSMENT_RECORDED:
        return [(_("Committee's grade"), "", f"{after.get('grade')} ({after.get('letter_date')}"
                 + (f", {after['letter_symbol']}" if after.get("letter_symbol") else "") + ")")]
    if entry.action not in (HistoryAction.UPDATE_SUBMITTED, HistoryAction.UPDATE_VALIDATED,
                            HistoryAction.UPDATE_RETURNED):
        return entry.field_changes()  # any other object's change (admin, deadlines): its fields
    if after:
        detail = f"{after.get('organization', '')}, v{after.get('version', '')}"
        if after.get("status"):
            detail += f": {STATUS_LABELS.get(after['status'], after['status'])}"
        return [("", "", detail)]
    return []
