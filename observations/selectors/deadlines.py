"""The state of a deadline, in words and colour, for every page, table, feed and e-mail.

Two kinds of deadline:

- a **Committee deadline** (``Deadline``: follow-up information, next periodic report, any
  other dated request) is *met* when a coordinator recorded the submission (date, symbol),
  *extended* when the Committee granted a later date; otherwise it counts down to its
  effective date (the extended one if any) and is *overdue* once that date has passed;
- an **internal deadline** (``Assignment.internal_deadline``) is *met* when the assigned
  organizations' information has been validated; *submitted, awaiting review* while an
  update waits for the coordinator (not overdue, not yet met); *overdue* when the date has
  passed and nothing has been submitted.

``committee_state`` and ``internal_state`` give a ``DeadlineState``; ``with_internal_state``
and ``with_next_deadline`` annotate querysets so that lists need no query per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..choices import ReviewState
from ..models import Assignment, Deadline, Document, ProgressUpdate, Recommendation

# State codes (stable: used as CSS classes, data attributes and in tests).
NO_DATE = "no_date"
UPCOMING = "upcoming"
SOON = "soon"
DUE_TODAY = "due_today"
OVERDUE = "overdue"
MET = "met"
EXTENDED = "extended"
SUBMITTED = "submitted"

SOON_DAYS = 30

COLOURS = {
    NO_DATE: "secondary",
    UPCOMING: "secondary",
    SOON: "warning",
    DUE_TODAY: "warning",
    OVERDUE: "danger",
    MET: "success",
    EXTENDED: "info",
    SUBMITTED: "primary",
}


@dataclass(frozen=True)
class DeadlineState:
    """One deadline's state: a stable ``code``, the words for a person, a Bootstrap colour,
    the date that counts and the days left (negative when overdue)."""

    code: str
    text: str
    date: dt.date | None = None
    days: int | None = None

    @property
    def colour(self) -> str:
        return COLOURS[self.code]

    @property
    def is_overdue(self) -> bool:
        return self.code == OVERDUE

    @property
    def is_open(self) -> bool:
        """Still waiting for something from the State (neither met nor under review)."""
        return self.code not in (MET, SUBMITTED)

    def __str__(self) -> str:
        return self.text


def format_date(date: dt.date) -> str:
    """A date as the active language writes it."""
    return formats.date_format(date, "DATE_FORMAT")


def _countdown(date: dt.date | None, today: dt.date) -> DeadlineState:
    if date is None:
        return DeadlineState(NO_DATE, _("no date"))
    days = (date - today).days
    if days > 0:
        text = ngettext("due in %(days)d day", "due in %(days)d days", days) % {"days": days}
        return DeadlineState(SOON if days <= SOON_DAYS else UPCOMING, text, date, days)
    if days == 0:
        return DeadlineState(DUE_TODAY, _("due today"), date, 0)
    text = ngettext("overdue by %(days)d day", "overdue by %(days)d days", -days) % {"days": -days}
    return DeadlineState(OVERDUE, text, date, days)


def committee_state(deadline: Deadline, today: dt.date | None = None) -> DeadlineState:
    """"met on 5 Jan 2026 (CMW/C/KGZ/CO/2/Add.1)", "extended to …", "due in N days",
    "due today" or "overdue by N days" for a Committee deadline. An extended deadline whose
    new date has passed is overdue, counted from the new date."""
    today = today or timezone.localdate()
    if deadline.met_on:
        if deadline.met_symbol:
            text = _("met on %(date)s (%(symbol)s)") % {
                "date": format_date(deadline.met_on), "symbol": deadline.met_symbol,
            }
        else:
            text = _("met on %(date)s") % {"date": format_date(deadline.met_on)}
        return DeadlineState(MET, text, deadline.met_on)
    state = _countdown(deadline.effective_date, today)
    if deadline.extended_to and state.code != OVERDUE:
        text = _("extended to %(date)s") % {"date": format_date(deadline.extended_to)}
        return DeadlineState(EXTENDED, f"{text}, {state.text}", deadline.extended_to, state.days)
    return state


def internal_state(
    date: dt.date | None, *, validated_on: dt.date | None = None, submitted: bool = False,
    today: dt.date | None = None,
) -> DeadlineState:
    """The state of an internal deadline: met once information is validated (on
    ``validated_on``), "submitted, awaiting review" while an update waits for review, else
    counting down to ``date``."""
    if validated_on is not None:
        return DeadlineState(MET, _("met on %(date)s") % {"date": format_date(validated_on)}, validated_on)
    if submitted:
        return DeadlineState(SUBMITTED, _("submitted, awaiting review"), date)
    return _countdown(date, today or timezone.localdate())


# --- Querysets -----------------------------------------------------------------------


def validated_on_subquery(recommendation_ref="pk"):
    """The date the recommendation's information was first validated (None if never)."""
    return Subquery(
        ProgressUpdate.objects.filter(recommendation_id=OuterRef(recommendation_ref), review_state=ReviewState.VALIDATED)
        .order_by()
        .values("recommendation_id")
        .annotate(first=Min(TruncDate("reviewed_at")))
        .values("first")[:1]
    )


