"""The tracking workflow's writes, called directly: assignments, updates, review, history."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from observations.choices import HistoryAction, ImplementationStatus, OrganizationKind, ReviewState
from observations.models import (
    Assignment,
    CommitteeAssessment,
    Evidence,
    HistoryEntry,
    Measure,
    ProgressUpdate,
)
from observations.selectors import tracking as selectors
from observations.services import tracking as services
from observations.services.tracking import MeasureData
from tests.factories import make_organization
from tests.helpers import MINIMAL_PDF as PDF

TODAY = dt.date.today()


def recs(document):
    return {r.code: r for r in document.recommendations.select_related("document", "paragraph", "subparagraph")}


def draft(recommendation, organization, user, **fields):
    values = dict(status=ImplementationStatus.IN_PROGRESS, narrative="A working group was set up.", language="en",
                  as_of=TODAY)
    values.update(fields)
    return services.create_update(recommendation, organization=organization, by=user, **values)


# --- Assignments ---------------------------------------------------------------------


def test_follow_up_recommendations_get_the_follow_up_date_minus_the_lead_time(document_with_follow_up, coordinator,
                                                                               ministry_a, settings):
    settings.FOLLOW_UP_LEAD_DAYS = 30
    r = recs(document_with_follow_up)
    assignment = services.assign(r["4(a)"], lead=ministry_a, by=coordinator)
    assert assignment.internal_deadline == dt.date(2026, 12, 6) - dt.timedelta(days=30)


def test_other_recommendations_get_the_next_report_date_minus_the_lead_time(coordinator, ministry_a, db):
    from tests.factories import make_document

    document = make_document(symbol="CMW/C/XYZ/CO/9", follow_up=(6,))
    r = recs(document)
    assert services.assign(r["4(a)"], lead=ministry_a, by=coordinator).internal_deadline == (
        dt.date(2029, 12, 6) - dt.timedelta(days=60))
    assert services.assign(r["6"], lead=ministry_a, by=coordinator).internal_deadline == (
        dt.date(2026, 12, 6) - dt.timedelta(days=60))


def test_assignment_is_recorded_in_the_history_with_before_and_after(document_with_follow_up, coordinator,
                                                                     ministry_a, ministry_b):
    r = recs(document_with_follow_up)["6"]
    services.assign(r, lead=ministry_a, by=coordinator)
    services.assign(r, lead=ministry_b, supporting=[ministry_a], internal_deadline=dt.date(2026, 1, 31),
                    by=coordinator)
    changed, created = HistoryEntry.objects.filter(recommendation=r)
    assert created.action == HistoryAction.ASSIGNED and created.before is None
    assert created.after["lead"] == ministry_a.pk
    assert changed.action == HistoryAction.ASSIGNMENT_CHANGED
    assert changed.actor == coordinator
    assert changed.before["lead"] == ministry_a.pk and changed.before["internal_deadline"] == "2026-10-07"
    assert changed.after == {
        "lead": ministry_b.pk, "lead_name": str(ministry_b), "supporting": [ministry_a.pk],
        "supporting_names": [str(ministry_a)], "internal_deadline": "2026-01-31",
    }


def test_saving_the_same_assignment_again_writes_no_history(document_with_follow_up, coordinator, ministry_a):
    r = recs(document_with_follow_up)["6"]
    services.assign(r, lead=ministry_a, by=coordinator)
    services.assign(r, lead=ministry_a, by=coordinator)
    assert HistoryEntry.objects.filter(recommendation=r).count() == 1


def test_only_the_states_coordinator_assigns(document_with_follow_up, focal_point_a, coordinator_other_state,
                                             ministry_a):
    r = recs(document_with_follow_up)["6"]
    for user in (focal_point_a, coordinator_other_state):
        with pytest.raises(PermissionDenied):
            services.assign(r, lead=ministry_a, by=user)
    assert not Assignment.objects.exists()


def test_an_ngo_or_another_states_ministry_cannot_be_assigned(document_with_follow_up, coordinator, ngo):
    r = recs(document_with_follow_up)["6"]
    foreign = make_organization("Ministry of Labour of Tajikistan", OrganizationKind.MINISTRY, state="TJ")
    for organization in (ngo, foreign):
        with pytest.raises(ValidationError):
            services.assign(r, lead=organization, by=coordinator)
    assert not Assignment.objects.exists()


def test_an_internal_deadline_before_the_adoption_is_refused(document_with_follow_up, coordinator, ministry_a):
    r = recs(document_with_follow_up)["6"]
    with pytest.raises(ValidationError) as error:
        services.assign(r, lead=ministry_a, internal_deadline=dt.date(2020, 1, 1), by=coordinator)
    assert "internal_deadline" in error.value.message_dict
    assert not Assignment.objects.exists()


def test_bulk_assignment_of_a_cluster_covers_its_topics(document_with_follow_up, coordinator, ministry_a):
    cluster = document_with_follow_up.headings.get(kind="cluster")
    scope = services.recommendations_in_scope(document_with_follow_up, heading=cluster)
    result = services.bulk_assign(document_with_follow_up, scope, organization=ministry_a, by=coordinator)
    assert [r.code for r in result.created] == ["4(a)", "4(b)", "6"]
    assert Assignment.objects.filter(lead=ministry_a).count() == 3
    assert HistoryEntry.objects.filter(action=HistoryAction.ASSIGNED).count() == 3


def test_bulk_assignment_of_a_topic_or_paragraph_list(document_with_follow_up, coordinator, ministry_a, ministry_b):
    topic = document_with_follow_up.headings.get(titles__en="Non-discrimination")
    assert [r.code for r in services.recommendations_in_scope(document_with_follow_up, heading=topic)] == ["6"]
    scope = services.recommendations_in_scope(document_with_follow_up,
                                              paragraph_numbers=services.parse_paragraph_numbers("4"))
    services.bulk_assign(document_with_follow_up, scope, organization=ministry_a, by=coordinator)
    all_recs = document_with_follow_up.recommendations.all()
    result = services.bulk_assign(document_with_follow_up, all_recs, organization=ministry_b,
                                  role=services.SUPPORTING, by=coordinator)
    assert [r.code for r in result.changed] == ["4(a)", "4(b)"]
    assert [r.code for r in result.skipped] == ["6"]
    assert set(Assignment.objects.get(recommendation__subparagraph__letter="a").supporting.all()) == {ministry_b}


def test_paragraph_numbers_are_parsed_with_ranges_and_clear_errors():
    assert services.parse_paragraph_numbers("4, 6; 10-12") == [4, 6, 10, 11, 12]
    with pytest.raises(ValidationError, match="“x” is not a paragraph number"):
        services.parse_paragraph_numbers("4, x")


# --- Progress updates ----------------------------------------------------------------


def test_a_focal_point_posts_an_update_only_on_what_is_assigned_to_them(assigned_document, focal_point_a,
                                                                          ministry_a, ministry_b, focal_point_b):
    r = recs(assigned_document)
    update = draft(r["4(a)"], ministry_a, focal_point_a,
                   measures=[MeasureData("law", "Law on migration amended", dt.date(2025, 3, 1))])
    assert update.review_state == ReviewState.DRAFT
    assert list(update.measures.values_list("description", flat=True)) == ["Law on migration amended"]
    with pytest.raises(PermissionDenied):
        draft(r["4(a)"], ministry_b, focal_point_b)
    with pytest.raises(PermissionDenied):  # ministry A is not the user's organization
        draft(r["4(a)"], ministry_a, focal_point_b)
    assert ProgressUpdate.objects.count() == 1


def test_a_supporting_organization_reports_too(assigned_document, focal_point_b, ministry_b):
    update = draft(recs(assigned_document)["6"], ministry_b, focal_point_b)
    assert update.organization == ministry_b


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"status": "done-ish"}, "status"),
        ({"as_of": dt.date(2024, 1, 1)}, "as_of"),
        ({"as_of": TODAY + dt.timedelta(days=3)}, "as_of"),
        ({"language": "de"}, "language"),
        ({"measures": [MeasureData("budget", "Budget line", dt.date(2023, 5, 1))]}, "measures"),
    ],
)
def test_bad_update_input_is_refused_and_nothing_is_written(assigned_document, focal_point_a, ministry_a,
                                                            fields, field):
    with pytest.raises(ValidationError) as error:
        draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a, **fields)
    assert field in error.value.message_dict
    assert not ProgressUpdate.objects.exists() and not Measure.objects.exists()


def test_the_second_save_of_the_same_draft_is_told_and_nothing_is_overwritten(assigned_document, focal_point_a,
                                                                              ministry_a):
    update = draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a)
    read_version = update.lock_version
    fields = dict(status="in_progress", language="en", as_of=TODAY)
    services.save_draft(update, by=focal_point_a, expected_version=read_version, narrative="First editor", **fields)
    with pytest.raises(services.ConcurrentEdit):
        services.save_draft(update, by=focal_point_a, expected_version=read_version, narrative="Second editor",
                            **fields)
    update.refresh_from_db()
    assert update.narrative == "First editor" and update.lock_version == read_version + 1


def test_review_validates_and_the_official_status_follows(assigned_document, focal_point_a, ministry_a,
                                                          coordinator):
    r = recs(assigned_document)["4(a)"]
    update = draft(r, ministry_a, focal_point_a, status=ImplementationStatus.PARTIALLY_IMPLEMENTED)
    services.submit_update(update, by=focal_point_a)
    r.refresh_from_db()
    assert r.status == ImplementationStatus.NOT_STARTED  # submitted is not official
    services.validate_update(update, by=coordinator)
    r.refresh_from_db()
    assert r.status == ImplementationStatus.PARTIALLY_IMPLEMENTED
    actions = list(HistoryEntry.objects.filter(recommendation=r).values_list("action", flat=True))
    assert actions[:3] == [HistoryAction.STATUS_CHANGED, HistoryAction.UPDATE_VALIDATED,
                           HistoryAction.UPDATE_SUBMITTED]
    status_entry = HistoryEntry.objects.get(action=HistoryAction.STATUS_CHANGED)
    assert status_entry.before == {"status": "not_started"}
    assert status_entry.after == {"status": "partially_implemented"}
    assert status_entry.actor == coordinator


def test_a_returned_update_is_corrected_in_a_new_version_and_the_old_stays(assigned_document, focal_point_a,
                                                                           ministry_a, coordinator, evidence_dir):
    r = recs(assigned_document)["4(a)"]
    v1 = draft(r, ministry_a, focal_point_a, measures=[MeasureData("programme", "Training", None)])
    services.add_evidence(v1, by=focal_point_a, link="https://example.org/decree")
    services.submit_update(v1, by=focal_point_a)
    with pytest.raises(ValidationError):
        services.return_update(v1, by=coordinator, comment="  ")
    services.return_update(v1, by=coordinator, comment="Please give the decree number.")
    v2 = services.correct_update(v1, by=focal_point_a)
    assert (v2.chain, v2.version, v2.previous) == (v1.chain, 2, v1)
    assert v2.review_state == ReviewState.DRAFT
    assert [m.description for m in v2.measures.all()] == ["Training"]
    assert [e.link for e in v2.evidence.all()] == ["https://example.org/decree"]
    v1.refresh_from_db()
    assert v1.review_state == ReviewState.RETURNED and v1.review_comment == "Please give the decree number."
    with pytest.raises(ValidationError):
        services.correct_update(v1, by=focal_point_a)  # already corrected once
    with pytest.raises(PermissionDenied):
        services.save_draft(v1, by=focal_point_a, expected_version=v1.lock_version, status="implemented",
                            narrative="x", language="en", as_of=TODAY)


def test_validating_a_newer_version_replaces_the_older_in_what_counts(assigned_document, focal_point_a,
                                                                       ministry_a, coordinator):
    r = recs(assigned_document)["4(a)"]
    v1 = draft(r, ministry_a, focal_point_a, status="in_progress")
    services.submit_update(v1, by=focal_point_a)
    services.validate_update(v1, by=coordinator)
    v2 = services.correct_update(v1, by=focal_point_a)
    assert list(selectors.current_validated_updates()) == [v1]  # the correction is still a draft
    services.save_draft(v2, by=focal_point_a, expected_version=v2.lock_version, status="implemented",
                        narrative="Done.", language="en", as_of=TODAY)
    services.submit_update(v2, by=focal_point_a)
    services.validate_update(v2, by=coordinator)
    assert list(selectors.current_validated_updates()) == [v2]
    r.refresh_from_db()
    assert r.status == ImplementationStatus.IMPLEMENTED


def test_a_focal_point_cannot_validate_and_a_draft_cannot_be_validated(assigned_document, focal_point_a,
                                                                        ministry_a, coordinator,
                                                                        coordinator_other_state):
    update = draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a)
    with pytest.raises(ValidationError):
        services.validate_update(update, by=coordinator)
    services.submit_update(update, by=focal_point_a)
    for user in (focal_point_a, coordinator_other_state):
        with pytest.raises(PermissionDenied):
            services.validate_update(update, by=user)
    update.refresh_from_db()
    assert update.review_state == ReviewState.SUBMITTED


@pytest.mark.parametrize("review", ["submitted", "validated", "returned"])
def test_submitting_a_stale_copy_of_an_update_already_sent_is_refused_and_changes_nothing(
        assigned_document, focal_point_a, ministry_a, coordinator, review):
    r = recs(assigned_document)["4(a)"]
    update = draft(r, ministry_a, focal_point_a)
    stale = ProgressUpdate.objects.get(pk=update.pk)  # read while it was still a draft, e.g. in another tab
    services.submit_update(update, by=focal_point_a)
    if review == "validated":
        services.validate_update(update, by=coordinator)
    elif review == "returned":
        services.return_update(update, by=coordinator, comment="Give the number of the decree.")
    assert stale.review_state == ReviewState.DRAFT

    def state():
        row = ProgressUpdate.objects.values(
            "review_state", "lock_version", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by",
            "review_comment", "updated_at").get(pk=update.pk)
        history = list(HistoryEntry.objects.filter(recommendation=r).order_by("pk").values_list(
            "pk", "action", "actor", "update"))
        r.refresh_from_db()
        return row, history, r.status, ProgressUpdate.objects.count()

    before = state()
    assert before[0]["review_state"] == review
    for version in (None, stale.lock_version):
        with pytest.raises(services.ConcurrentEdit):
            services.submit_update(stale, by=focal_point_a, expected_version=version)
        assert state() == before


def test_unassigning_an_organization_ends_its_right_to_edit_its_drafts(assigned_document, focal_point_b,
                                                                        ministry_a, ministry_b, coordinator):
    r = recs(assigned_document)["6"]
    update = draft(r, ministry_b, focal_point_b)
    services.assign(r, lead=ministry_a, supporting=[], by=coordinator)
    with pytest.raises(PermissionDenied):
        services.submit_update(update, by=focal_point_b)


# --- Evidence ------------------------------------------------------------------------




def test_evidence_files_are_stored_outside_the_web_root_under_a_random_name(assigned_document, focal_point_a,
                                                                            ministry_a, evidence_dir):
    update = draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a)
    evidence = services.add_evidence(update, by=focal_point_a, file=SimpleUploadedFile("Decree 12.pdf", PDF),
                                     description="Decree")
    assert evidence.file_name == "Decree 12.pdf" and evidence.content_type == "application/pdf"
    assert evidence.file.path.startswith(str(evidence_dir))
    assert "Decree" not in evidence.file.name
    with open(evidence.file.path, "rb") as stored:
        assert stored.read() == PDF


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("report.exe", b"MZ\x90\x00", "not accepted"),
        ("report.pdf", b"MZ\x90\x00binary", "its content is not a pdf file"),
        ("photo.png", PDF, "its content is not a png file"),
        ("minutes.docx", b"PK\x03\x04not really a zip", "its content is not a docx file"),
        ("empty.txt", b"", "is empty"),
    ],
)
def test_wrong_type_evidence_is_refused_with_a_clear_message(assigned_document, focal_point_a, ministry_a,
                                                              evidence_dir, name, content, message):
    update = draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a)
    with pytest.raises(ValidationError, match=message):
        services.add_evidence(update, by=focal_point_a, file=SimpleUploadedFile(name, content))
    assert not Evidence.objects.exists()
    assert not (evidence_dir / "evidence").exists()


def test_oversized_evidence_is_refused(assigned_document, focal_point_a, ministry_a, evidence_dir, settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    update = draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a)
    with pytest.raises(ValidationError, match="the largest file accepted is 1000"):
        services.add_evidence(update, by=focal_point_a, file=SimpleUploadedFile("big.pdf", PDF + b"0" * 2000))
    assert not Evidence.objects.exists()


def test_real_office_files_and_text_are_accepted(assigned_document, focal_point_a, ministry_a, evidence_dir):
    import io
    import zipfile

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Order No. 5")
    document.save(buffer)
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    update = draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a)
    for name, content in [("order.docx", buffer.getvalue()), ("order.odt", odt.getvalue()),
                          ("figures.csv", b"year,cases\n2025,12\n"),
                          ("note.txt", "Приказ № 5".encode("cp1251"))]:
        services.add_evidence(update, by=focal_point_a, file=SimpleUploadedFile(name, content))
    assert update.evidence.count() == 4


# --- Committee assessment ------------------------------------------------------------


def test_the_committees_grade_is_recorded_for_follow_up_recommendations_only(coordinator, db):
    from tests.factories import make_document

    document = make_document(symbol="CMW/C/XYZ/CO/8", follow_up=(6,), adoption_date=dt.date(2024, 1, 10))
    r = recs(document)
    assessment = services.record_assessment(r["6"], grade="B", letter_date=dt.date(2025, 6, 1),
                                            letter_symbol="G/SO 215/51 KGZ", by=coordinator)
    assert assessment.get_grade_display().startswith("B")
    assert HistoryEntry.objects.get(action=HistoryAction.ASSESSMENT_RECORDED).after["grade"] == "B"
    with pytest.raises(ValidationError, match="did not ask follow-up"):
        services.record_assessment(r["4(a)"], grade="A", letter_date=dt.date(2025, 6, 1), by=coordinator)
    with pytest.raises(ValidationError) as error:
        services.record_assessment(r["6"], grade="F", letter_date=dt.date(2023, 1, 1), by=coordinator)
    assert set(error.value.message_dict) == {"grade", "letter_date"}
    assert CommitteeAssessment.objects.count() == 1


def test_the_database_itself_refuses_a_status_outside_the_choices(assigned_document, focal_point_a, ministry_a):
    from django.db import IntegrityError, transaction

    update = draft(recs(assigned_document)["4(a)"], ministry_a, focal_point_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.filter(pk=update.pk).update(status="done-ish")
    update.refresh_from_db()
    assert update.status == ImplementationStatus.IN_PROGRESS
