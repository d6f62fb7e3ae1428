"""Who the user is, for every permission decision: ``access_for`` reads their memberships
once (one query) and caches the answer on the user object for the rest of the request.
Every predicate of this package starts from it; none queries memberships again."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..choices import OrganizationKind, Role
from ..models import Membership, Organization

# Organization kinds that may be assigned recommendations and report on them.
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
    is_staff: bool = False
    coordinator_states: frozenset = frozenset()
    reader_states: frozenset = frozenset()  # coordinator or viewer of a coordinating body
    reporting_org_ids: frozenset = frozenset()  # focal points: may write updates for these
    assigned_reader_org_ids: frozenset = frozenset()  # any role in an assignable organization
    member_states: frozenset = frozenset()  # any membership: sees the public face
    ngo_org_ids: frozenset = frozenset()  # any role in an NGO: reads its shadow reports
    ngo_drafter_org_ids: frozenset = frozenset()  # NGO drafters: write its shadow reports
    ngo_states: frozenset = frozenset()  # States of the user's NGOs
    active_org_ids: frozenset = frozenset()  # any role other than viewer
    organizations: tuple = field(default_factory=tuple)

    @property
    def sees_anything(self) -> bool:
        return self.is_superuser or bool(self.member_states)

    @property
    def coordinates_anything(self) -> bool:
        return self.is_superuser or bool(self.coordinator_states)


def access_for(user) -> Access:
    """The user's access, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated:
        return Access()
    cached = getattr(user, "_tracking_access", None)
    if cached is not None:
        return cached
    coordinator_states, reader_states, member_states, ngo_states = set(), set(), set(), set()
    reporting, assigned_readers, ngos, drafters, organizations = set(), set(), set(), set(), []
    active = set()
    memberships = Membership.objects.filter(user=user, organization__is_active=True).select_related("organization")
    for membership in memberships:
        organization = membership.organization
        organizations.append(organization)
        state = str(organization.state)
        member_states.add(state)
        if membership.role != Role.VIEWER:
            active.add(organization.pk)
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
            ngo_states.add(state)
            if membership.role == Role.NGO_DRAFTER:
                drafters.add(organization.pk)
    access = Access(
        is_authenticated=True,
        is_superuser=user.is_superuser,
        is_staff=user.is_staff,
        coordinator_states=frozenset(coordinator_states),
        reader_states=frozenset(reader_states),
        reporting_org_ids=frozenset(reporting),
        assigned_reader_org_ids=frozenset(assigned_readers),
        member_states=frozenset(member_states),
        ngo_org_ids=frozenset(ngos),
        ngo_drafter_org_ids=frozenset(drafters),
        ngo_states=frozenset(ngo_states),
        active_org_ids=frozenset(active),
        organizations=tuple(organizations),
    )
    user._tracking_access = access
    return access


def forget_access(user) -> None:
    """Drop the cached access (after memberships change within one request or test)."""
    if hasattr(user, "_tracking_access"):
        del user._tracking_access


# --- Roles ---------------------------------------------------------------------------


def is_coordinator_for(user, state) -> bool:
    access = access_for(user)
    return access.is_superuser or str(state) in access.coordinator_states


def is_coordinator(user) -> bool:
    """Coordinator of some State (or superuser): has a review queue."""
    return access_for(user).coordinates_anything


def coordinated_states(user) -> frozenset:
    return access_for(user).coordinator_states


def can_read_state_tracking(user, state) -> bool:
    """Coordinators and viewers of the State's coordinating body (and superusers)."""
    access = access_for(user)
    return access.is_superuser or str(state) in access.reader_states


def can_see_official_status(user, document) -> bool:
    """Whether the user may see the recommendations' official status and the Committee's
    grades for this document: every member of an organization of its State, NGOs too."""
    access = access_for(user)
    return access.is_superuser or str(document.state) in access.member_states


def opens_public_face(user, document) -> bool:
    """Whether the user may open the public face (text, official status, Committee grade)
    of the document's recommendations: NGO members of the document's State."""
    return str(document.state) in access_for(user).ngo_states


def can_switch_public_page(user, document) -> bool:
    """Whether the user may switch the document's public page on or off: the coordinators
    of its State (and superusers)."""
    return bool(getattr(user, "is_authenticated", False)) and is_coordinator_for(user, document.state)


def can_read_public_page(user, document) -> bool:
    """Anyone, signed in or not, reads a document's public page once it is switched on."""
    return bool(document.public_page)


def is_focal_point(user) -> bool:
    return bool(access_for(user).reporting_org_ids)


def user_organizations(user) -> tuple:
    return access_for(user).organizations


def assigned_reader_organizations(user) -> list:
    """The user's organizations that may be assigned recommendations (their work list)."""
    access = access_for(user)
    return [o for o in access.organizations if o.pk in access.assigned_reader_org_ids]


def assignable_organizations(state):
    """Organizations of a State that a coordinator may assign recommendations to."""
    return Organization.objects.filter(state=str(state), is_active=True, kind__in=ASSIGNABLE_KINDS)


# --- Documents and the admin -----------------------------------------------------------


def can_see_import_findings(user) -> bool:
    """The importer's findings on a document (what it guessed or could not read): staff."""
    return access_for(user).is_staff


def can_import_documents(user) -> bool:
    """Import documents from the admin: staff allowed to add documents (and superusers)."""
    return bool(user is not None and user.is_authenticated and user.is_active
                and user.has_perm("observations.add_document"))


def imports_in_admin(user) -> bool:
    """Whether the user may import in the admin: superusers, and staff allowed to add documents."""
    access = access_for(user)
    return (access.is_superuser or access.is_staff) and can_import_documents(user)


def can_open_import_page(user) -> bool:
    """The site's import page (upload, preview, confirm): a coordinator of some State, or
    anyone who may import in the admin. Costs no query beyond ``access_for`` except for staff."""
    return bool(access_for(user).coordinator_states) or imports_in_admin(user)


def can_import_document_for(user, state) -> bool:
    """Import a document of ``state`` from the site's import page: that State's
    coordinators; anyone who may import in the admin imports documents of every State."""
    return str(state) in access_for(user).coordinator_states or imports_in_admin(user)
