"""The permission grid, checked on ``observations.permissions`` directly: every role ×
own/other organization × own/other State × every state of the object, against the expected
outcomes and on the world of ``tests/permissions_grid_cases.py``. The same grid checks that each
batch predicate (the queryset filters behind lists) agrees with its per-object predicate; then
every service refuses a caller without the right, and the pages show another organization or
State nothing the module keeps from them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from observations import permissions as perms
from observations.choices import DeadlineKind, HistoryAction, NgoAssessment, ReviewState
from observations.models import HistoryEntry, ProgressUpdate, Recommendation, ShadowReport
from observations.services import deadlines as deadline_services
from observations.services import reports as shadow_services
from observations.services import tracking as services
from tests.helpers import changes, snapshot
from tests.permissions_grid_cases import (
    DOCUMENTS,
    RECOMMENDATIONS,
    REVIEWS,
    ROLES,
    SHADOW_REPORTS,
    STARTS_SHADOW_REPORTS,
    TODAY,
    UPDATES,
    fresh,
)

pytestmark = pytest.mark.django_db


# --- What the permissions module answers ---------------------------------------------------


LETTERS = {perms.VIEW: "V", perms.EDIT: "E", perms.CORRECT: "C", perms.VALIDATE: "R"}


def update_cell(user, update) -> str:
    actions = perms.update_actions(user, update)
    if perms.SUBMIT in actions:
        assert perms.EDIT in actions
    if perms.RETURN in actions:
        assert perms.VALIDATE in actions
    cell = "".join(letter for action, letter in LETTERS.items() if action in actions)
    # The predicates the pages call one by one say the same.
    assert (perms.VIEW in actions) == perms.can_view_update(user, update)
    assert (perms.EDIT in actions) == perms.can_edit_update(user, update)
    assert (perms.CORRECT in actions) == perms.can_correct_update(user, update)
    assert (perms.VALIDATE in actions) == (perms.can_review(user, update)
                                           and update.review_state == ReviewState.SUBMITTED)
    return cell or "-"


def recommendation_cell(user, recommendation) -> str:
    level = perms.recommendation_access(user, recommendation)
    cell = {perms.FULL: "F", perms.PUBLIC: "P", None: ""}[level]
    if perms.can_see_official_status(user, recommendation.document):
        cell += "s"
    if perms.can_assign(user, recommendation.document):
        assert perms.can_assess(user, recommendation)
        cell += "a"
    if perms.can_create_update(user, recommendation):
        cell += "w"
    return cell or "-"


def document_cell(user, document) -> str:
    cell = ""
    if perms.can_read_state_tracking(user, document.state):
        cell += "t"
    if perms.can_see_official_status(user, document):
        cell += "s"
    if perms.can_prepare_state_reports(user, document):
        cell += "x"
    if perms.can_manage_deadlines(user, document):
        cell += "d"
    return cell or "-"


def shadow_cell(user, report) -> str:
    cell = ""
    if perms.can_read_shadow_draft(user, report):
        cell += "r"
    if perms.can_edit_shadow_report(user, report):
        cell += "e"
    if perms.can_read_publication(user, report):
        cell += "p"
    return cell or "-"


def grid_mismatches(world) -> list[str]:
    """Every cell where the permissions module disagrees with the tables above."""
    found = []
    checks = (
        (UPDATES, world["updates"], update_cell),
        (RECOMMENDATIONS, world["recommendations"], recommendation_cell),
        (DOCUMENTS, world["documents"], document_cell),
        (SHADOW_REPORTS, world["shadow"], shadow_cell),
    )
    for expected, objects, cell in checks:
        for role, row in expected.items():
            user = world["users"][role]
            perms.forget_access(user)
            for column, want in row.items():
                got = cell(user, objects[column])
                if got != want:
                    found.append(f"{role} × {column}: expected {want}, got {got}")
    return found


def test_the_grid(world):
    assert set(UPDATES) == set(RECOMMENDATIONS) == set(DOCUMENTS) == set(SHADOW_REPORTS) == set(world["users"])
    # Every role has a cell for every object of each table: no cell goes unchecked.
    for table, objects in ((UPDATES, "updates"), (RECOMMENDATIONS, "recommendations"), (DOCUMENTS, "documents"),
                           (SHADOW_REPORTS, "shadow")):
        assert world[objects] and all(set(row) == set(world[objects]) for row in table.values()), objects
    mismatches = grid_mismatches(world)
    assert not mismatches, "\n".join(mismatches)


def test_the_grid_catches_a_supporting_ministry_reading_the_leads_draft_or_returned_update(world, monkeypatch):
    """Were the partners of an assignment to see drafts and returned updates (as before
    the sharing rule), the grid alone would say so, for exactly those cells."""
    monkeypatch.setattr(perms.tracking, "PARTNER_SHARED_STATES", tuple(ReviewState.values))
    mismatches = grid_mismatches(world)
    for cell in ("focal_b × Ad", "focal_b × Ar", "focal_a × Bd", "focal_a × Br", "viewer_a × Bd", "viewer_a × Br"):
        assert any(m.startswith(cell + ":") for m in mismatches), cell
    assert all(m.split(":")[0].split(" × ")[1] in ("Ad", "Ar", "Bd", "Br") for m in mismatches), mismatches


def test_batch_predicates_agree_with_the_per_object_ones(world):
    """The querysets behind lists select exactly the objects the per-object predicates allow."""
    update_ids = [u.pk for u in world["updates"].values()]
    recommendation_ids = [r.pk for r in world["recommendations"].values()]
    report_ids = [r.pk for r in world["shadow"].values()]
    entries = list(HistoryEntry.objects.filter(recommendation_id__in=recommendation_ids)
                   .select_related("recommendation__document", "update__recommendation__document"))
    assert {e.action for e in entries} >= {HistoryAction.UPDATE_RETURNED, HistoryAction.UPDATE_SUBMITTED}
    for role, user in world["users"].items():
        updates = ProgressUpdate.objects.filter(pk__in=update_ids)
        recommendations = Recommendation.objects.filter(pk__in=recommendation_ids)
        reports = ShadowReport.objects.filter(pk__in=report_ids)
        by_object = {u.pk for u in updates.select_related("recommendation__document") if perms.can_view_update(user, u)}
        assert set(perms.updates_visible_to(user, updates).values_list("pk", flat=True)) == by_object, role
        full = {r.pk for r in recommendations.select_related("document")
                if perms.recommendation_access(user, r) == perms.FULL}
        assert set(perms.recommendations_visible_to(user, recommendations).values_list("pk", flat=True)) == full, role
        public = {r.pk for r in recommendations.select_related("document")
                  if perms.can_see_official_status(user, r.document)}
        assert set(perms.recommendations_public_to(user, recommendations).values_list("pk", flat=True)) == public
        readable = {r.pk for r in reports if perms.can_read_shadow_draft(user, r)}
        assert set(perms.shadow_reports_readable_by(user, reports).values_list("pk", flat=True)) == readable, role
        assert set(ShadowReport.objects.of_member(user).filter(pk__in=report_ids).values_list("pk", flat=True)) \
            == readable, role
        editable = {r.pk for r in reports if perms.can_edit_shadow_report(user, r)}
        assert set(perms.shadow_reports_editable_by(user, reports).values_list("pk", flat=True)) == editable, role
        assert set(ShadowReport.objects.editable_by(user).filter(pk__in=report_ids).values_list("pk", flat=True)) \
            == editable, role
        assert set(perms.drafting_organizations(user)) == {r.organization for r in reports
                                                           if perms.can_edit_shadow_report(user, r)}, role
        assert perms.can_start_shadow_report(user) == (role in STARTS_SHADOW_REPORTS), role
        shown = {e.pk for e in entries if perms.can_view_history_entry(user, e)}
        assert set(perms.history_visible_to(user, HistoryEntry.objects.filter(pk__in=[e.pk for e in entries]))
                   .values_list("pk", flat=True)) == shown, role
        assert {e.pk for e in perms.visible_history(user, entries)} == shown, role
        for key, piece in world["evidence"].items():
            assert perms.evidence_visible_to(user, piece) == perms.can_view_update(user, world["updates"][key]), role
        queue = {u.pk for u in updates.select_related("recommendation__document")
                 if perms.VALIDATE in perms.update_actions(user, u)}
        assert set(perms.review_queue_for(user).filter(pk__in=update_ids).values_list("pk", flat=True)) == queue
        assert perms.is_coordinator(user) == (role in REVIEWS), role
        tracked = {d.pk for d in world["documents"].values() if perms.can_read_state_tracking(user, d.state)}
        assert set(perms.documents_tracked_by(user).filter(pk__in=[d.pk for d in world["documents"].values()])
                   .values_list("pk", flat=True)) == tracked, role
        assigned = {r.pk for r in recommendations if perms.assigned_organization_ids(r)
                    & perms.access_for(user).assigned_reader_org_ids}
        assert set(perms.assignments_for(user, recommendations).values_list("pk", flat=True)) == assigned, role


def test_the_return_comment_stays_between_the_writer_and_the_coordinators(world):
    """History: the entry about the lead's returned update (with the coordinator's comment)
    is shown to the lead and the State's coordinators and viewers, never to the supporting
    ministry; the entry about its submission neither, once it was returned."""
    returned = world["updates"]["Ar"]
    entries = HistoryEntry.objects.filter(update=returned)
    assert entries.filter(action=HistoryAction.UPDATE_RETURNED, comment__startswith="RETURN-COMMENT-A").exists()
    for role in ROLES:
        user = world["users"][role]
        seen = perms.history_visible_to(user, entries).exists()
        assert seen == (role in {"superuser", "coordinator", "state_viewer", "focal_a", "viewer_a"}), role


def test_access_is_read_once_per_user(world, django_assert_num_queries):
    user = world["users"]["focal_b"]
    perms.forget_access(user)
    with django_assert_num_queries(1):
        first, again = perms.access_for(user), perms.access_for(user)
        drafting = perms.drafting_organizations(user).none()
        edits_draft = perms.can_edit_shadow_report(user, world["shadow"]["own_draft"])
        sees_status = perms.can_see_official_status(user, world["documents"]["kg"])
    assert again is first and first.reporting_org_ids
    # A ministry's focal point drafts no shadow report and edits none; it sees its State's status.
    assert (list(drafting), edits_draft, sees_status) == ([], False, True)


# --- Every service refuses a caller without the right ----------------------------------------


def refusals(w):
    """(description, call) pairs: each call must raise PermissionDenied and write nothing."""
    u, recs, up, ev, sh, orgs = (w["users"], w["recommendations"], w["updates"], w["evidence"], w["shadow"],
                                 w["organizations"])
    document, rec = w["documents"]["kg"], recs["lead_a_supporting_b"]
    fields = {"status": "in_progress", "narrative": "Forged.", "language": "en", "as_of": TODAY}
    entry = {"assessment": NgoAssessment.NOT_IMPLEMENTED, "narrative": "FORGED"}
    paragraph = sh["own_draft"].document.paragraphs.get(number=6)
    calls = []
    for role in ("focal_a", "coordinator_tj", "state_viewer"):
        calls += [
            (f"bulk assignment by {role}", lambda role=role: services.bulk_assign(
                document, list(document.recommendations.all()), organization=orgs["b"], by=u[role])),
            (f"assignment by {role}", lambda role=role: services.assign(recs["unassigned"], lead=orgs["a"],
                                                                        by=u[role])),
            (f"assessment by {role}", lambda role=role: services.record_assessment(
                rec, grade="B", letter_date=TODAY, by=u[role])),
            (f"validation by {role}", lambda role=role: services.validate_update(fresh(w, ProgressUpdate,
                                                                                       up["As"].pk), by=u[role])),
            (f"return by {role}", lambda role=role: services.return_update(
                fresh(w, ProgressUpdate, up["As"].pk), by=u[role], comment="No.")),
        ]
    for role in ("focal_b", "viewer_a", "coordinator", "ngo_drafter", "focal_tj"):
        calls += [
            (f"update for A by {role}", lambda role=role: services.create_update(
                rec, organization=orgs["a"], by=u[role], **fields)),
            (f"draft of A saved by {role}", lambda role=role: services.save_draft(
                fresh(w, ProgressUpdate, up["Ad"].pk), by=u[role], expected_version=up["Ad"].lock_version,
                **fields)),
            (f"draft of A submitted by {role}", lambda role=role: services.submit_update(
                fresh(w, ProgressUpdate, up["Ad"].pk), by=u[role])),
            (f"evidence added to A's draft by {role}", lambda role=role: services.add_evidence(
                fresh(w, ProgressUpdate, up["Ad"].pk), by=u[role], link="https://example.org/forged")),
            (f"evidence removed from A's draft by {role}", lambda role=role: services.remove_evidence(
                ev["Ad"], by=u[role])),
            (f"A's returned update corrected by {role}", lambda role=role: services.correct_update(
                fresh(w, ProgressUpdate, up["Ar"].pk), by=u[role])),
        ]
    deadline = document.deadlines.get(kind=DeadlineKind.FOLLOW_UP)
    for role in ("focal_a", "state_viewer", "coordinator_tj", "ngo_drafter"):
        calls += [
            (f"deadline marked met by {role}", lambda role=role: deadline_services.mark_met(
                deadline, on=TODAY, symbol="CMW/C/KGZ/CO/2/Add.1", by=u[role])),
            (f"deadline extended by {role}", lambda role=role: deadline_services.extend(
                deadline, to=deadline.due_date + dt.timedelta(days=90), letter_date=TODAY,
                letter_reference="G/SO 215/51", by=u[role])),
        ]
    calls.append(("update on an unassigned recommendation", lambda: services.create_update(
        recs["unassigned"], organization=orgs["a"], by=u["focal_a"], **fields)))
    for role in ("ngo_viewer", "other_ngo", "coordinator", "superuser"):
        report = sh["own_draft"]
        calls += [
            (f"entry saved by {role}", lambda role=role, report=report: shadow_services.save_entry(
                report=report, paragraph=paragraph, data=entry, version=0, user=u[role])),
            (f"details saved by {role}", lambda role=role, report=report: shadow_services.save_report_details(
                report=report, data={"title": "FORGED"}, version=report.version, user=u[role])),
            (f"entry deleted by {role}", lambda role=role, report=report: shadow_services.delete_entry(
                entry=report.entries.get(), version=report.entries.get().version, user=u[role])),
            (f"report published by {role}", lambda role=role, report=report: shadow_services.publish(
                report=report, user=u[role])),
            (f"report started for the NGO by {role}", lambda role=role: shadow_services.start_report(
                organization=orgs["ngo"], document=w["documents"]["tj"], user=u[role])),
        ]
    calls.append(("report started for a ministry", lambda: shadow_services.start_report(
        organization=orgs["a"], document=document, user=u["ngo_drafter"])))
    return calls


def test_every_service_refuses_a_caller_without_the_right(world):
    before = snapshot(world["evidence_dir"])
    problems = []
    calls = refusals(world)
    assert len(calls) >= 75, f"every write service, each with callers who may not use it: {len(calls)}"
    for description, call in calls:
        try:
            with transaction.atomic():
                call()
        except PermissionDenied:
            pass
        except Exception as error:  # noqa: BLE001  (reported below with the call that raised it)
            problems.append(f"{description}: raised {error!r} instead of PermissionDenied")
        else:
            problems.append(f"{description}: allowed")
        after = snapshot(world["evidence_dir"])
        if after != before:
            problems.append(f"{description}: changed {changes(before, after)}")
            before = after
    assert not problems, "\n".join(problems)


# --- The pages ask the module: what another organization or State never sees -------------------


def get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(f"observations:{name}", args=args))


def test_the_recommendation_page_and_the_evidence_keep_a_returned_update_of_another_organization_private(
        client, world):
    rec, up, ev = world["recommendations"]["lead_a_supporting_b"], world["updates"], world["evidence"]
    users = world["users"]
    supporting = get(client, users["focal_b"], "recommendation_detail", rec.pk).content.decode()
    lead = get(client, users["focal_a"], "recommendation_detail", rec.pk).content.decode()
    coordinator = get(client, users["coordinator"], "recommendation_detail", rec.pk).content.decode()
    for text in ("A-d narrative", "A-r narrative", "RETURN-COMMENT-A", "Ad.pdf", "Ar.pdf"):
        assert text not in supporting, text
    for text in ("A-s narrative", "A-x narrative", "As.pdf", "B-d narrative", "B-r narrative", "RETURN-COMMENT-B"):
        assert text in supporting, text
    for text in ("A-d narrative", "A-r narrative", "RETURN-COMMENT-A", "Ar.pdf"):
        assert text in lead, text
    assert "RETURN-COMMENT-B" not in lead and "B-d narrative" not in lead
    assert "RETURN-COMMENT-A" in coordinator and "RETURN-COMMENT-B" in coordinator
    assert "A-d narrative" not in coordinator
    for key, status in (("Ad", 404), ("Ar", 404), ("As", 200), ("Ax", 200)):
        response = get(client, users["focal_b"], "evidence_download", ev[key].pk)
        assert response.status_code == status, key
    assert get(client, users["focal_a"], "evidence_download", ev["Ar"].pk).status_code == 200
    for name, key in (("update_edit", "Ad"), ("update_return", "Ar")):
        assert get(client, users["focal_b"], name, up[key].pk).status_code == 404, name


def test_an_ngo_member_of_another_state_never_sees_this_states_tracking_status_or_grades(client, world):
    users, recs = world["users"], world["recommendations"]
    document = world["documents"]["kg"]
    with transaction.atomic():
        services.record_assessment(recs["lead_a_supporting_b"], grade="B", letter_date=TODAY,
                                   letter_symbol="G/SO 215/51-GRADE", by=users["coordinator"])
        outsider_ngo = users["ngo_tj"]
        for recommendation in (r for key, r in recs.items() if key != "tajik"):
            assert get(client, outsider_ngo, "recommendation_detail", recommendation.pk).status_code == 404
        # An NGO of this State sees the official status and the grade.
        assert "G/SO 215/51-GRADE" in get(client, users["ngo_viewer"], "recommendation_detail",
                                           recs["lead_a_supporting_b"].pk).content.decode()
        assert get(client, outsider_ngo, "recommendation_detail", recs["tajik"].pk).status_code == 200
        for page in (get(client, outsider_ngo, "document_detail", document.slug),
                     get(client, outsider_ngo, "paragraph_detail", document.slug, 6)):
            assert page.status_code == 200
            assert 'class="recommendation-status"' not in page.content.decode()
        assert 'class="recommendation-status"' in get(client, users["ngo_viewer"], "document_detail",
                                                      document.slug).content.decode()
        # Their NGO's own shadow report on this State's document shows no official status either.
        drafter = world["ngo_tj_drafter"]
        report, _created = shadow_services.start_report(organization=world["shadow"]["tj_draft"].organization,
                                                        document=document, user=drafter)
        page = get(client, drafter, "shadow_entry", report.pk, 6)
        assert page.status_code == 200 and "official-status" not in page.content.decode()
        own = get(client, users["ngo_drafter"], "shadow_entry", world["shadow"]["own_draft"].pk, 6)
        assert own.status_code == 200 and "official-status" in own.content.decode()
        transaction.set_rollback(True)
