"""The permission matrix of the tracking pages: every view × every role × own/other
object, allowed or denied. Every role is checked against what the page asks the
permissions module (``PAGE_RULES``, no request); each page is then requested by one
allowed role, one denied role and anonymously: on denial nothing in the database (or the
evidence folder) has changed, and on an allowed POST something did. The world is built
once for the module; every request is rolled back.

Objects come in two variants: "a" belongs to ministry A (recommendation 4(a), led by
ministry A, and ministry A's updates on it), "b" to ministry B (4(b)). So the focal
point of ministry A meets both an object of their own organization and one of another;
so does the focal point of ministry B. Document-wide pages come in "own state" (the
Kyrgyz document, State of the coordinator) and "other state" (a Tajik document).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from observations import permissions as perms
from observations.choices import OrganizationKind, Role
from observations.services import tracking as services
from tests.factories import make_document, make_organization, make_user
from tests.helpers import MINIMAL_PDF as PDF
from tests.helpers import built_once, changes, snapshot

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()

ANONYMOUS, OUTSIDER, VIEWER = "anonymous", "outsider", "viewer"
FOCAL_A, FOCAL_B, NGO = "focal_point_a", "focal_point_b", "ngo_drafter"
COORDINATOR, COORDINATOR_TJ = "coordinator", "coordinator_other_state"
ROLES = (ANONYMOUS, OUTSIDER, VIEWER, FOCAL_A, FOCAL_B, NGO, COORDINATOR, COORDINATOR_TJ)
# A member of an NGO of the other State: the tracking pages of this State are closed to them.
NGO_TJ, NGO_OTHER = "ngo_member_other_state", "other_ngo_drafter"
TRACKING_ROLES = (*ROLES, NGO_TJ)
LOGGED_IN = frozenset(TRACKING_ROLES) - {ANONYMOUS}
FOCAL = {"a": FOCAL_A, "b": FOCAL_B}


def update_form(**extra):
    data = {
        "status": "in_progress", "narrative": "Figures for 2025 were collected.", "language": "en",
        "as_of": TODAY.isoformat(), "measures-TOTAL_FORMS": "1", "measures-INITIAL_FORMS": "0",
        "measures-MIN_NUM_FORMS": "0", "measures-MAX_NUM_FORMS": "30", "measures-0-kind": "",
        "measures-0-description": "", "measures-0-date": "",
    }
    data.update(extra)
    return data


@dataclass
class World:
    documents: dict
    objects: dict
    organizations: dict
    users: dict = field(default_factory=dict)
    evidence_dir: object = None


def people():
    """The organizations and people of the suite's fixtures (tests/conftest.py), made once."""
    made = {
        "coordinating_body": make_organization("Coordination Council on Human Rights",
                                               OrganizationKind.COORDINATING_BODY),
        "ministry_a": make_organization("Ministry of Labour, Social Security and Migration"),
        "ministry_b": make_organization("Ministry of Foreign Affairs"),
        "ngo": make_organization("Migrant Rights Coalition", OrganizationKind.NGO),
        "other_ngo": make_organization("Legal Clinic Adilet", OrganizationKind.NGO),
        "coordinating_body_other_state": make_organization(
            "National Human Rights Council of Tajikistan", OrganizationKind.COORDINATING_BODY, state="TJ"),
    }
    made.update(
        coordinator=make_user("coordinator", made["coordinating_body"], Role.COORDINATOR),
        focal_point_a=make_user("focal_a", made["ministry_a"], Role.FOCAL_POINT),
        focal_point_b=make_user("focal_b", made["ministry_b"], Role.FOCAL_POINT),
        ngo_drafter=make_user("ngo_drafter", made["ngo"], Role.NGO_DRAFTER),
        other_ngo_drafter=make_user("other_ngo_drafter", made["other_ngo"], Role.NGO_DRAFTER),
        viewer=make_user("viewer", made["coordinating_body"], Role.VIEWER),
        outsider=make_user("outsider"),
        coordinator_other_state=make_user("coordinator_tj", made["coordinating_body_other_state"],
                                          Role.COORDINATOR),
    )
    document = make_document()
    recs = {r.code: r for r in document.recommendations.all()}
    services.assign(recs["4(a)"], lead=made["ministry_a"], by=made["coordinator"])
    services.assign(recs["4(b)"], lead=made["ministry_b"], by=made["coordinator"])
    services.assign(recs["6"], lead=made["ministry_a"], supporting=[made["ministry_b"]], by=made["coordinator"])
    made["assigned_document"] = document
    return made


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module; every request of the tests is rolled back."""
    evidence_dir = tmp_path_factory.mktemp("evidence") / "uploads"
    with built_once(django_db_blocker, MEDIA_ROOT=evidence_dir):
        yield build_world(people(), evidence_dir)


@pytest.fixture
def evidence_dir(world):
    return world.evidence_dir


def build_world(p, evidence_dir):
    assigned_document, coordinator = p["assigned_document"], p["coordinator"]
    ministry_a, ministry_b = p["ministry_a"], p["ministry_b"]
    focal_point_a, focal_point_b = p["focal_point_a"], p["focal_point_b"]
    tajik = make_document(symbol="CMW/C/TJK/CO/2", state="TJ")
    tajik_ministry = make_organization("Ministry of Labour of Tajikistan", OrganizationKind.MINISTRY, state="TJ")
    tajik_ngo = make_organization("Human Rights Bureau of Tajikistan", OrganizationKind.NGO, state="TJ")
    recs = {r.code: r for r in assigned_document.recommendations.all()}
    objects = {}
    for key, code, organization, user in (("a", "4(a)", ministry_a, focal_point_a),
                                           ("b", "4(b)", ministry_b, focal_point_b)):
        recommendation = recs[code]

        def new(narrative, recommendation=recommendation, organization=organization, user=user):
            return services.create_update(recommendation, organization=organization, by=user, status="in_progress",
                                          narrative=narrative, language="en", as_of=TODAY)

        draft = new("Draft")
        draft_evidence = services.add_evidence(draft, by=user, file=SimpleUploadedFile("draft.pdf", PDF))
        submitted = new("Submitted")
        submitted_evidence = services.add_evidence(submitted, by=user, file=SimpleUploadedFile("sub.pdf", PDF))
        services.submit_update(submitted, by=user)
        returned = new("Returned")
        services.submit_update(returned, by=user)
        services.return_update(returned, by=coordinator, comment="Add figures.")
        draft.refresh_from_db()
        objects[key] = {"recommendation": recommendation, "draft": draft, "submitted": submitted,
                        "returned": returned, "draft_evidence": draft_evidence,
                        "submitted_evidence": submitted_evidence}
    return World(
        documents={"own_state": assigned_document, "other_state": tajik},
        objects=objects,
        organizations={"own_state": ministry_b, "other_state": tajik_ministry, "a": ministry_a, "b": ministry_b,
                       "ngo": p["ngo"], "other_ngo": p["other_ngo"], "tajik_ngo": tajik_ngo},
        users={ANONYMOUS: None, OUTSIDER: p["outsider"], VIEWER: p["viewer"], FOCAL_A: focal_point_a,
               FOCAL_B: focal_point_b, NGO: p["ngo_drafter"], COORDINATOR: coordinator,
               COORDINATOR_TJ: p["coordinator_other_state"], NGO_TJ: make_user("ngo_tj", tajik_ngo, Role.VIEWER),
               NGO_OTHER: p["other_ngo_drafter"]},
        evidence_dir=evidence_dir,
    )


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable  # (world, variant) -> str
    allowed: Callable  # variant -> set of roles
    data: Callable = lambda world, variant: {}  # noqa: E731
    variants: tuple = ("a", "b")

    def __str__(self):
        return f"{self.method} {self.name}"


def obj(name, *, key="recommendation", kwarg="pk"):
    return lambda world, variant: reverse(f"observations:{name}", args=[world.objects[variant][key].pk])


def doc(name, *extra):
    return lambda world, variant: reverse(f"observations:{name}", args=[world.documents[variant].slug, *extra])


DOCUMENT_VARIANTS = ("own_state", "other_state")


def state_readers(variant):
    return {COORDINATOR, VIEWER} if variant == "own_state" else {COORDINATOR_TJ}


def state_coordinator(variant):
    return {COORDINATOR} if variant == "own_state" else {COORDINATOR_TJ}


def lead_elsewhere(world, variant):
    other = world.organizations["b" if variant == "a" else "a"]
    return {"lead": other.pk, "internal_deadline": "2026-06-30", "note": "Moved"}


CASES = [
    Case("my_work", "get", lambda w, v: reverse("observations:my_work"), lambda v: LOGGED_IN, variants=("-",)),
    Case("review_queue", "get", lambda w, v: reverse("observations:review_queue"),
         lambda v: {COORDINATOR, COORDINATOR_TJ}, variants=("-",)),
    Case("tracking_dashboard", "get", doc("tracking_dashboard"), state_readers, variants=DOCUMENT_VARIANTS),
    *[Case(f"tracking_dashboard_by/{d}", "get", doc("tracking_dashboard_by", d), state_readers,
           variants=DOCUMENT_VARIANTS) for d in ("paragraphs", "themes", "organizations", "deadlines")],
    Case("tracking_recommendations", "get", doc("tracking_recommendations"), state_readers,
         variants=DOCUMENT_VARIANTS),
    Case("document_history", "get", doc("document_history"), state_readers, variants=DOCUMENT_VARIANTS),
    Case("bulk_assign", "get", doc("bulk_assign"), state_coordinator, variants=DOCUMENT_VARIANTS),
    Case("bulk_assign", "post", doc("bulk_assign"), state_coordinator, variants=DOCUMENT_VARIANTS,
         data=lambda w, v: {"paragraphs": "6", "organization": w.organizations[v].pk, "role": "lead"}),
    Case("recommendation_detail", "get", obj("recommendation_detail"),
         lambda v: {COORDINATOR, VIEWER, NGO, FOCAL[v]}),
    Case("assign_recommendation", "get", obj("assign_recommendation"), lambda v: {COORDINATOR}),
    Case("assign_recommendation", "post", obj("assign_recommendation"), lambda v: {COORDINATOR},
         data=lead_elsewhere),
    Case("update_create", "get", obj("update_create"), lambda v: {FOCAL[v]}),
    Case("update_create", "post", obj("update_create"), lambda v: {FOCAL[v]},
         data=lambda w, v: update_form(organization=w.organizations[v].pk)),
    Case("assessment_create", "get", obj("assessment_create"), lambda v: {COORDINATOR}),
    Case("assessment_create", "post", obj("assessment_create"), lambda v: {COORDINATOR},
         data=lambda w, v: {"grade": "B", "letter_date": TODAY.isoformat(), "letter_symbol": "G/SO 215/51"}),
    Case("update_edit", "get", obj("update_edit", key="draft"), lambda v: {FOCAL[v]}),
    Case("update_edit", "post", obj("update_edit", key="draft"), lambda v: {FOCAL[v]},
         data=lambda w, v: update_form(lock_version=w.objects[v]["draft"].lock_version, narrative="Edited")),
    Case("update_submit", "post", obj("update_submit", key="draft"), lambda v: {FOCAL[v]},
         data=lambda w, v: {"lock_version": w.objects[v]["draft"].lock_version}),
    Case("update_correct", "post", obj("update_correct", key="returned"), lambda v: {FOCAL[v]}),
    Case("update_validate", "post", obj("update_validate", key="submitted"), lambda v: {COORDINATOR}),
    Case("update_return", "get", obj("update_return", key="submitted"), lambda v: {COORDINATOR}),
    Case("update_return", "post", obj("update_return", key="submitted"), lambda v: {COORDINATOR},
         data=lambda w, v: {"comment": "Please add the budget figures."}),
    Case("evidence_download", "get", obj("evidence_download", key="submitted_evidence"),
         lambda v: {COORDINATOR, VIEWER, FOCAL[v]}),
    Case("evidence_download (draft)", "get", obj("evidence_download", key="draft_evidence"), lambda v: {FOCAL[v]}),
    Case("evidence_preview", "get", obj("evidence_preview", key="submitted_evidence"),
         lambda v: {COORDINATOR, VIEWER, FOCAL[v]}),
    Case("evidence_preview (draft)", "get", obj("evidence_preview", key="draft_evidence"), lambda v: {FOCAL[v]}),
    Case("evidence_remove", "post", obj("evidence_remove", key="draft_evidence"), lambda v: {FOCAL[v]}),
]


class Rollback(Exception):
    """Raised inside a transaction to undo one request's writes after they were observed."""