def submitted_exists(recommendation_ref="pk"):
    return Exists(
        ProgressUpdate.objects.filter(recommendation_id=OuterRef(recommendation_ref), review_state=ReviewState.SUBMITTED)
    )


def with_internal_state(queryset: QuerySet) -> QuerySet:
    """Recommendations annotated with ``validated_on`` and ``awaiting_review``: what
    ``recommendation_internal_state`` needs, in the list's own query."""
    return queryset.annotate(validated_on=validated_on_subquery(), awaiting_review=submitted_exists())


def recommendation_internal_state(recommendation: Recommendation, today: dt.date | None = None) -> DeadlineState:
    """The internal deadline's state of a recommendation (annotated by
    ``with_internal_state``, else read with two small queries)."""
    assignment = getattr(recommendation, "assignment", None) if _has_assignment(recommendation) else None
    date = assignment.internal_deadline if assignment else None
    if hasattr(recommendation, "validated_on"):
        validated_on, submitted = recommendation.validated_on, recommendation.awaiting_review
    else:
        row = with_internal_state(Recommendation.objects.filter(pk=recommendation.pk)).values(
            "validated_on", "awaiting_review"
        ).first() or {}
        validated_on, submitted = row.get("validated_on"), row.get("awaiting_review", False)
    return internal_state(date, validated_on=validated_on, submitted=submitted, today=today)


def _has_assignment(recommendation) -> bool:
    try:
        return recommendation.assignment is not None
    except Assignment.DoesNotExist:
        return False


def open_deadlines() -> QuerySet:
    """Committee deadlines not yet met, with a date."""
    return Deadline.objects.filter(met_on__isnull=True).filter(Q(due_date__isnull=False) | Q(extended_to__isnull=False))


def with_effective_date(queryset: QuerySet | None = None) -> QuerySet:
    """Deadlines annotated with ``effective`` (the extended date, else the due date)."""
    queryset = Deadline.objects.all() if queryset is None else queryset
    return queryset.annotate(effective=Coalesce(F("extended_to"), F("due_date")))


def with_next_deadline(queryset: QuerySet | None = None) -> QuerySet:
    """Documents annotated with ``next_due``: the effective date of their earliest deadline
    not yet met (an overdue one included). Prefetch ``deadlines`` for ``next_deadline``."""
    queryset = Document.objects.all() if queryset is None else queryset
    earliest = (
        with_effective_date(open_deadlines().filter(document=OuterRef("pk")))
        .order_by("effective", "kind")
        .values("effective")[:1]
    )
    return queryset.annotate(next_due=Subquery(earliest))


def next_deadline(document: Document) -> Deadline | None:
    """The deadline a list shows for a document: the earliest one not yet met (from the
    prefetched deadlines; ``with_next_deadline`` annotates the date to sort on)."""
    candidates = [d for d in document.deadlines.all() if not d.is_met and d.effective_date]
    return min(candidates, key=lambda d: (d.effective_date, d.kind), default=None)


# --- The coordinator's panel -----------------------------------------------------------


@dataclass
class LateOrganization:
    organization: object
    since: dt.date
    recommendations: list


@dataclass
class FollowUpProgress:
    """For a follow-up deadline: which of its recommendations have validated information,
    which do not, and which lead organizations are late."""

    validated: list
    missing: list
    unassigned: list
    late: list

    @property
    def total(self) -> int:
        return len(self.validated) + len(self.missing)


def deadline_recommendations(deadline: Deadline) -> QuerySet:
    """The recommendations a deadline names: a whole paragraph's, or one sub-paragraph's."""
    items = deadline.items.all()
    condition = Q(pk__in=[])
    for item in items:
        if item.subparagraph_id:
            condition |= Q(subparagraph_id=item.subparagraph_id)
        else:
            condition |= Q(paragraph_id=item.paragraph_id)
    return Recommendation.objects.filter(document_id=deadline.document_id).filter(condition)


def follow_up_progress(deadline: Deadline, today: dt.date | None = None) -> FollowUpProgress:
    """Validated information and late organizations for one follow-up deadline. A lead
    organization is late from its internal deadline (the Committee's date when none was
    set) as long as its recommendation has no validated information."""
    today = today or timezone.localdate()
    recommendations = with_internal_state(
        deadline_recommendations(deadline).select_related(
            "paragraph", "subparagraph", "assignment", "assignment__lead"
        ).order_by("position")
    )
    progress = FollowUpProgress(validated=[], missing=[], unassigned=[], late=[])
    late: dict = {}
    for recommendation in recommendations:
        if recommendation.validated_on:
            progress.validated.append(recommendation)
            continue
        progress.missing.append(recommendation)
        if not _has_assignment(recommendation):
            progress.unassigned.append(recommendation)
            continue
        assignment = recommendation.assignment
        since = assignment.internal_deadline or deadline.effective_date
        if since is None or since >= today:
            continue
        entry = late.setdefault(assignment.lead_id, LateOrganization(assignment.lead, since, []))
        entry.since = min(entry.since, since)
        entry.recommendations.append(recommendation)
    progress.late = sorted(late.values(), key=lambda e: (e.since, str(e.organization)))
    return progress
