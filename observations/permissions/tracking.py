"""Who sees what: the one place that decides.

Every view and every service asks these functions; none of them decides on its own.

The rules (roles come from ``Membership.role`` in an *active* organization):

- **Superusers** see and do everything.
- **Coordinator** in an organization of kind *coordinating body* runs the follow-up for
  the documents of that organization's ``state``: sees every recommendation, assignment,
  submitted/validated/returned update and history of those documents; assigns, reviews,
  validates, records the Committee's assessments. A coordinator of another State sees
  nothing of it.
- **Viewer** in a coordinating body reads what that State's coordinator reads, and
  changes nothing.
- **Focal point** in any other State organization (ministry, NHRI, parliament,
  judiciary, partner) sees only the recommendations assigned to their organization, as
  lead or supporting, and reports progress on them. A *coordinator* role held in such an
  organization counts as focal point (the ministry's validating officer), since
  coordination belongs to the coordinating body. A *viewer* there reads the same as the
  organization's focal points and changes nothing.
- **Drafts are private** to the organization that writes them (its members and
  superusers); the coordinator sees an update from the moment it is submitted.
- **NGO members** (drafters and viewers of an NGO) never see State-internal tracking:
  no assignments, no updates, no history. For documents of their State they see the
  *public face*: the recommendation's text, its official (validated) status and the
  Committee's assessments. ``can_see_official_status`` tells whether someone may.
- **Anyone else** (anonymous, logged-in without an organization, organizations of other
  States): nothing of the tracking.

Access is computed once per request for a user (``access_for``) from their memberships
(one query) and cached on the user object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from .choices import (
    OrganizationKind,
    ReviewState,
    Role,
)
from .models import (
    Assignment,
    Document,
    Evidence,
    Membership,
    Organization,
    ProgressUpdate,
    Recommendation,
)

# Organization kinds that may be assigned recommendations and report on them.
from .selectors.tracking import with_tracking

ASSIGNABLE_KINDS = frozenset(
    {
        OrganizationKind.MINISTRY,
        OrganizationKind.NHRI,
        OrganizationKind.PARLIAMENT,
        OrganizationKind.JUDICIARY,
        OrganizationKind.PARTNER,
    }
)

PUBLIC = "public"
FULL = "full"


@dataclass(frozen=True)
class Access:
    """What one user may reach, computed from their memberships."""

    is_authenticated: bool = False
    is_superuser: bool = False
    coordinator_states: frozenset = frozenset()
    reader_states: frozenset = frozenset()  # coordinator or viewer of a coordinating body
    reporting_org_ids: frozenset = frozenset()  # focal points: may write updates for these
    assigned_reader_org_ids: frozenset = frozenset()  # any role in an assignable organization
    member_states: frozenset = frozenset()  # any membership: sees the public face
    ngo_org_ids: frozenset = frozenset()
    organizations: tuple = field(default_factory=tuple)

    @property
    def sees_anything(self) -> bool:
        return self.is_superuser or bool(self.member_states)


def access_for(user) -> Access:
    """The user's access, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated:
        return Access()
    cached = getattr(user, "_tracking_access", None)
    if cached is not None:
        return cached
    coordinator_states, reader_states, member_states = set(), set(), set()
    reporting, assigned_readers, ngos, organizations = set(), set(), set(), []
    memberships = Membership.objects.filter(user=user, organization__is_active=True).select_related("organization")
    for membership in memberships:
        organization = membership.organization
        organizations.append(organization)
        state = str(organization.state)
        member_states.add(state)
        if organization.kind == OrganizationKind.COORDINATING_BODY:
            if membership.role == Role.COORDINATOR:
                coordinator_states.add(state)
                reader_states.add(state)
            elif membership.role == Role.VIEWER:
                reader_states.add(state)
        elif organization.kind in ASSIGNABLE_KINDS:
            if membership.role in (Role.FOCAL_POINT, Role.COORDINATOR):
                reporting.add(organization.pk)
                assigned_readers.add(organization.pk)
            elif membership.role == Role.VIEWER:
                assigned_readers.add(organization.pk)
        elif organization.kind == OrganizationKind.NGO:
            ngos.add(organization.pk)
    access = Access(
        is_authenticated=True,
        is_superuser=user.is_superuser,
        coordinator_states=frozenset(coordinator_states),
        reader_states=frozenset(reader_states),
        reporting_org_ids=frozenset(reporting),
        assigned_reader_org_ids=frozenset(assigned_readers),
        member_states=frozenset(member_states),
        ngo_org_ids=frozenset(ngos),
        organizations=tuple(organizations),
    )
    user._tracking_access = access
    return access


def forget_access(user) -> None:
    """Drop the cached access (after memberships change within one request or test)."""
    if hasattr(user, "_tracking_access"):
        del user._tracking_access


# --- Role helpers --------------------------------------------------------------------


def is_coordinator_for(user, state) -> bool:
    access = access_for(user)
    return access.is_superuser or str(state) in access.coordinator_states


