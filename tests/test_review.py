"""Posting, submitting and reviewing updates on the tracking pages: an update with measures and
files, once only however often it is posted, saved and submitted in one step, validated or
returned with a comment and corrected, the review queue's search, concurrent edits, bad input and
forged posts refused with nothing written."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from observations.choices import HistoryAction, ImplementationStatus, ReviewState
from observations.models import (
    Evidence,
    HistoryEntry,
    Measure,
    ProgressUpdate,
    Recommendation,
)
from observations.services import tracking as services
from tests.helpers import MINIMAL_PDF as PDF
from tests.tracking_pages_support import make_draft, recs, update_post, url

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


def test_unchanged_status_after_a_validated_update_at_the_same_status(assigned_document, focal_point_a, ministry_a,
                                                                      coordinator):
    r = recs(assigned_document)["4(a)"]
    update = make_draft(r, ministry_a, focal_point_a, status="not_started")
    services.submit_update(update, by=focal_point_a)
    services.validate_update(update, by=coordinator)
    assert not HistoryEntry.objects.filter(action=HistoryAction.STATUS_CHANGED).exists()
    assert Recommendation.objects.get(pk=r.pk).status == "not_started"