def request_as(client, world, role, case, variant):
    client.logout()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = case.url(world, variant)
    if case.method == "get":
        return client.get(url)
    return client.post(url, case.data(world, variant))


def _full(user, recommendation):
    return perms.recommendation_access(user, recommendation) == perms.FULL


def _seen(predicate):
    """An update page: the update must exist for the user (else 404), then the action be allowed."""
    return lambda user, update: perms.can_view_update(user, update) and predicate(user, update)


# What each page asks the permissions module: (the object it is about, the question). The
# matrix's table of roles above is checked against these answers for every role, and each
# page is requested by one allowed and one denied role (and anonymously).
PAGE_RULES = {
    "my_work": ("-", lambda user, _obj: perms.access_for(user).is_authenticated),
    "review_queue": ("-", lambda user, _obj: perms.is_coordinator(user)),
    "tracking_dashboard": ("document", lambda user, d: perms.can_read_state_tracking(user, d.state)),
    "tracking_dashboard_by": ("document", lambda user, d: perms.can_read_state_tracking(user, d.state)),
    "tracking_recommendations": ("document", lambda user, d: perms.can_read_state_tracking(user, d.state)),
    "document_history": ("document", lambda user, d: perms.can_read_state_tracking(user, d.state)),
    "bulk_assign": ("document", lambda user, d: perms.can_read_state_tracking(user, d.state)
                    and perms.can_assign(user, d)),
    "recommendation_detail": ("recommendation", lambda user, r: perms.recommendation_access(user, r) is not None),
    "assign_recommendation": ("recommendation", lambda user, r: _full(user, r) and perms.can_assign(user, r.document)),
    "update_create": ("recommendation", lambda user, r: _full(user, r) and perms.can_create_update(user, r)),
    "assessment_create": ("recommendation", lambda user, r: _full(user, r) and perms.can_assess(user, r)),
    "update_edit": ("draft", _seen(perms.can_edit_update)),
    "update_submit": ("draft", _seen(perms.can_edit_update)),
    "update_correct": ("returned", _seen(perms.can_correct_update)),
    "update_validate": ("submitted", _seen(perms.can_validate_update)),
    "update_return": ("submitted", _seen(perms.can_validate_update)),
    "evidence_download": ("submitted_evidence", perms.evidence_visible_to),
    "evidence_download (draft)": ("draft_evidence", perms.evidence_visible_to),
    "evidence_preview": ("submitted_evidence", perms.evidence_visible_to),
    "evidence_preview (draft)": ("draft_evidence", perms.evidence_visible_to),
    "evidence_remove": ("draft_evidence", lambda user, e: perms.can_view_update(user, e.update)
                        and perms.can_edit_update(user, e.update)),
}

