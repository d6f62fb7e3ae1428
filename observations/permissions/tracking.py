"""Who sees and does what in the tracking workflow: recommendations, assignments,
progress updates and their review, evidence, history, the Committee's grades.

Each rule comes twice, with the same meaning: a per-object predicate (``can_…``) for one
object, and a queryset filter (``…_visible_to``) for lists.

Progress updates are shared as follows:

- a draft belongs to its writing organization only (its members);
- from its submission, the coordinators and viewers of the State see it, and keep seeing
  it when they return it;
- the other organizations assigned to the recommendation (the lead sees the supporting
  ones' updates and the other way round) see only submitted and validated updates: never
  another organization's draft or returned update, nor the coordinator's return comment.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from ..choices import ReviewState
from ..models import Assignment, Document, Evidence, HistoryEntry, Organization, ProgressUpdate, Recommendation
from ..selectors.tracking import with_tracking
from .access import FULL, PUBLIC, access_for, is_coordinator_for, opens_public_face

# Review states in which a State's coordinators and viewers see an update.
STATE_SHARED_STATES = (ReviewState.SUBMITTED, ReviewState.RETURNED, ReviewState.VALIDATED)
# Review states in which the other organizations assigned to the recommendation see an update.
PARTNER_SHARED_STATES = (ReviewState.SUBMITTED, ReviewState.VALIDATED)

# What ``update_actions`` may answer.
VIEW, EDIT, SUBMIT, CORRECT, VALIDATE, RETURN = "view", "edit", "submit", "correct", "validate", "return"


# --- Recommendations and assignments ---------------------------------------------------


def can_assign(user, document: Document) -> bool:
    """Assign (one by one or in bulk): the coordinators of the document's State."""
    return is_coordinator_for(user, document.state)


def can_assess(user, recommendation: Recommendation) -> bool:
    """Record the Committee's grade: the coordinators of the recommendation's State."""
    return is_coordinator_for(user, recommendation.document.state)


def _assigned_to_q(org_ids, recommendation_field="pk", prefix="") -> Q:
    """Recommendations led or supported by one of ``org_ids``, as one ``IN`` over the union
    of both sets of recommendation ids: the planner estimates it from the two indexes (an
    ``OR`` of the two conditions it estimates at half the table, and then scans the
    progress updates in full for each annotation)."""
    org_ids = list(org_ids)
    # Unordered: a compound statement takes no ORDER BY in its parts (SQLite refuses it).
    led = Assignment.objects.filter(lead_id__in=org_ids).order_by().values("recommendation_id")
    supported = Assignment.supporting.through.objects.filter(organization_id__in=org_ids).order_by().values(
        "assignment__recommendation_id")
    return Q(**{f"{recommendation_field}__in": led.union(supported)})


def assigned_organization_ids(recommendation: Recommendation) -> frozenset:
    """Lead and supporting organizations of the recommendation (empty if unassigned)."""
    try:
        assignment = recommendation.assignment
    except Assignment.DoesNotExist:
        return frozenset()
    return frozenset({assignment.lead_id, *(o.pk for o in assignment.supporting.all())})


def recommendations_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Recommendations whose State-internal tracking (assignment, updates, history) the
    user may read."""
    queryset = Recommendation.objects.all() if queryset is None else queryset
    access = access_for(user)
    if access.is_superuser:
        return queryset
    condition = Q(pk__in=[])
    if access.reader_states:
        condition |= Q(document__state__in=list(access.reader_states))
    if access.assigned_reader_org_ids:
        condition |= _assigned_to_q(access.assigned_reader_org_ids)
    return queryset.filter(condition)


def recommendations_public_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Recommendations whose public face (text, official status, Committee grade) the user
    may read: every member of an organization of the document's State."""
    queryset = Recommendation.objects.all() if queryset is None else queryset
    access = access_for(user)
    if access.is_superuser:
        return queryset
    return queryset.filter(document__state__in=list(access.member_states))


def recommendation_access(user, recommendation: Recommendation) -> str | None:
    """FULL (internal tracking), PUBLIC (text, official status, Committee grade) or None.

    Focal points are scoped to their assignments: a recommendation assigned elsewhere is
    None for them, not PUBLIC, so that their pages stay about their own work."""
    access = access_for(user)
    if not access.is_authenticated:
        return None
    if access.is_superuser or str(recommendation.document.state) in access.reader_states:
        return FULL
    if access.assigned_reader_org_ids and assigned_organization_ids(recommendation) & access.assigned_reader_org_ids:
        return FULL
    if opens_public_face(user, recommendation.document):
        return PUBLIC
    return None


