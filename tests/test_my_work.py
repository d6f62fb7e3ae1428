"""A focal point's and a coordinator's own pages: My work, and the recommendation page with its
assignment, updates, history and grade (in the reader's language, the public face only for NGOs,
drafts private to their organization), its evidence files behind the checked view, and query
counts that do not grow with the updates."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from observations.services import tracking as services
from tests.helpers import MINIMAL_PDF as PDF
from tests.tracking_pages_support import TODAY, make_draft, recs, url

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
