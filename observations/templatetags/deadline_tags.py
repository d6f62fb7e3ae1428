"""The one way pages show a deadline's state: ``{% deadline_state deadline %}`` (a Committee
deadline, an assignment or a recommendation's internal deadline), and the coordinator's
panel of a document's Committee deadlines, ``{% committee_deadlines document %}``."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from .. import permissions as perms
from ..choices import DeadlineKind
from ..models import Assignment, Deadline, Recommendation
from ..selectors.deadlines import (
    DeadlineState,
    committee_state,
    follow_up_progress,
    format_date,
    recommendation_internal_state,
)
from ..services.deadlines import LIFE_FIELDS

register = template.Library()


def state_of(obj, today=None) -> DeadlineState:
    """The state of a Committee deadline, or of the internal deadline of an assignment or
    a recommendation."""
    if isinstance(obj, DeadlineState):
        return obj
    if isinstance(obj, Deadline):
        return committee_state(obj, today)
    if isinstance(obj, Assignment):
        return recommendation_internal_state(obj.recommendation, today)
    if isinstance(obj, Recommendation):
        return recommendation_internal_state(obj, today)
    raise TypeError(f"No deadline state for {type(obj).__name__}")


def state_badge(state: DeadlineState):
    return format_html(
        '<span class="badge text-bg-{} deadline-state deadline-{}" data-state="{}"{}>{}</span>',
        state.colour, state.code.replace("_", "-"), state.code,
        format_html(' data-days-left="{}"', state.days) if state.days is not None else "",
        state.text,
    )


@register.simple_tag
def deadline_state(obj):
    """A deadline's state in words, coloured: "due in 12 days", "overdue by 3 days",
    "met on 5 Jan. 2026 (CMW/C/KGZ/CO/2/Add.1)", "extended to …", "submitted, awaiting review"."""
    if obj is None:
        return "—"
    return state_badge(state_of(obj))


@register.filter
def deadline_state_of(obj):
    """The ``DeadlineState`` itself, for conditions (``{% if x|deadline_state_of ... %}``)."""
    return state_of(obj) if obj is not None else None


@register.simple_tag
def kind_deadline_state(document, kind):
    """The state of the document's earliest deadline of ``kind`` (None if it has none)."""
    deadline = document.deadlines.filter(kind=kind).order_by("due_date").first()
    return committee_state(deadline) if deadline else None


@register.filter
def life_changes(entry) -> list:
    """(field label, before, after) of a deadline's change-log entry, for the fields that changed."""
    before, after = entry.before or {}, entry.after or {}
    changes = []
    for name in LIFE_FIELDS:
        if before.get(name) != after.get(name):
            label = Deadline._meta.get_field(name).verbose_name
            changes.append((label, before.get(name) or "—", after.get(name) or "—"))
    return changes


@register.filter
def local_date(date):
    """A date as the active language writes it."""
    return format_date(date) if date else ""


@register.inclusion_tag("observations/deadlines/_committee_panel.html", takes_context=True)
def committee_deadlines(context, document):
    """The document's Committee deadlines with their state; for the follow-up deadline, the
    recommendations with validated information and the lead organizations that are late."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = []
    deadlines = document.deadlines.prefetch_related("items", "items__paragraph", "items__subparagraph").order_by(
        "due_date", "kind"
    )
    for deadline in deadlines:
        row = {"deadline": deadline, "state": committee_state(deadline)}
        if deadline.kind == DeadlineKind.FOLLOW_UP and not deadline.is_met:
            row["progress"] = follow_up_progress(deadline)
        rows.append(row)
    return {
        "document": document, "rows": rows,
        "can_manage": bool(user) and perms.can_manage_deadlines(user, document),
        "request": request,
    }