def assignments_for(user, queryset: QuerySet | None = None, today: dt.date | None = None) -> QuerySet:
    """The recommendations assigned (lead or supporting) to the user's organizations,
    with ``with_tracking`` annotations: the focal point's work list."""
    queryset = Recommendation.objects.all() if queryset is None else queryset
    access = access_for(user)
    if not access.assigned_reader_org_ids:
        return queryset.none()
    return with_tracking(queryset.filter(_assigned_to_q(access.assigned_reader_org_ids)), today=today)


def reporting_organizations(user, recommendation: Recommendation) -> list:
    """The organizations on whose behalf the user may post an update on this
    recommendation: their focal-point organizations that are assigned to it. A superuser
    may write for any assigned organization."""
    assigned = assigned_organization_ids(recommendation)
    if not assigned:
        return []
    access = access_for(user)
    allowed = assigned if access.is_superuser else assigned & access.reporting_org_ids
    return list(Organization.objects.filter(pk__in=allowed).order_by("name")) if allowed else []


def can_create_update(user, recommendation: Recommendation, organization: Organization | None = None) -> bool:
    """Write a new update on the recommendation (for ``organization``, if given)."""
    organizations = reporting_organizations(user, recommendation)
    if organization is None:
        return bool(organizations)
    return organization.pk in {o.pk for o in organizations}


def documents_tracked_by(user) -> QuerySet:
    """Documents whose whole tracking the user reads (coordinators and viewers)."""
    access = access_for(user)
    documents = Document.objects.select_related("committee")
    if access.is_superuser:
        return documents
    return documents.filter(state__in=list(access.reader_states))


# --- Progress updates ----------------------------------------------------------------


