"""The API under the permission grid of the pages: the expected tables and the world come
from tests/permissions_grid_cases.py, so an API client can do exactly what each role can do
in the site and nothing more."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from observations import permissions as perms
from observations.choices import HistoryAction, ReviewState
from observations.models import HistoryEntry, ProgressUpdate
from observations.services import tracking as services
from tests.helpers import snapshot
from tests.permissions_grid_cases import DOCUMENTS, RECOMMENDATIONS, ROLES, UPDATES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """Many requests from one address in a few seconds: the rate limits are tested apart."""
    settings.API_RATE_ANONYMOUS = settings.API_RATE_USER = "100000/minute"

LETTERS = {"view": "V", "edit": "E", "correct": "C", "validate": "R"}


def client_for(world, role):
    client = APIClient()
    user = world["users"][role]
    if role != "anonymous":
        client.force_authenticate(user)
    return client


def rolled_back(call):
    """The answer to ``call()``, with whatever it wrote undone."""
    with transaction.atomic():
        response = call()
        transaction.set_rollback(True)
    return response


def test_each_role_reads_exactly_the_updates_of_the_grid_with_the_actions_of_the_grid(world):
    mismatches = []
    for role in ROLES:
        client = client_for(world, role)
        listed = client.get("/api/v1/updates/?page_size=200")
        if role == "anonymous":
            assert listed.status_code == 401
        else:
            want = {world["updates"][key].pk for key, cell in UPDATES[role].items() if "V" in cell}
            assert {u["id"] for u in listed.json()["results"]} == want, role
        for key, cell in UPDATES[role].items():
            response = client.get(f"/api/v1/updates/{world['updates'][key].pk}/")
            if role == "anonymous":
                got = "-" if response.status_code == 401 else f"status {response.status_code}"
            elif response.status_code == 404:
                got = "-"
            else:
                actions = response.json()["actions"]
                got = "".join(letter for action, letter in LETTERS.items() if action in actions) or "-"
            if got != cell:
                mismatches.append(f"{role} × {key}: expected {cell}, got {got}")
    assert not mismatches, "\n".join(mismatches)


def test_measures_evidence_and_history_follow_the_updates_a_role_reads(world):
    for role in ROLES:
        if role == "anonymous":
            continue
        client = client_for(world, role)
        visible = {world["updates"][key].pk for key, cell in UPDATES[role].items() if "V" in cell}
        evidence = client.get("/api/v1/evidence/?page_size=200").json()["results"]
        assert {e["update"] for e in evidence} == visible, role
        assert all(e["download_url"].endswith("/download/") or "evidence" in e["download_url"] for e in evidence)
        history = client.get("/api/v1/history/?page_size=200").json()["results"]
        assert {h["update"] for h in history if h["update"]} <= visible, role
        full = {world["recommendations"][c].pk for c, cell in RECOMMENDATIONS[role].items() if "F" in cell}
        assert {h["recommendation"] for h in history if h["recommendation"]} <= full, role
        assert bool(history) == bool(full), role
        if not any("t" in cell for cell in DOCUMENTS[role].values()):
            assert all(h["recommendation"] for h in history), role
        assignments = client.get("/api/v1/assignments/?page_size=200").json()["results"]
        assert {a["recommendation"] for a in assignments} == {
            world["recommendations"][c].pk for c, cell in RECOMMENDATIONS[role].items()
            if "F" in cell and c != "unassigned"}, role


def test_the_return_comment_never_reaches_the_supporting_ministry(world):
    for role in ("focal_b", "ngo_drafter", "coordinator_tj"):
        payload = client_for(world, role).get("/api/v1/history/?page_size=200").content.decode()
        payload += client_for(world, role).get("/api/v1/updates/?page_size=200").content.decode()
        assert "RETURN-COMMENT-A" not in payload, role
    assert "RETURN-COMMENT-A" in client_for(world, "focal_a").get("/api/v1/updates/?page_size=200").content.decode()


def test_official_status_and_committee_grades_as_the_pages_show_them(world):
    coordinator = world["users"]["coordinator"]
    recommendation = world["recommendations"]["lead_b"]
    services.record_assessment(recommendation, grade="B", letter_date=dt.date.today(), by=coordinator)
    for role in ROLES:
        client = client_for(world, role)
        for column, cell in RECOMMENDATIONS[role].items():
            rec = world["recommendations"][column]
            shown = client.get(f"/api/v1/recommendations/{rec.pk}/").json()["status"]
            assert (shown is not None) == ("s" in cell), (role, column)
        grades = client.get("/api/v1/assessments/")
        seen = bool(grades.json()["results"])
        assert seen == ("s" in RECOMMENDATIONS[role]["lead_b"]), role


def test_submit_validate_and_return_are_allowed_exactly_where_the_grid_allows_them(world):
    mismatches = []
    for role in ROLES:
        client = client_for(world, role)
        for key, cell in UPDATES[role].items():
            update = world["updates"][key]
            for path, body, letter in (("submit", {}, "E"), ("validate", {}, "R"),
                                       ("return", {"comment": "Add the figures."}, "R")):
                response = rolled_back(lambda u=update, p=path, b=body, c=client: c.post(
                    f"/api/v1/updates/{u.pk}/{p}/", b, format="json"))
                expected = {"anonymous": 401}.get(role, 200 if letter in cell else 404 if "V" not in cell else None)
                if expected is None:
                    # Visible, not allowed now: refused (403), except that a reviewer of the State
                    # (who reviews the submitted update of the same writer) hears that the update
                    # is no longer waiting for review (409).
                    reviewer = letter == "R" and "R" in UPDATES[role][key[0] + "s"]
                    expected = 409 if reviewer else 403
                ok = response.status_code == expected
                if not ok:
                    mismatches.append(f"{role} {path} {key}: {response.status_code} {response.content[:120]!r}")
    assert not mismatches, "\n".join(mismatches)


def test_create_is_allowed_for_the_focal_points_of_the_assigned_organizations(world):
    organizations = world["organizations"]
    body = {"status": "in_progress", "narrative": "Two shelters opened.", "language": "en",
            "as_of": dt.date.today().isoformat()}
    mismatches = []
    for role in ROLES:
        client = client_for(world, role)
        for column, cell in RECOMMENDATIONS[role].items():
            rec = world["recommendations"][column]
            lead = rec.assignment.lead if column != "unassigned" else organizations["a"]
            for organization in {lead, organizations["b"]}:
                response = rolled_back(lambda o=organization, r=rec, c=client: c.post(
                    "/api/v1/updates/", {**body, "recommendation": r.pk, "organization": o.pk}, format="json"))
                assigned = column != "unassigned" and organization.pk in perms.assigned_organization_ids(rec)
                own = role == "superuser" or organization.pk in perms.access_for(world["users"][role]).reporting_org_ids
                allowed = "w" in cell and assigned and own
                want = 401 if role == "anonymous" else 201 if allowed else 403
                if response.status_code != want:
                    mismatches.append(f"{role} {column} for {organization}: {response.status_code}, expected {want}")
    assert not mismatches, "\n".join(mismatches)


def test_a_focal_point_creates_and_submits_and_the_coordinator_validates_with_the_same_history(world):
    focal, coordinator = client_for(world, "focal_a"), client_for(world, "coordinator")
    rec, a = world["recommendations"]["lead_a_supporting_b"], world["organizations"]["a"]
    created = focal.post("/api/v1/updates/", {
        "recommendation": rec.pk, "organization": a.pk, "status": "partially_implemented",
        "narrative": "The law was adopted.", "language": "en", "as_of": dt.date.today().isoformat(),
        "measures": [{"kind": "law", "description": "Law on migration", "date": dt.date.today().isoformat()}],
    }, format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["review_state"] == ReviewState.DRAFT and sorted(data["actions"]) == ["edit", "submit", "view"]
    assert [m["description"] for m in data["measures"]] == ["Law on migration"]
    stale = focal.post(f"/api/v1/updates/{data['id']}/submit/", {"lock_version": data["lock_version"] + 5},
                       format="json")
    assert stale.status_code == 409 and "changed" in stale.json()["detail"]
    assert ProgressUpdate.objects.get(pk=data["id"]).review_state == ReviewState.DRAFT
    submitted = focal.post(f"/api/v1/updates/{data['id']}/submit/", {"lock_version": data["lock_version"]},
                           format="json")
    assert submitted.status_code == 200 and submitted.json()["review_state"] == ReviewState.SUBMITTED
    validated = coordinator.post(f"/api/v1/updates/{data['id']}/validate/")
    assert validated.status_code == 200 and validated.json()["review_state"] == ReviewState.VALIDATED
    again = coordinator.post(f"/api/v1/updates/{data['id']}/validate/")
    assert again.status_code == 409 and "no longer waiting" in again.json()["detail"]
    entries = HistoryEntry.objects.filter(update_id=data["id"]).order_by("id")
    assert [e.action for e in entries] == [HistoryAction.UPDATE_SUBMITTED, HistoryAction.UPDATE_VALIDATED,
                                           HistoryAction.STATUS_CHANGED]
    assert entries[0].actor == world["users"]["focal_a"] and entries[1].actor == world["users"]["coordinator"]
    rec.refresh_from_db()
    assert rec.status == "partially_implemented"


def test_bad_input_gets_a_sentence_and_changes_nothing(world):
    focal = client_for(world, "focal_a")
    rec, a = world["recommendations"]["lead_a_supporting_b"], world["organizations"]["a"]
    before = snapshot()
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = focal.post("/api/v1/updates/", {"recommendation": rec.pk, "organization": a.pk, "status": "in_progress",
                                               "narrative": "x", "language": "en", "as_of": future}, format="json")
    assert response.status_code == 400 and "future" in response.json()["as_of"][0]
    response = focal.post("/api/v1/updates/", {"recommendation": rec.pk, "organization": a.pk, "status": "done",
                                               "narrative": "x", "language": "en", "as_of": future}, format="json")
    assert response.status_code == 400 and "status" in response.json()
    returned = client_for(world, "coordinator").post(f"/api/v1/updates/{world['updates']['As'].pk}/return/",
                                                     {"comment": ""}, format="json")
    assert returned.status_code == 400 and "comment" in returned.json()
    forbidden = client_for(world, "focal_b").post(f"/api/v1/updates/{world['updates']['As'].pk}/validate/")
    assert forbidden.status_code == 403 and forbidden.json()["detail"]
    assert snapshot() == before


def test_the_update_list_costs_the_same_at_two_sizes(world, django_assert_max_num_queries):
    """A focal point's list of updates (their own returned and validated ones among them,
    which they may correct): the same number of queries for three updates more."""
    focal = client_for(world, "focal_a")
    rec, a, user = world["recommendations"]["lead_a_supporting_b"], world["organizations"]["a"], world["users"]["focal_a"]
    with django_assert_max_num_queries(12) as small:
        first = focal.get("/api/v1/updates/?page_size=200").json()["results"]
    for _ in range(3):
        update = services.create_update(rec, organization=a, by=user, status="in_progress", narrative="More.",
                                        language="en", as_of=dt.date.today())
        services.validate_update(services.submit_update(update, by=user), by=world["users"]["coordinator"])
    with django_assert_max_num_queries(12) as large:
        second = focal.get("/api/v1/updates/?page_size=200").json()["results"]
    assert len(second) == len(first) + 3
    assert sum("correct" in u["actions"] for u in second) == sum("correct" in u["actions"] for u in first) + 3
    assert len(small.captured_queries) == len(large.captured_queries)
