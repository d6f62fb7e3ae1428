"""After the import page's preview: cancelling writes nothing, confirming imports once (posted
twice or at the same time), a coordinator of another State cannot confirm; a corrected version
shows what would change before anything is written; files that cannot be imported, forged
uploads and confirmations from another site are refused with nothing kept; waiting uploads
expire and are limited per person."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from observations.choices import ImportAction, PendingImportStatus
from observations.models import (
    Document,
    HistoryEntry,
    ImportRecord,
    LanguageVersion,
    Paragraph,
    PendingImport,
    PendingImportFile,
)
from observations.services import imports, pending_imports
from tests.conftest import SEED_EN
from tests.helpers import snapshot
from tests.import_page_support import (
    SEED_FILES,
    UPLOAD,
    corrected_english,
    document_tables,
    form_data,
    html,
    preview_url,
    text_of,
    upload,
    uploaded,
)

# --- Cancel and confirm -----------------------------------------------------------------------------


def test_cancelling_writes_nothing_and_drops_the_files(as_coordinator):
    before = document_tables()
    pending = uploaded(as_coordinator)
    response = as_coordinator.post(preview_url(pending, "cancel"))
    assert response.status_code == 302 and response["Location"] == UPLOAD
    assert document_tables() == before
    assert (Document.objects.count(), LanguageVersion.objects.count(), Paragraph.objects.count(),
            ImportRecord.objects.count(), HistoryEntry.objects.count()) == (0, 0, 0, 0, 0)
    pending.refresh_from_db()
    assert pending.status == PendingImportStatus.CANCELLED and not pending.files.exists()
    # Confirming it afterwards imports nothing either.
    response = as_coordinator.post(preview_url(pending, "confirm"))
    assert response.status_code == 409 and "This upload was cancelled" in response.content.decode()
    assert document_tables() == before


def test_confirming_imports_once_even_when_posted_twice(as_coordinator, coordinator):
    pending = uploaded(as_coordinator)
    first = as_coordinator.post(preview_url(pending, "confirm"), follow=True)
    document = Document.objects.get()
    assert first.redirect_chain[-1][0] == document.get_absolute_url()
    assert "CMW/C/KGZ/CO/2 [English] CMW_C_KGZ_CO_2.en.txt: Created" in first.content.decode()
    after_first = document_tables()
    second = as_coordinator.post(preview_url(pending, "confirm"), follow=True)
    assert second.redirect_chain[-1][0] == document.get_absolute_url()
    assert "These files were already imported; nothing was written again." in second.content.decode()
    assert document_tables() == after_first
    assert sorted(ImportRecord.objects.values_list("language", "action")) == [
        ("ar", ImportAction.CREATED), ("en", ImportAction.CREATED)]
    assert set(LanguageVersion.objects.values_list("imported_by", flat=True)) == {coordinator.pk}
    assert Paragraph.objects.filter(document=document).count() == 58
    pending.refresh_from_db()
    assert pending.status == PendingImportStatus.CONFIRMED and pending.document == document
    assert not pending.files.exists()
    # Cancelling an imported upload is refused, and changes nothing.
    response = as_coordinator.post(preview_url(pending, "cancel"))
    assert response.status_code == 409 and document_tables() == after_first


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_the_same_time_import_once(committees, coordinator):
    """Two server processes receive the same confirmation at once: one imports, the other
    waits for it and writes nothing."""
    staged = pending_imports.stage_upload([imports.UploadedText(n, d) for n, d in SEED_FILES], user=coordinator)
    start, outcomes, errors = threading.Barrier(2), [], []

    def confirm():
        try:
            start.wait()
            outcomes.append(pending_imports.confirm_pending(staged.pk, user=coordinator))
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sorted(o.already for o in outcomes) == [False, True]
    assert Document.objects.count() == 1 and ImportRecord.objects.count() == 2
    assert HistoryEntry.objects.filter(action="imported").count() == 1


def test_a_coordinator_of_another_state_sees_the_state_and_cannot_confirm(client, coordinator_other_state):
    client.force_login(coordinator_other_state)
    pending = uploaded(client)
    tree = html(client.get(preview_url(pending)))
    assert text_of(tree, "fact-state") == "Kyrgyzstan"
    sentence = ("CMW/C/KGZ/CO/2 is a document of Kyrgyzstan: only the coordinators of Kyrgyzstan, or the staff who "
                "import documents, may import it. Nothing was imported.")
    assert text_of(tree, "import-status") == sentence
    assert not tree.xpath('//form[@id="import-confirm-form"]')
    before = document_tables()
    response = client.post(preview_url(pending, "confirm"))  # a forged confirmation
    assert response.status_code == 403 and sentence in " ".join(response.content.decode().split())
    assert document_tables() == before and not Document.objects.exists()
    assert PendingImport.objects.get().status == PendingImportStatus.PENDING


def test_staff_who_may_import_in_the_admin_import_any_state(client, staff_importer):
    client.force_login(staff_importer)
    pending = uploaded(client)
    assert client.post(preview_url(pending, "confirm")).status_code == 302
    assert Document.objects.get().state == "KG"


# --- A corrected version ----------------------------------------------------------------------------


def test_a_corrected_version_shows_what_would_change_before_anything_is_written(as_coordinator, seed_pair):
    before = document_tables()
    pending = uploaded(as_coordinator, (SEED_EN.name, corrected_english()))
    assert document_tables() == before
    tree = html(as_coordinator.get(preview_url(pending)))
    assert text_of(tree, "fact-exists").startswith("already imported")
    assert "Kept as they are: العربية" in text_of(tree, "fact-exists")
    assert tree.xpath('string(//tr[@class="version-en"]/td[@class="version-action"])') == "Replaced by a corrected version"
    changes = [" ".join(li.text_content().split()) for li in tree.xpath('//section[@id="changes-en"]//li')]
    assert changes == ["paragraph 12: text changed"]
    assert text_of(tree, "import-confirm") == "Import these corrections"

    assert as_coordinator.post(preview_url(pending, "confirm")).status_code == 302
    record = ImportRecord.objects.get(action=ImportAction.REPLACED)
    assert record.language == "en" and record.changes == changes
    assert "take all the steps necessary" in seed_pair.paragraphs.get(number=12).text["en"]


def test_a_corrected_deadline_is_shown_with_its_old_and_new_date(as_coordinator, seed_pair):
    text = SEED_EN.read_text(encoding="utf-8")
    corrected = text.replace("(that is, by 2 January 2026)", "(that is, by 2 March 2026)")
    assert corrected != text
    pending = uploaded(as_coordinator, (SEED_EN.name, corrected.encode()))
    tree = html(as_coordinator.get(preview_url(pending)))
    assert text_of(tree, "fact-follow-up") == "March 2, 2026 Paragraphs: 12, 18, 20, 30, 52"
    changes = [" ".join(li.text_content().split()) for li in tree.xpath('//section[@id="changes-en"]//li')]
    assert "Follow-up information due date 2026-01-02 → 2026-03-02" in changes
    assert seed_pair.deadlines.get(kind="follow_up").due_date == dt.date(2026, 1, 2)  # not yet written


def test_the_same_files_again_would_change_nothing_and_offer_no_import(as_coordinator, seed_pair):
    pending = uploaded(as_coordinator)
    tree = html(as_coordinator.get(preview_url(pending)))
    assert "would change nothing" in text_of(tree, "import-status")
    assert not tree.xpath('//form[@id="import-confirm-form"]')
    assert [a.strip() for a in tree.xpath('//td[@class="version-action"]/text()')] == [
        "Unchanged (identical file)"] * 2


def test_a_confirmation_the_import_refuses_keeps_the_upload_waiting_and_says_why(as_coordinator, committees,
                                                                                 coordinator, ministry_a):
    from observations.models import Recommendation
    from observations.services import tracking
    from tests.test_import_documents import english_seed_without_20b

    english = imports.import_files([imports.UploadedText(SEED_EN.name, SEED_EN.read_bytes())]).document
    pending = uploaded(as_coordinator, ("corrected.en.txt", english_seed_without_20b()))  # 20(b) untouched: fine
    # Between the preview and the confirmation, 20(b) is assigned: the correction would now
    # delete tracked work, and the import refuses it.
    tracking.assign(Recommendation.objects.get(paragraph__document=english, paragraph__number=20,
                                               subparagraph__letter="b"), lead=ministry_a, by=coordinator)
    before = document_tables()
    response = as_coordinator.post(preview_url(pending, "confirm"), follow=True)
    assert response.redirect_chain == [(preview_url(pending), 302)]
    page = response.content.decode()
    assert "The import was refused; nothing was written:" in page and "paragraph 20 (b)" in page
    assert document_tables() == before
    assert PendingImport.objects.get().status == PendingImportStatus.PENDING


def test_a_confirmation_after_someone_else_imported_the_document_is_refused(as_coordinator, coordinator):
    pending = uploaded(as_coordinator)
    imports.import_files([imports.UploadedText(n, d) for n, d in SEED_FILES[:1]], user=coordinator)
    before = document_tables()
    response = as_coordinator.post(preview_url(pending, "confirm"))
    assert response.status_code == 409
    assert "CMW/C/KGZ/CO/2 changed in the tracker since this preview" in response.content.decode()
    assert document_tables() == before


# --- Bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("files", "sentence"), [
    ((("broken.docx", b"PK\x03\x04 not really a zip"),), "broken.docx: The Word file is damaged"),
    ((("scan.pdf", b"%PDF-1.4\n%%EOF\n"),), "scan.pdf: The PDF file could not be read"),
    ((("latin1.txt", SEED_EN.read_text(encoding="utf-8").replace("\u2019", "'").encode("cp1252", "replace")
       + b"\xe9\xe8"),), "latin1.txt: The file is not in a Unicode text encoding"),
    ((("notes.txt", b"Minutes of a meeting, nothing more."),), "notes.txt: This file does not look like concluding"),
    (((SEED_EN.name, SEED_EN.read_bytes()), ("other.txt", corrected_english().replace(b"CMW/C/KGZ", b"CMW/C/TJK"))),
     "Two files are in English"),
])
def test_files_that_cannot_be_imported_are_refused_with_a_sentence_and_nothing_kept(as_coordinator, files, sentence):
    before = snapshot()
    response = upload(as_coordinator, *files)
    assert response.status_code == 400
    rejection = html(response).xpath('//*[@id="import-rejection"]')
    assert rejection, response.content.decode()[:3000]
    first, reason = (" ".join(p.text_content().split()) for p in rejection[0].xpath("p"))
    assert first == "These files cannot be imported; nothing was written." and reason.startswith(sentence)
    assert snapshot() == before


def test_forged_and_empty_uploads_are_refused_and_nothing_kept(as_coordinator, settings):
    before = snapshot()
    forged = form_data(*SEED_FILES)
    del forged["files-TOTAL_FORMS"]
    response = as_coordinator.post(UPLOAD, forged)
    assert response.status_code == 400 and "ManagementForm data is missing" in response.content.decode()
    response = as_coordinator.post(UPLOAD, form_data())
    assert response.status_code == 400 and "Choose at least one file to import." in response.content.decode()
    response = as_coordinator.post(UPLOAD, form_data(*SEED_FILES, languages=("xx",)))
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    settings.IMPORT_MAX_BYTES = 1000
    response = as_coordinator.post(UPLOAD, form_data(*SEED_FILES))
    assert response.status_code == 400
    assert "the largest file that can be imported is 1000\xa0bytes" in response.content.decode()
    assert snapshot() == before


def test_a_confirmation_from_another_site_is_refused_by_its_missing_token(coordinator):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    pending = pending_imports.stage_upload([imports.UploadedText(n, d) for n, d in SEED_FILES], user=coordinator)
    before = document_tables()
    assert browser.post(preview_url(pending, "confirm")).status_code == 403
    assert document_tables() == before
    assert PendingImport.objects.get().status == PendingImportStatus.PENDING


def test_unknown_and_malformed_upload_addresses(as_coordinator):
    assert as_coordinator.get("/import/not-a-uuid/").status_code == 404
    response = as_coordinator.post(reverse("observations:import_confirm", args=[uuid.uuid4()]))
    assert response.status_code == 404 and "This upload is no longer waiting" in response.content.decode()
    pending = uploaded(as_coordinator)
    assert as_coordinator.get(preview_url(pending, "confirm")).status_code == 405  # a link never imports


def test_uploads_expire_and_are_removed_on_the_next_upload(as_coordinator):
    pending = uploaded(as_coordinator)
    PendingImport.objects.filter(pk=pending.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = as_coordinator.post(preview_url(pending, "confirm"))
    assert response.status_code == 404 and "uploads are kept for 24 hours" in response.content.decode()
    assert not Document.objects.exists()
    newer = uploaded(as_coordinator)
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [newer.pk]
    assert PendingImportFile.objects.filter(pending_id=pending.pk).count() == 0
    assert newer.expires_at - newer.created_at == dt.timedelta(hours=24)


def test_the_hourly_task_removes_expired_uploads_once(as_coordinator, settings):
    from observations.tasks import remove_expired_uploads

    waiting = uploaded(as_coordinator)
    expired = uploaded(as_coordinator)
    PendingImport.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert remove_expired_uploads() == 1
    assert not PendingImportFile.objects.filter(pending_id=expired.pk).exists()
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert remove_expired_uploads() == 0
    schedule = settings.CELERY_BEAT_SCHEDULE["remove-expired-uploads"]
    assert schedule["task"] == remove_expired_uploads.name


def test_a_person_keeps_at_most_five_uploads_waiting(as_coordinator):
    first = uploaded(as_coordinator, SEED_FILES[0])
    for _ in range(5):
        uploaded(as_coordinator, SEED_FILES[0])
    assert PendingImport.objects.count() == 5 and not PendingImport.objects.filter(pk=first.pk).exists()
    listed = html(as_coordinator.get(UPLOAD)).xpath('//section[@id="import-waiting"]//li')
    assert len(listed) == 5
