"""The tracking pages as people use them: focal points report, coordinators assign and
review, NGOs see the public face only."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from observations.choices import HistoryAction, ImplementationStatus, ReviewState
from observations.models import (
    Assignment,
    CommitteeAssessment,
    Evidence,
    HistoryEntry,
    Measure,
    ProgressUpdate,
    Recommendation,
)
from observations.services import tracking as services
from tests.helpers import MINIMAL_PDF as PDF

TODAY = dt.date.today()


def recs(document):
    return {r.code: r for r in document.recommendations.select_related("document", "paragraph", "subparagraph")}


def url(name, *args):
    return reverse(f"observations:{name}", args=args)


def update_post(**overrides):
    data = {
        "status": "in_progress", "narrative": "An inter-ministerial working group drafted amendments.",
        "language": "en", "as_of": TODAY.isoformat(),
        "measures-TOTAL_FORMS": "2", "measures-INITIAL_FORMS": "0", "measures-MIN_NUM_FORMS": "0",
        "measures-MAX_NUM_FORMS": "30",
        "measures-0-kind": "law", "measures-0-description": "Amendments to the Law on External Migration",
        "measures-0-date": "2025-04-01",
        "measures-1-kind": "", "measures-1-description": "", "measures-1-date": "",
    }
    data.update(overrides)
    return data


def make_draft(recommendation, organization, user, **fields):
    values = dict(status="in_progress", narrative="Working group set up.", language="en", as_of=TODAY)
    values.update(fields)
    return services.create_update(recommendation, organization=organization, by=user, **values)


# --- My work -------------------------------------------------------------------------


def test_my_work_lists_what_is_assigned_to_the_focal_points_organization(client, assigned_document, focal_point_b,
                                                                          django_assert_max_num_queries):
    client.force_login(focal_point_b)
    with django_assert_max_num_queries(12):
        response = client.get(url("my_work"))
    assert response.status_code == 200
    rows = [(r.record.code, r.get_cell_value("role")) for r in response.context["table"].page.object_list]
    assert [code for code, _role in rows] == ["4(b)", "6"]
    html = response.content.decode()
    assert "Supporting" in html and "Lead" in html


def test_my_work_query_count_does_not_grow_with_the_number_of_assignments(client, assigned_document, ministry_a,
                                                                           coordinator, focal_point_a,
                                                                           django_assert_max_num_queries):
    from tests.factories import make_document

    for i in range(2, 6):
        other = make_document(symbol=f"CMW/C/XYZ/CO/{i}")
        services.bulk_assign(other, other.recommendations.all(), organization=ministry_a, by=coordinator)
    client.force_login(focal_point_a)
    with django_assert_max_num_queries(12):
        response = client.get(url("my_work"))
    assert len(response.context["table"].page.object_list) == 2 + 4 * 3


def test_overdue_assignments_are_marked(client, assigned_document, focal_point_a, coordinator, ministry_a):
    r = recs(assigned_document)["4(a)"]
    services.assign(r, lead=ministry_a, internal_deadline=dt.date(2025, 1, 10), by=coordinator)
    later = recs(assigned_document)["6"]
    services.assign(later, lead=ministry_a, internal_deadline=TODAY + dt.timedelta(days=100), by=coordinator)
    client.force_login(focal_point_a)
    response = client.get(url("my_work") + "?overdue=on")
    assert [row.record.code for row in response.context["table"].page.object_list] == ["4(a)"]
    assert "table-danger" in response.content.decode()


def test_my_work_for_a_coordinator_lists_the_documents_of_their_state(client, assigned_document, coordinator,
                                                                       coordinator_other_state):
    client.force_login(coordinator)
    assert assigned_document.symbol in client.get(url("my_work")).content.decode()
    client.force_login(coordinator_other_state)
    assert assigned_document.symbol not in client.get(url("my_work")).content.decode()


# --- Recommendation page ---------------------------------------------------------------


def test_the_recommendation_page_shows_assignment_updates_history_and_grade(
        client, assigned_document, focal_point_a, ministry_a, coordinator, django_assert_max_num_queries):
    r = recs(assigned_document)["6"]
    update = make_draft(r, ministry_a, focal_point_a)
    services.submit_update(update, by=focal_point_a)
    services.validate_update(update, by=coordinator)
    services.record_assessment(r, grade="B", letter_date=TODAY, letter_symbol="G/SO 215/51", by=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        response = client.get(url("recommendation_detail", r.pk))
    html = response.content.decode()
    assert "Ministry of Labour, Social Security and Migration" in html  # lead
    assert "Ministry of Foreign Affairs" in html  # supporting
    assert "Working group set up." in html
    assert 'id="history-table"' in html and "Official status changed" in html and "In progress" in html
    assert "G/SO 215/51" in html
    assert f'id="update-{update.pk}"' in html


def test_the_text_is_shown_in_the_readers_language_right_to_left_in_arabic(client, assigned_document,
                                                                             focal_point_a):
    r = recs(assigned_document)["4(a)"]
    client.force_login(focal_point_a)
    html = client.get(url("recommendation_detail", r.pk), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="ar" dir="rtl" id="recommendation-text">افعل أ.' in html
    assert '<html lang="ar" dir="rtl">' in html


def test_ngo_drafters_see_the_public_face_only(client, assigned_document, focal_point_a, ministry_a, ngo_drafter):
    r = recs(assigned_document)["4(a)"]
    make_draft(r, ministry_a, focal_point_a, narrative="Secret internal draft")
    client.force_login(ngo_drafter)
    response = client.get(url("recommendation_detail", r.pk))
    html = response.content.decode()
    assert response.status_code == 200 and "Do thing a." in html
    assert 'id="official-status"' in html
    assert "Secret internal draft" not in html and 'id="assignment"' not in html and "history-table" not in html


def test_drafts_are_private_to_their_organization(client, assigned_document, focal_point_a, focal_point_b,
                                                  ministry_a, coordinator):
    r = recs(assigned_document)["6"]  # ministry B supports
    make_draft(r, ministry_a, focal_point_a, narrative="Draft of ministry A")
    for user, visible in ((focal_point_a, True), (focal_point_b, False), (coordinator, False)):
        client.force_login(user)
        assert ("Draft of ministry A" in client.get(url("recommendation_detail", r.pk)).content.decode()) is visible


# --- Posting, submitting, reviewing ---------------------------------------------------


def test_a_focal_point_posts_an_update_with_a_measure_and_a_file(client, assigned_document, focal_point_a,
                                                                 evidence_dir):
    r = recs(assigned_document)["4(a)"]
    client.force_login(focal_point_a)
    assert client.get(url("update_create", r.pk)).status_code == 200
    response = client.post(url("update_create", r.pk), update_post(
        evidence_file=SimpleUploadedFile("decree.pdf", PDF), evidence_description="Decree No. 12",
    ))
    update = ProgressUpdate.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#update-{update.pk}")
    assert update.review_state == ReviewState.DRAFT and update.author == focal_point_a
    assert [m.description for m in update.measures.all()] == ["Amendments to the Law on External Migration"]
    evidence = update.evidence.get()
    assert evidence.file_name == "decree.pdf" and evidence.description == "Decree No. 12"
    download = client.get(url("evidence_download", evidence.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert 'attachment; filename="decree.pdf"' == download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_same_form_posted_twice_creates_one_update(client, assigned_document, focal_point_a):
    """A double click or a resent request: one update, and the second post says so."""
    import uuid

    r = recs(assigned_document)["4(a)"]
    client.force_login(focal_point_a)
    form_html = client.get(url("update_create", r.pk)).content.decode()
    assert 'name="submission_key"' in form_html
    data = update_post(submission_key=str(uuid.uuid4()))
    first = client.post(url("update_create", r.pk), data)
    second = client.post(url("update_create", r.pk), data, follow=True)
    update = ProgressUpdate.objects.get()
    assert update.measures.count() == 1
    assert first.status_code == 302 and second.redirect_chain[-1][0].endswith(f"#update-{update.pk}")
    assert "already saved" in second.content.decode()
    # A new form (a new key) is a new update.
    client.post(url("update_create", r.pk), update_post(submission_key=str(uuid.uuid4())))
    assert ProgressUpdate.objects.count() == 2


def test_someone_else_replaying_a_submission_key_gets_nothing(client, assigned_document, focal_point_a, ministry_a):
    import uuid

    from observations.choices import Role
    from tests.factories import make_user

    colleague = make_user("colleague_a", ministry_a, Role.FOCAL_POINT)
    r = recs(assigned_document)["4(a)"]
    key = str(uuid.uuid4())
    client.force_login(focal_point_a)
    client.post(url("update_create", r.pk), update_post(submission_key=key))
    client.force_login(colleague)
    response = client.post(url("update_create", r.pk), update_post(submission_key=key, narrative="Replayed"))
    assert response.status_code == 403
    assert ProgressUpdate.objects.count() == 1
    assert not ProgressUpdate.objects.filter(narrative="Replayed").exists()


def test_save_and_submit_in_one_step_then_the_coordinator_validates(client, assigned_document, focal_point_a,
                                                                     coordinator):
    r = recs(assigned_document)["4(a)"]
    client.force_login(focal_point_a)
    client.post(url("update_create", r.pk), update_post(status="partially_implemented", submit_for_review="1"))
    update = ProgressUpdate.objects.get()
    assert update.review_state == ReviewState.SUBMITTED
    client.force_login(coordinator)
    queue = client.get(url("review_queue"))
    assert [row.record for row in queue.context["table"].page.object_list] == [update]
    response = client.post(url("update_validate", update.pk), {"next": "queue"}, follow=True)
    assert "The official status of 4(a) is now “Partially implemented”" in response.content.decode()
    r.refresh_from_db()
    assert r.status == ImplementationStatus.PARTIALLY_IMPLEMENTED


def test_the_review_queue_is_searched_by_words_paragraph_and_organization(client, assigned_document, coordinator,
                                                                         focal_point_a, ministry_a, ministry_b):
    from tests.factories import make_user

    focal_point_b = make_user("focal_b_queue", ministry_b, "focal_point")
    by_a = make_draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a, narrative="Shelters opened in Osh.")
    by_b = make_draft(recs(assigned_document)["4(b)"], ministry_b, focal_point_b, narrative="A decree was drafted.")
    services.submit_update(by_a, by=focal_point_a)
    services.submit_update(by_b, by=focal_point_b)
    client.force_login(coordinator)

    def queue(**query):
        response = client.get(url("review_queue"), query)
        assert response.status_code == 200
        return [row.record for row in response.context["table"].page.object_list]

    assert queue() == [by_a, by_b]
    assert queue(q="shelter") == [by_a]  # stemmed: "Shelters"
    assert queue(q="decree") == [by_b]
    assert queue(q="foreign affairs") == [by_b]  # the organization's name
    assert queue(organization=ministry_a.pk) == [by_a]
    assert queue(q="4", organization=ministry_b.pk) == [by_b]
    offered = client.get(url("review_queue")).context["filter_form"].fields["organization"].queryset
    assert set(offered) == {ministry_a, ministry_b}
    assert queue(organization="999999") == []  # not offered: lists nothing, with the reason


def test_return_with_a_comment_then_correct_in_a_new_version(client, assigned_document, focal_point_a,
                                                             ministry_a, coordinator):
    r = recs(assigned_document)["4(a)"]
    update = make_draft(r, ministry_a, focal_point_a)
    services.submit_update(update, by=focal_point_a)
    client.force_login(coordinator)
    response = client.post(url("update_return", update.pk), {"comment": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    client.post(url("update_return", update.pk), {"comment": "Which decree? Give its number."})
    update.refresh_from_db()
    assert update.review_state == ReviewState.RETURNED
    client.force_login(focal_point_a)
    page = client.get(url("recommendation_detail", r.pk)).content.decode()
    assert "Which decree? Give its number." in page and "Correct (new version)" in page
    response = client.post(url("update_correct", update.pk))
    new = ProgressUpdate.objects.get(previous=update)
    assert response["Location"] == url("update_edit", new.pk)
    assert new.version == 2 and new.narrative == update.narrative
    page = client.get(url("recommendation_detail", r.pk)).content.decode()
    assert f'id="update-{update.pk}"' in page and f'id="update-{new.pk}"' in page  # the old version stays


def test_the_second_of_two_people_editing_a_draft_is_told_and_nothing_is_overwritten(
        client, assigned_document, focal_point_a, ministry_a):
    r = recs(assigned_document)["4(a)"]
    update = make_draft(r, ministry_a, focal_point_a)
    client.force_login(focal_point_a)
    form = client.get(url("update_edit", update.pk)).context["form"]
    version = form.initial["lock_version"]
    first = client.post(url("update_edit", update.pk), update_post(lock_version=version, narrative="Alice's text"))
    assert first.status_code == 302
    second = client.post(url("update_edit", update.pk), update_post(lock_version=version, narrative="Bob's text"))
    assert second.status_code == 200
    html = second.content.decode()
    assert "Someone else saved this draft" in html and "Bob&#x27;s text" in html and 'id="conflict"' in html
    update.refresh_from_db()
    assert update.narrative == "Alice's text"
    # Saving again, now knowingly, goes through.
    third = client.post(url("update_edit", update.pk), update_post(
        lock_version=second.context["form"].data["lock_version"], narrative="Bob's text"))
    assert third.status_code == 302
    update.refresh_from_db()
    assert update.narrative == "Bob's text"


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"status": "finished"}, "Select a valid choice"),
        ({"as_of": "2024-01-01"}, "The date cannot be before the adoption of CMW/C/XYZ/CO/1 on 2024-12-06"),
        ({"measures-0-date": "2020-02-02"}, "This date is before the adoption of the recommendation"),
        ({"narrative": ""}, "This field is required"),
        ({"evidence_file": SimpleUploadedFile("photo.jpg", b"not a jpeg at all")},
         "named .jpg but its content is not a jpg file"),
        ({"evidence_file": SimpleUploadedFile("tool.exe", b"MZ")}, "Files of type “exe” are not accepted"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_written(client, assigned_document, focal_point_a,
                                                               evidence_dir, overrides, message):
    r = recs(assigned_document)["4(a)"]
    client.force_login(focal_point_a)
    response = client.post(url("update_create", r.pk), update_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not Measure.objects.exists() and not Evidence.objects.exists()
    assert "An inter-ministerial working group" in response.content.decode() or overrides.get("narrative") == ""


def test_oversized_evidence_is_refused_with_the_limit_in_the_message(client, assigned_document, focal_point_a,
                                                                     evidence_dir, settings):
    settings.EVIDENCE_MAX_BYTES = 2048
    r = recs(assigned_document)["4(a)"]
    client.force_login(focal_point_a)
    response = client.post(url("update_create", r.pk),
                           update_post(evidence_file=SimpleUploadedFile("big.pdf", PDF + b" " * 4096)))
    assert "the largest file accepted is 2.0\xa0KB" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_forged_post_on_a_recommendation_not_assigned_to_you_writes_nothing(client, assigned_document,
                                                                               focal_point_b, ministry_a):
    r = recs(assigned_document)["4(a)"]
    client.force_login(focal_point_b)
    response = client.post(url("update_create", r.pk), update_post(organization=ministry_a.pk))
    assert response.status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_a_focal_point_of_a_supporting_organization_cannot_write_for_the_lead(client, assigned_document,
                                                                               focal_point_b, ministry_a,
                                                                               ministry_b):
    r = recs(assigned_document)["6"]
    client.force_login(focal_point_b)
    client.post(url("update_create", r.pk), update_post(organization=ministry_a.pk))
    assert not ProgressUpdate.objects.exists()
    client.post(url("update_create", r.pk), update_post(organization=ministry_b.pk))
    assert ProgressUpdate.objects.get().organization == ministry_b


# --- Assignments -----------------------------------------------------------------------


def test_the_coordinator_assigns_one_recommendation_with_the_default_deadline(client, document_with_follow_up,
                                                                               coordinator, ministry_a, ministry_b):
    r = recs(document_with_follow_up)["6"]
    client.force_login(coordinator)
    form = client.get(url("assign_recommendation", r.pk)).context["form"]
    assert form.initial["internal_deadline"] == dt.date(2026, 12, 6) - dt.timedelta(days=60)
    response = client.post(url("assign_recommendation", r.pk), {
        "lead": ministry_a.pk, "supporting": [ministry_b.pk], "internal_deadline": "2026-09-30", "note": "",
    })
    assert response.status_code == 302
    assignment = Assignment.objects.get(recommendation=r)
    assert (assignment.lead, list(assignment.supporting.all())) == (ministry_a, [ministry_b])
    assert assignment.internal_deadline == dt.date(2026, 9, 30)


def test_bulk_assignment_form_assigns_a_topic(client, document_with_follow_up, coordinator, ministry_b):
    topic = document_with_follow_up.headings.get(titles__en="Data collection")
    client.force_login(coordinator)
    response = client.post(url("bulk_assign", document_with_follow_up.slug), {
        "heading": topic.pk, "paragraphs": "", "organization": ministry_b.pk, "role": "lead",
    }, follow=True)
    assert "2 recommendations assigned to" in response.content.decode()
    assert set(Assignment.objects.values_list("recommendation__subparagraph__letter", flat=True)) == {"a", "b"}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"paragraphs": "4, 99"}, "has no paragraph 99"),
        ({"paragraphs": "3"}, "There is no recommendation to assign there"),
        ({"paragraphs": "four"}, "is not a paragraph number"),
        ({}, "Choose either a topic or cluster, or a list of paragraph numbers"),
    ],
)
def test_bulk_assignment_refuses_unclear_scopes(client, document_with_follow_up, coordinator, ministry_b, data,
                                                message):
    client.force_login(coordinator)
    response = client.post(url("bulk_assign", document_with_follow_up.slug),
                           {"organization": ministry_b.pk, "role": "lead", **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Assignment.objects.exists()


# --- Dashboards ------------------------------------------------------------------------


@pytest.mark.parametrize("dimension", ["paragraphs", "themes", "organizations", "deadlines"])
def test_dashboards_roll_the_official_status_up(client, assigned_document, coordinator, focal_point_a,
                                                ministry_a, dimension, django_assert_max_num_queries):
    r = recs(assigned_document)["4(a)"]
    update = make_draft(r, ministry_a, focal_point_a, status="implemented")
    services.submit_update(update, by=focal_point_a)
    services.validate_update(update, by=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(url("tracking_dashboard_by", assigned_document.slug, dimension))
    assert response.status_code == 200
    rows = response.context["table"].data.data
    assert any(row["counts"].get("implemented") == 1 for row in rows)
    assert response.context["totals"]["counts"] == {"implemented": 1, "not_started": 2}


def test_the_theme_rollup_counts_a_cluster_as_the_sum_of_its_topics(client, assigned_document, coordinator):
    client.force_login(coordinator)
    rows = client.get(url("tracking_dashboard_by", assigned_document.slug, "themes")).context["table"].data.data
    totals = {row["name"].strip(): row["total"] for row in rows}
    assert totals == {"1. General measures of implementation": 3, "Data collection": 2, "Non-discrimination": 1}


def test_the_recommendation_list_filters_and_stays_constant_in_queries(client, assigned_document, coordinator,
                                                                         ministry_b, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(url("tracking_recommendations", assigned_document.slug) + f"?lead={ministry_b.pk}")
    assert [row.record.code for row in response.context["table"].page.object_list] == ["4(b)"]
    response = client.get(url("tracking_recommendations", assigned_document.slug) + "?follow_up=on&q=6")
    assert [row.record.code for row in response.context["table"].page.object_list] == ["6"]


# --- Committee assessment ------------------------------------------------------------


def test_the_coordinator_records_the_committees_grade(client, assigned_document, coordinator):
    r = recs(assigned_document)["6"]
    client.force_login(coordinator)
    response = client.post(url("assessment_create", r.pk), {
        "grade": "C", "letter_date": TODAY.isoformat(), "letter_symbol": "G/SO 215/51 KGZ", "note": "",
    })
    assert response.status_code == 302
    assert CommitteeAssessment.objects.get().grade == "C"
    assert HistoryEntry.objects.filter(action=HistoryAction.ASSESSMENT_RECORDED).count() == 1
    response = client.post(url("assessment_create", r.pk), {"grade": "Z", "letter_date": "2001-01-01"})
    assert "Select a valid choice" in response.content.decode()
    assert "before the adoption of the document" in response.content.decode()
    assert CommitteeAssessment.objects.count() == 1


def test_unchanged_status_after_a_validated_update_at_the_same_status(assigned_document, focal_point_a, ministry_a,
                                                                      coordinator):
    r = recs(assigned_document)["4(a)"]
    update = make_draft(r, ministry_a, focal_point_a, status="not_started")
    services.submit_update(update, by=focal_point_a)
    services.validate_update(update, by=coordinator)
    assert not HistoryEntry.objects.filter(action=HistoryAction.STATUS_CHANGED).exists()
    assert Recommendation.objects.get(pk=r.pk).status == "not_started"


def test_the_recommendation_page_query_count_does_not_grow_with_updates(client, assigned_document, focal_point_a,
                                                                        ministry_a, coordinator, evidence_dir):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    r = recs(assigned_document)["6"]

    def post_validated(first, last):
        for i in range(first, last + 1):
            update = make_draft(r, ministry_a, focal_point_a, narrative=f"Update {i}",
                                measures=[services.MeasureData("law", f"Law {i}", TODAY)])
            services.add_evidence(update, by=focal_point_a, link=f"https://example.org/{i}")
            services.submit_update(update, by=focal_point_a)
            services.validate_update(update, by=coordinator)

    client.force_login(coordinator)
    post_validated(1, 1)
    client.get(url("recommendation_detail", r.pk))  # caches warmed (the change log's content types)
    with CaptureQueriesContext(connection) as one:
        client.get(url("recommendation_detail", r.pk))
    post_validated(2, 6)
    with CaptureQueriesContext(connection) as six:
        html = client.get(url("recommendation_detail", r.pk)).content.decode()
    assert "Update 6" in html and "Law 6" in html and "https://example.org/6" in html
    assert len(six) == len(one)


def test_the_focal_points_recommendation_page_query_count_does_not_grow_with_their_validated_updates(
        client, assigned_document, focal_point_a, ministry_a, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    r = recs(assigned_document)["6"]

    def post_validated(first, last):
        for i in range(first, last + 1):
            update = make_draft(r, ministry_a, focal_point_a, narrative=f"Update {i}")
            services.submit_update(update, by=focal_point_a)
            services.validate_update(update, by=coordinator)

    client.force_login(focal_point_a)
    post_validated(1, 1)
    client.get(url("recommendation_detail", r.pk))  # caches warmed
    with CaptureQueriesContext(connection) as one:
        client.get(url("recommendation_detail", r.pk))
    post_validated(2, 6)
    with CaptureQueriesContext(connection) as six:
        response = client.get(url("recommendation_detail", r.pk))
    updates = [u for chain in response.context["chains"] for u in chain]
    assert len(updates) == 6 and all(u.can_correct for u in updates)  # each may be corrected by its writer
    assert len(six) == len(one)


def test_evidence_files_are_reachable_only_through_the_checked_view(client, assigned_document, focal_point_a,
                                                                    ministry_a, evidence_dir):
    r = recs(assigned_document)["4(a)"]
    update = make_draft(r, ministry_a, focal_point_a)
    evidence = services.add_evidence(update, by=focal_point_a, file=SimpleUploadedFile("d.pdf", PDF))
    client.force_login(focal_point_a)
    for path in (f"/{evidence.file.name}", f"/media/{evidence.file.name}", f"/uploads/{evidence.file.name}"):
        assert client.get(path).status_code == 404
    assert client.get(url("evidence_download", evidence.pk)).status_code == 200


def test_the_upload_field_says_what_is_accepted(client, assigned_document, focal_point_a, settings):
    settings.EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
    client.force_login(focal_point_a)
    html = client.get(url("update_create", recs(assigned_document)["4(a)"].pk)).content.decode()
    assert "Up to 5.0\xa0MB: pdf, docx, xlsx, odt, png, jpg, txt, csv." in html
    assert 'accept=".pdf,.docx,.xlsx,.odt,.png,.jpg,.txt,.csv,.jpeg"' in html
