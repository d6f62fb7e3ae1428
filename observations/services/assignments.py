"""Assignments: who answers for a recommendation inside the State, and by when.

- ``assign``: one lead organization, supporting ones, an internal deadline and a note.
- ``bulk_assign``: a whole topic, cluster or list of paragraphs to one organization, as lead
  or supporting.
- Default internal deadline (``default_internal_deadline``): the Committee's date minus
  ``settings.FOLLOW_UP_LEAD_DAYS`` (default 60) — the follow-up date for recommendations the
  Committee asked follow-up information on, the next periodic report's date for the rest.

Each write checks ``permissions.can_assign``, runs in one transaction and records its history
entry. ``services.tracking`` re-exports these names: the tracking workflow has one entry point.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import DeadlineKind, HistoryAction
from ..models import Assignment, Document, Heading, Organization, Recommendation
from ..permissions import assignable_organizations, can_assign
from ..selectors.tracking import follow_up_exists, heading_descendant_ids, is_follow_up
from .common import lead_days
from .common import log as _log
from .common import require as _require


def default_internal_deadline(recommendation: Recommendation, *, follow_up: bool | None = None) -> dt.date | None:
    """The Committee's date that applies to the recommendation, minus the lead time."""
    if follow_up is None:
        follow_up = is_follow_up(recommendation)
    return _default_deadline_for(recommendation.document, follow_up)


def _committee_dates(document: Document) -> dict:
    dates = {}
    for kind, due in document.deadlines.filter(due_date__isnull=False).order_by("due_date").values_list(
        "kind", "due_date"
    ):
        dates.setdefault(kind, due)
    return dates


def _default_deadline_for(document: Document, follow_up: bool, dates: dict | None = None) -> dt.date | None:
    dates = _committee_dates(document) if dates is None else dates
    due = None
    if follow_up:
        due = dates.get(DeadlineKind.FOLLOW_UP)
    due = due or dates.get(DeadlineKind.NEXT_PERIODIC_REPORT)
    return due - dt.timedelta(days=lead_days()) if due else None


def _check_organizations(document: Document, organizations) -> None:
    allowed = set(assignable_organizations(document.state).values_list("pk", flat=True))
    for organization in organizations:
        if organization.pk not in allowed:
            raise ValidationError(
                _("%(org)s cannot be assigned recommendations of %(state)s.")
                % {"org": organization, "state": document.state.name},
                code="organization_not_assignable",
            )


def _check_deadline(document: Document, deadline: dt.date | None) -> None:
    if deadline and document.adoption_date and deadline < document.adoption_date:
        raise ValidationError(
            {"internal_deadline": _("The internal deadline cannot be before the adoption of the document (%(date)s).")
             % {"date": document.adoption_date.isoformat()}},
            code="deadline_before_adoption",
        )


_UNSET = object()


def _apply_assignment(recommendation, *, lead, supporting, internal_deadline, note, by, dates=None, follow_up=None):
    """Create or change the assignment of one recommendation; log if anything changed.
    Returns "created", "changed" or "unchanged". Call inside a transaction."""
    assignment = Assignment.objects.select_for_update().filter(recommendation=recommendation).first()
    if assignment is None:
        if internal_deadline is _UNSET:
            if follow_up is None:
                follow_up = is_follow_up(recommendation)
            internal_deadline = _default_deadline_for(recommendation.document, follow_up, dates)
        assignment = Assignment.objects.create(
            recommendation=recommendation, lead=lead, internal_deadline=internal_deadline,
            note=note if note is not _UNSET else "", created_by=by, updated_by=by,
        )
        assignment.supporting.set([o for o in supporting if o.pk != lead.pk])
        _log(recommendation, HistoryAction.ASSIGNED, by, before=None, after=assignment.snapshot())
        return "created"
    before = assignment.snapshot()
    assignment.lead = lead
    if internal_deadline is not _UNSET:
        assignment.internal_deadline = internal_deadline
    if note is not _UNSET:
        assignment.note = note
    assignment.updated_by = by
    assignment.save()
    assignment.supporting.set([o for o in supporting if o.pk != lead.pk])
    after = assignment.snapshot()
    if before == after:
        return "unchanged"
    _log(recommendation, HistoryAction.ASSIGNMENT_CHANGED, by, before=before, after=after)
    return "changed"