# A denied role to request, most telling first: the other organization, the other State,
# the State's viewer, the coordinator, NGOs, people without an organization.
DENIED_FIRST = (FOCAL_B, FOCAL_A, COORDINATOR_TJ, VIEWER, COORDINATOR, NGO, NGO_TJ, OUTSIDER)


def page_rule(case):
    name = case.name if case.name in PAGE_RULES else case.name.split("/")[0].split(" ")[0]
    return PAGE_RULES[name]


def page_object(world, case, variant):
    key = page_rule(case)[0]
    if key == "-":
        return None
    if key == "document":
        return world.documents[variant]
    return world.objects[variant][key]


def test_the_pages_rules_allow_exactly_the_roles_of_the_matrix(world):
    """Every role, for every page and object: the permissions module allows exactly the
    roles the matrix names (without a request)."""
    mismatches = []
    for case in CASES:
        for variant in case.variants:
            _key, allowed = page_rule(case)
            target = page_object(world, case, variant)
            for role in TRACKING_ROLES:
                user = world.users[role] or AnonymousUser()
                if allowed(user, target) != (role in case.allowed(variant)):
                    mismatches.append(f"{case} [{variant}] {role}: the module says {allowed(user, target)}")
    assert not mismatches, "\n".join(mismatches)


def requested_roles(case, variant) -> list:
    """One allowed role, one denied signed-in role, and anonymous."""
    allowed = case.allowed(variant)
    roles = [next(role for role in TRACKING_ROLES if role in allowed)]
    denied = next((role for role in DENIED_FIRST if role not in allowed), None)
    if denied:
        roles.append(denied)
    if ANONYMOUS not in allowed:
        roles.append(ANONYMOUS)
    return roles