def coordinated_states(user) -> frozenset:
    return access_for(user).coordinator_states


def can_read_state_tracking(user, state) -> bool:
    """Coordinators and viewers of the State's coordinating body (and superusers)."""
    access = access_for(user)
    return access.is_superuser or str(state) in access.reader_states


def can_assign(user, document: Document) -> bool:
    return is_coordinator_for(user, document.state)


def can_review(user, update: ProgressUpdate) -> bool:
    return is_coordinator_for(user, update.recommendation.document.state)


def can_assess(user, recommendation: Recommendation) -> bool:
    return is_coordinator_for(user, recommendation.document.state)


def can_see_official_status(user, document: Document) -> bool:
    """Whether the user may see the recommendations' official status and the Committee's
    grades for this document: every member of an organization of its State, NGOs too."""
    access = access_for(user)
    return access.is_superuser or str(document.state) in access.member_states


def is_focal_point(user) -> bool:
    return bool(access_for(user).reporting_org_ids)


def user_organizations(user) -> tuple:
    return access_for(user).organizations


def assignable_organizations(state) -> QuerySet:
    """Organizations of a State that a coordinator may assign recommendations to."""
    return Organization.objects.filter(state=str(state), is_active=True, kind__in=ASSIGNABLE_KINDS)


def _assigned_to_q(org_ids) -> Q:
    org_ids = list(org_ids)
    supporting = Assignment.supporting.through.objects.filter(
        assignment__recommendation_id=OuterRef("pk"), organization_id__in=org_ids
    )
    return Q(assignment__lead_id__in=org_ids) | Q(Exists(supporting))


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


def opens_public_face(user, document: Document) -> bool:
    """Whether the user may open the public face (text, official status, Committee grade)
    of the document's recommendations: NGO members of the document's State."""
    access = access_for(user)
    state = str(document.state)
    return bool(access.ngo_org_ids) and any(
        o.pk in access.ngo_org_ids and str(o.state) == state for o in access.organizations
    )


def assigned_organization_ids(recommendation: Recommendation) -> frozenset:
    """Lead and supporting organizations of the recommendation (empty if unassigned)."""
    try:
        assignment = recommendation.assignment
    except Assignment.DoesNotExist:
        return frozenset()
    return frozenset({assignment.lead_id, *(o.pk for o in assignment.supporting.all())})


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
    return list(Organization.objects.filter(pk__in=allowed).order_by("name"))


def documents_tracked_by(user) -> QuerySet:
    """Documents whose whole tracking the user reads (coordinators and viewers)."""
    access = access_for(user)
    documents = Document.objects.select_related("committee")
    if access.is_superuser:
        return documents
    return documents.filter(state__in=list(access.reader_states))


# --- Progress updates ----------------------------------------------------------------


def updates_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Progress updates the user may read. Drafts: only their own organization's."""
    queryset = ProgressUpdate.objects.all() if queryset is None else queryset
    access = access_for(user)
    if access.is_superuser:
        return queryset
    shared = ~Q(review_state=ReviewState.DRAFT)
    condition = Q(pk__in=[])
    if access.reader_states:
        condition |= shared & Q(recommendation__document__state__in=list(access.reader_states))
    if access.assigned_reader_org_ids:
        org_ids = list(access.assigned_reader_org_ids)
        assigned = Q(recommendation__assignment__lead_id__in=org_ids) | Q(
            Exists(
                Assignment.supporting.through.objects.filter(
                    assignment__recommendation_id=OuterRef("recommendation_id"), organization_id__in=org_ids
                )
            )
        )
        condition |= Q(organization_id__in=org_ids) | (shared & assigned)
    return queryset.filter(condition)


def can_view_update(user, update: ProgressUpdate) -> bool:
    return updates_visible_to(user, ProgressUpdate.objects.filter(pk=update.pk)).exists()


def may_write_for(user, update: ProgressUpdate) -> bool:
    """A focal point of the update's organization, while it is assigned to the recommendation."""
    access = access_for(user)
    if not (access.is_superuser or update.organization_id in access.reporting_org_ids):
        return False
    return update.organization_id in assigned_organization_ids(update.recommendation)


def can_edit_update(user, update: ProgressUpdate) -> bool:
    """Edit or submit a draft: a focal point of the writing organization, while that
    organization is still assigned to the recommendation."""
    return update.review_state == ReviewState.DRAFT and may_write_for(user, update)


def can_correct_update(user, update: ProgressUpdate) -> bool:
    """Start a corrected version of a returned or validated update that has no newer
    version yet. Submitted updates wait for review first."""
    if update.review_state not in (ReviewState.RETURNED, ReviewState.VALIDATED):
        return False
    if ProgressUpdate.objects.filter(previous=update).exists():
        return False
    return may_write_for(user, update)


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


def evidence_visible_to(user, evidence: Evidence) -> bool:
    return can_view_update(user, evidence.update)