def assign(recommendation: Recommendation, *, lead: Organization, supporting=(), internal_deadline=_UNSET,
           note=_UNSET, by) -> Assignment:
    """Assign one recommendation. ``internal_deadline`` left out: the default for a new
    assignment, unchanged for an existing one; ``None`` clears it."""
    _require(can_assign(by, recommendation.document))
    supporting = list(supporting)
    _check_organizations(recommendation.document, [lead, *supporting])
    if internal_deadline is not _UNSET:
        _check_deadline(recommendation.document, internal_deadline)
    with transaction.atomic():
        _apply_assignment(recommendation, lead=lead, supporting=supporting, internal_deadline=internal_deadline,
                          note=note, by=by)
    return Assignment.objects.get(recommendation=recommendation)


LEAD = "lead"
SUPPORTING = "supporting"


@dataclass
class BulkResult:
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # supporting role on recommendations without a lead

    @property
    def total(self) -> int:
        return len(self.created) + len(self.changed) + len(self.unchanged) + len(self.skipped)


def recommendations_in_scope(document: Document, *, heading: Heading | None = None, paragraph_numbers=None):
    """The recommendations of a topic or cluster (its sub-headings included) or of a list
    of paragraph numbers, in document order."""
    queryset = document.recommendations.select_related("paragraph", "subparagraph").order_by("position")
    if heading is not None:
        if heading.document_id != document.pk:
            raise ValidationError(_("This heading is not part of %(symbol)s.") % {"symbol": document.symbol})
        queryset = queryset.filter(paragraph__heading_id__in=heading_descendant_ids(heading))
    if paragraph_numbers is not None:
        queryset = queryset.filter(paragraph__number__in=list(paragraph_numbers))
    return queryset


def bulk_assign(document: Document, recommendations, *, organization: Organization, role: str = LEAD,
                internal_deadline=_UNSET, by) -> BulkResult:
    """Assign many recommendations to one organization in one step.

    ``role`` LEAD: the organization becomes the lead (of new and existing assignments;
    it leaves the supporting list where it was on it). ``role`` SUPPORTING: it is added
    to the supporting organizations of recommendations that already have a lead, and
    those without one are reported as skipped. The internal deadline, when given, is set
    on every recommendation; left out, new assignments get their default and existing
    ones keep theirs."""
    _require(can_assign(by, document))
    _check_organizations(document, [organization])
    if internal_deadline is not _UNSET:
        _check_deadline(document, internal_deadline)
    if role not in (LEAD, SUPPORTING):
        raise ValidationError(_("Choose lead or supporting."))
    recommendations = list(
        Recommendation.objects.filter(pk__in=[r.pk for r in recommendations], document=document)
        .select_related("paragraph", "subparagraph", "document")
        .annotate(is_follow_up=follow_up_exists())
        .order_by("position")
    )
    dates = _committee_dates(document)
    result = BulkResult()
    with transaction.atomic():
        for recommendation in recommendations:
            assignment = Assignment.objects.filter(recommendation=recommendation).first()
            if role == LEAD:
                supporting = list(assignment.supporting.all()) if assignment else []
                outcome = _apply_assignment(
                    recommendation, lead=organization, supporting=supporting, internal_deadline=internal_deadline,
                    note=_UNSET, by=by, dates=dates, follow_up=recommendation.is_follow_up,
                )
            elif assignment is None:
                result.skipped.append(recommendation)
                continue
            else:
                supporting = list(assignment.supporting.all())
                if organization.pk != assignment.lead_id and organization not in supporting:
                    supporting.append(organization)
                outcome = _apply_assignment(
                    recommendation, lead=assignment.lead, supporting=supporting,
                    internal_deadline=internal_deadline, note=_UNSET, by=by,
                )
            getattr(result, outcome).append(recommendation)
    return result


def parse_paragraph_numbers(text: str) -> list[int]:
    """'4, 6, 10-12' -> [4, 6, 10, 11, 12]; ValidationError with the offending part."""
    numbers: list[int] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().replace("–", "-")
        if not part:
            continue
        try:
            if "-" in part:
                first, last = (int(x) for x in part.split("-", 1))
                if last < first or last - first > 500:
                    raise ValueError
                numbers.extend(range(first, last + 1))
            else:
                numbers.append(int(part))
        except ValueError:
            raise ValidationError(
                _("“%(part)s” is not a paragraph number or a range such as 10-12.") % {"part": part}
            ) from None
    if not numbers:
        raise ValidationError(_("Give at least one paragraph number."))
    return sorted(set(numbers))