def updates_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Progress updates the user may read (see the module's sharing rule)."""
    queryset = ProgressUpdate.objects.all() if queryset is None else queryset
    access = access_for(user)
    if access.is_superuser:
        return queryset
    condition = Q(pk__in=[])
    if access.reader_states:
        condition |= Q(review_state__in=STATE_SHARED_STATES,
                       recommendation__document__state__in=list(access.reader_states))
    if access.assigned_reader_org_ids:
        org_ids = access.assigned_reader_org_ids
        partners = _assigned_to_q(org_ids, recommendation_field="recommendation_id", prefix="recommendation__")
        condition |= Q(organization_id__in=list(org_ids)) | (Q(review_state__in=PARTNER_SHARED_STATES) & partners)
    return queryset.filter(condition)


def can_view_update(user, update: ProgressUpdate) -> bool:
    """The per-object form of ``updates_visible_to``."""
    access = access_for(user)
    if access.is_superuser:
        return True
    if not access.is_authenticated:
        return False
    state = update.review_state
    if state in STATE_SHARED_STATES and str(update.recommendation.document.state) in access.reader_states:
        return True
    if update.organization_id in access.assigned_reader_org_ids:
        return True
    return (state in PARTNER_SHARED_STATES and bool(access.assigned_reader_org_ids)
            and bool(assigned_organization_ids(update.recommendation) & access.assigned_reader_org_ids))


def may_write_for(user, update: ProgressUpdate) -> bool:
    """A focal point of the update's organization, while it is assigned to the recommendation."""
    access = access_for(user)
    if not (access.is_superuser or update.organization_id in access.reporting_org_ids):
        return False
    return update.organization_id in assigned_organization_ids(update.recommendation)


def can_edit_update(user, update: ProgressUpdate) -> bool:
    """Edit or submit a draft, add or remove its evidence: a focal point of the writing
    organization, while that organization is still assigned to the recommendation."""
    return update.review_state == ReviewState.DRAFT and may_write_for(user, update)


can_submit_update = can_edit_update


def is_corrected(update: ProgressUpdate) -> bool:
    """Whether a newer version of the update exists."""
    return ProgressUpdate.objects.filter(previous=update).exists()


def can_correct_update(user, update: ProgressUpdate) -> bool:
    """Start a corrected version of a returned or validated update that has no newer
    version yet. Submitted updates wait for review first."""
    if update.review_state not in (ReviewState.RETURNED, ReviewState.VALIDATED):
        return False
    if not may_write_for(user, update):
        return False
    return not is_corrected(update)


def correctable_update_ids(user, updates) -> frozenset:
    """``can_correct_update`` for a page of updates: the ids the user may start a corrected
    version of, with one query for which of them were corrected already."""
    updates = [u for u in updates if u.review_state in (ReviewState.RETURNED, ReviewState.VALIDATED)]
    corrected = set(ProgressUpdate.objects.filter(previous__in=updates).values_list("previous_id", flat=True))
    return frozenset(u.pk for u in updates if u.pk not in corrected and may_write_for(user, u))


def can_review(user, update: ProgressUpdate) -> bool:
    """Review (validate or return) the updates of the recommendation's State: its
    coordinators. Whether this update still waits for review is ``can_validate_update``."""
    return is_coordinator_for(user, update.recommendation.document.state)


def can_validate_update(user, update: ProgressUpdate) -> bool:
    """Validate or return this update now: it is submitted and the user reviews it."""
    return update.review_state == ReviewState.SUBMITTED and can_review(user, update)


can_return_update = can_validate_update


def update_actions(user, update: ProgressUpdate) -> frozenset:
    """Everything the user may do with the update now: a set of ``VIEW``, ``EDIT``,
    ``SUBMIT``, ``CORRECT``, ``VALIDATE``, ``RETURN`` (empty: the update does not exist
    for them)."""
    if not can_view_update(user, update):
        return frozenset()
    actions = {VIEW}
    if can_edit_update(user, update):
        actions |= {EDIT, SUBMIT}
    if can_correct_update(user, update):
        actions.add(CORRECT)
    if can_validate_update(user, update):
        actions |= {VALIDATE, RETURN}
    return frozenset(actions)


def review_queue_for(user) -> QuerySet:
    """Submitted updates waiting for the user's review, oldest first."""
    access = access_for(user)
    queryset = ProgressUpdate.objects.filter(review_state=ReviewState.SUBMITTED)
    if not access.is_superuser:
        queryset = queryset.filter(recommendation__document__state__in=list(access.coordinator_states))
    return queryset.select_related(
        "recommendation", "recommendation__document", "recommendation__paragraph", "recommendation__subparagraph",
        "organization", "author", "submitted_by",
    ).order_by("submitted_at", "id")


# --- Evidence and history ------------------------------------------------------------


def evidence_visible_to(user, evidence: Evidence) -> bool:
    """Open (download) a piece of evidence: whoever sees its update."""
    return can_view_update(user, evidence.update)


def history_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """History entries the user may read: those about the document itself (no
    recommendation), and those of recommendations whose tracking they read, except
    entries about an update they do not see (such as another organization's returned
    update and the coordinator's comment on it)."""
    queryset = HistoryEntry.objects.all() if queryset is None else queryset
    if access_for(user).is_superuser:
        return queryset
    return queryset.filter(
        Q(recommendation__isnull=True) | Q(recommendation__in=recommendations_visible_to(user))
    ).filter(Q(update__isnull=True) | Q(update__in=updates_visible_to(user)))


def visible_history(user, entries) -> list:
    """The entries (a list, already read) the user may read, in one query."""
    entries = list(entries)
    ids = [entry.pk for entry in entries]
    if not ids:
        return []
    shown = set(history_visible_to(user, HistoryEntry.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    return [entry for entry in entries if entry.pk in shown]


def can_view_history_entry(user, entry: HistoryEntry) -> bool:
    """The per-object form of ``history_visible_to``."""
    if access_for(user).is_superuser:
        return True
    if entry.recommendation is not None and recommendation_access(user, entry.recommendation) != FULL:
        return False
    return entry.update is None or can_view_update(user, entry.update)


__all__ = [
    "CORRECT", "EDIT", "PARTNER_SHARED_STATES", "PUBLIC", "RETURN", "STATE_SHARED_STATES", "SUBMIT", "VALIDATE",
    "VIEW", "assigned_organization_ids", "assignments_for", "can_assess", "can_assign", "can_correct_update",
    "can_create_update", "can_edit_update", "can_return_update", "can_review", "can_submit_update",
    "can_validate_update", "can_view_history_entry", "can_view_update", "correctable_update_ids", "documents_tracked_by",
    "evidence_visible_to", "history_visible_to", "is_corrected", "may_write_for", "recommendation_access",
    "recommendations_public_to", "recommendations_visible_to", "reporting_organizations", "review_queue_for",
    "update_actions", "updates_visible_to", "visible_history",
]