@pytest.mark.parametrize(
    "case, variant",
    [pytest.param(case, variant, id=f"{case}-{variant}") for case in CASES for variant in case.variants],
)
def test_permission_matrix(client, world, case, variant):
    allowed_roles = case.allowed(variant)
    mismatches = []
    writes = case.method == "post"
    # Every request is rolled back, so one snapshot before serves them all (writes only).
    before = snapshot(world.evidence_dir) if writes else None
    for role in requested_roles(case, variant):
        with contextlib.suppress(Rollback), transaction.atomic():
            response = request_as(client, world, role, case, variant)
            after = snapshot(world.evidence_dir) if writes else None
            raise Rollback
        allowed = role in allowed_roles
        status = response.status_code
        location = response.get("Location", "")
        if allowed:
            expected_status = 200 if case.method == "get" else 302
            if status != expected_status or location.startswith(reverse(settings.LOGIN_URL)):
                mismatches.append(f"{role}: expected {expected_status}, got {status} {location}")
            elif writes and after == before:
                mismatches.append(f"{role}: allowed POST changed nothing")
        else:
            if role == ANONYMOUS:
                if status != 302 or not location.startswith(reverse(settings.LOGIN_URL)):
                    mismatches.append(f"{role}: expected a redirect to the login page, got {status} {location}")
            elif status not in (403, 404):
                mismatches.append(f"{role}: expected 403 or 404, got {status}")
            if writes and after != before:
                mismatches.append(f"{role}: denied, but this changed: {changes(before, after)}")
    assert not mismatches, f"{case} [{variant}]:\n" + "\n".join(mismatches)


def test_every_tracking_url_is_in_the_matrix():
    from observations.urls.tracking import urlpatterns

    covered = {case.name.split("/")[0].split(" ")[0] for case in CASES}
    assert {pattern.name for pattern in urlpatterns} <= covered | {"tracking_dashboard_by"}
