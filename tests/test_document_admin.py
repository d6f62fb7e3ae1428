"""The Django admin of the document models, and its page that imports concluding
observations: staff with the right to add documents only; a refused file writes nothing."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from observations.models import (
    Deadline,
    DeadlineItem,
    Document,
    ImportRecord,
    LanguageVersion,
    Paragraph,
    Recommendation,
)
from tests.conftest import SEED_AR, SEED_EN, SEED_SYMBOL
from tests.factories import make_document, make_user

IMPORT_URL = "admin:observations_document_import"


def import_post(client, files, symbol="", replace=False, follow=True):
    """Post the import form with ``files`` as [(name, bytes, language or "")]."""
    data = {
        "files-TOTAL_FORMS": "6", "files-INITIAL_FORMS": "0", "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "6", "symbol": symbol,
    }
    if replace:
        data["replace"] = "on"
    for i, (name, content, language) in enumerate(files):
        data[f"files-{i}-file"] = SimpleUploadedFile(name, content, content_type="text/plain")
        data[f"files-{i}-language"] = language
    return client.post(reverse(IMPORT_URL), data, follow=follow)


def seed_files():
    return [(SEED_EN.name, SEED_EN.read_bytes(), ""), (SEED_AR.name, SEED_AR.read_bytes(), "")]


def nothing_written():
    return not Document.objects.exists() and not ImportRecord.objects.exists() and not Paragraph.objects.exists()


@pytest.fixture
def importer_staff(db):
    """A staff member allowed to add documents, and nothing else."""
    user = make_user("importer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_document", content_type__app_label="observations"))
    return user


@pytest.fixture
def plain_staff(db):
    return make_user("plain_staff", is_staff=True)


# --- The import page ---------------------------------------------------------------------


def test_the_document_changelist_offers_the_import_page(admin_client):
    response = admin_client.get(reverse("admin:observations_document_changelist"))
    assert response.status_code == 200
    assert reverse(IMPORT_URL) in response.content.decode()
    page = admin_client.get(reverse(IMPORT_URL))
    assert page.status_code == 200
    content = page.content.decode()
    assert content.count('type="file"') == 6
    assert 'name="replace"' in content and 'name="symbol"' in content


def test_importing_both_seed_files_creates_the_document_and_shows_the_summary(admin_client, admin_user):
    response = import_post(admin_client, seed_files())
    document = Document.objects.get(symbol=SEED_SYMBOL)
    assert response.redirect_chain == [(document.get_absolute_url(), 302)]
    content = response.content.decode()
    assert f"{SEED_SYMBOL} [English] {SEED_EN.name}: Created" in content
    assert f"{SEED_SYMBOL} [العربية] {SEED_AR.name}: Created" in content
    assert document.paragraphs.count() == 58
    assert sorted(document.languages) == ["ar", "en"]
    assert set(ImportRecord.objects.values_list("created_by", flat=True)) == {admin_user.pk}
    assert set(LanguageVersion.objects.values_list("imported_by", flat=True)) == {admin_user.pk}


def test_a_staff_member_with_the_add_document_permission_may_import(client, importer_staff):
    client.force_login(importer_staff)
    response = import_post(client, seed_files()[:1])
    assert response.status_code == 200
    assert Document.objects.get(symbol=SEED_SYMBOL).languages == ["en"]


def test_the_language_and_symbol_given_are_used(admin_client):
    import_post(admin_client, [(SEED_EN.name, SEED_EN.read_bytes(), "en")], symbol=f"  {SEED_SYMBOL} ")
    assert Document.objects.get().symbol == SEED_SYMBOL


def test_a_file_that_cannot_be_imported_shows_the_reason_and_writes_nothing(admin_client):
    response = import_post(admin_client, [("notes.txt", b"Minutes of a meeting, nothing else.", "")])
    assert response.status_code == 200
    assert response.redirect_chain == []
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and messages[0].startswith("notes.txt: ")
    assert 'class="error"' in response.content.decode()
    assert nothing_written()


def test_two_misaligned_versions_are_refused_together(admin_client):
    arabic = SEED_AR.read_bytes().decode()
    # Drop the sub-paragraphs of the Arabic paragraph 20: the versions no longer align.
    lines = arabic.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("20-"))
    end = next(i for i, line in enumerate(lines) if line.startswith("21-"))
    cut = "\n".join(lines[: start + 1] + lines[end:])
    response = import_post(admin_client, [(SEED_EN.name, SEED_EN.read_bytes(), ""),
                                          (SEED_AR.name, cut.encode(), "")])
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and "paragraph 20" in messages[0], messages
    assert nothing_written()


def test_a_changed_file_is_refused_without_replace_and_accepted_with_it(admin_client, seed_pair):
    english = SEED_EN.read_bytes().replace(b"The Committee notes that some countries",
                                           b"The Committee observes that some countries")
    refused = import_post(admin_client, [(SEED_EN.name, english, "")])
    assert "already has a English version" in str(list(refused.context["messages"])[0])
    assert ImportRecord.objects.count() == 2
    assert "observes" not in seed_pair.paragraphs.get(number=4).text["en"]

    accepted = import_post(admin_client, [(SEED_EN.name, english, "")], replace=True)
    assert accepted.redirect_chain == [(seed_pair.get_absolute_url(), 302)]
    assert "Replaced by a corrected version" in accepted.content.decode()
    assert "observes" in seed_pair.paragraphs.get(number=4).text["en"]


def test_reimporting_an_identical_file_changes_nothing_and_says_so(admin_client, seed_pair):
    response = import_post(admin_client, seed_files()[:1])
    assert "Unchanged (identical file)" in response.content.decode()
    assert ImportRecord.objects.count() == 2


def test_a_file_over_the_size_limit_is_refused_with_a_clear_message(admin_client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    response = import_post(admin_client, seed_files()[:1])
    assert response.status_code == 200
    assert f"{SEED_EN.name} is" in response.content.decode()
    assert "the largest file that can be imported is 1000\xa0bytes" in response.content.decode()
    assert nothing_written()


def test_the_form_asks_for_at_least_one_file(admin_client):
    response = import_post(admin_client, [])
    assert "Choose at least one file to import." in response.content.decode()
    assert nothing_written()


def test_anonymous_visitors_and_non_staff_users_are_sent_to_the_admin_login(client, db):
    response = import_post(client, seed_files(), follow=False)
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    client.force_login(make_user("reader"))
    response = import_post(client, seed_files(), follow=False)
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    assert client.get(reverse(IMPORT_URL)).status_code == 302
    assert nothing_written()


def test_staff_without_the_add_document_permission_are_refused(client, plain_staff):
    client.force_login(plain_staff)
    assert client.get(reverse(IMPORT_URL)).status_code == 403
    assert import_post(client, seed_files(), follow=False).status_code == 403
    assert nothing_written()


def test_role_users_of_the_tracker_are_not_admin_users(client, coordinator):
    client.force_login(coordinator)
    assert import_post(client, seed_files(), follow=False).status_code == 302
    assert nothing_written()


# --- The admin of the document models ----------------------------------------------------


ADMIN_PAGES = ["committee", "document", "languageversion", "importrecord", "heading", "paragraph", "subparagraph",
               "footnote", "reference", "deadline", "deadlineitem", "citation", "recommendation"]


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_every_document_model_has_a_working_admin_list_and_page(admin_client, seed_pair, model):
    changelist = admin_client.get(reverse(f"admin:observations_{model}_changelist"))
    assert changelist.status_code == 200
    obj = changelist.context["cl"].result_list[0]
    assert admin_client.get(reverse(f"admin:observations_{model}_change", args=[obj.pk])).status_code == 200


def test_the_admin_search_finds_documents_by_symbol(admin_client, seed_pair, document_with_follow_up):
    response = admin_client.get(reverse("admin:observations_document_changelist") + "?q=KGZ")
    assert [d.symbol for d in response.context["cl"].result_list] == [SEED_SYMBOL]


def test_the_document_admin_page_lists_its_paragraphs_without_a_query_per_paragraph(
        admin_client, seed_pair, django_assert_max_num_queries):
    url = reverse("admin:observations_document_change", args=[seed_pair.pk])
    with django_assert_max_num_queries(40):
        response = admin_client.get(url)
    content = response.content.decode()
    assert content.count('name="paragraphs-') > 58
    assert "a, b, c" in content  # the letters of a paragraph's sub-paragraphs


def test_the_original_file_can_be_downloaded_byte_for_byte(admin_client, seed_pair):
    version = seed_pair.versions.get(language="ar")
    response = admin_client.get(reverse("admin:observations_languageversion_download", args=[version.pk]))
    assert response.status_code == 200
    assert response.content == SEED_AR.read_bytes()
    assert response["Content-Disposition"].startswith("attachment;")
    assert SEED_AR.name in response["Content-Disposition"]


def test_the_download_action_zips_the_selected_originals(admin_client, seed_pair):
    versions = list(seed_pair.versions.all())
    response = admin_client.post(reverse("admin:observations_languageversion_changelist"), {
        "action": "download_originals", "_selected_action": [v.pk for v in versions],
    })
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(f"{seed_pair.slug}/{v.file_name}" for v in versions)
    assert archive.read(f"{seed_pair.slug}/{SEED_EN.name}") == SEED_EN.read_bytes()


def test_staff_without_view_permission_cannot_download_originals(client, plain_staff, seed_pair):
    client.force_login(plain_staff)
    version = seed_pair.versions.first()
    assert client.get(reverse("admin:observations_languageversion_download", args=[version.pk])).status_code == 403


def test_import_records_and_language_versions_are_read_only(admin_client, seed_pair):
    record = ImportRecord.objects.first()
    url = reverse("admin:observations_importrecord_change", args=[record.pk])
    assert 'name="_save"' not in admin_client.get(url).content.decode()
    assert admin_client.post(url, {"file_name": "forged.txt"}).status_code == 403
    record.refresh_from_db()
    assert record.file_name != "forged.txt"
    assert admin_client.get(reverse("admin:observations_importrecord_add")).status_code == 403
    version = seed_pair.versions.first()
    assert admin_client.post(reverse("admin:observations_languageversion_delete", args=[version.pk]),
                             {"post": "yes"}).status_code == 403
    assert seed_pair.versions.count() == 2


def test_documents_are_added_by_import_not_typed_in(admin_client, db):
    assert admin_client.get(reverse("admin:observations_document_add")).status_code == 403


def test_the_status_of_a_recommendation_cannot_be_changed_in_the_admin(admin_client, document_with_follow_up):
    recommendation = Recommendation.objects.first()
    url = reverse("admin:observations_recommendation_change", args=[recommendation.pk])
    assert admin_client.post(url, {"status": "implemented"}).status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.status == "not_started"


def test_a_deadline_item_must_name_a_paragraph_of_the_deadline_document(admin_client, document_with_follow_up):
    other = make_document(symbol="CMW/C/ABC/CO/1")
    deadline = Deadline.objects.get(document=document_with_follow_up, kind="follow_up")
    foreign = other.paragraphs.get(number=3)
    response = admin_client.post(reverse("admin:observations_deadlineitem_add"), {
        "deadline": deadline.pk, "paragraph": foreign.pk, "subparagraph": "",
    })
    assert response.status_code == 200
    assert "This paragraph belongs to another document." in response.content.decode()
    assert DeadlineItem.objects.filter(deadline=deadline).count() == 2


def test_a_paragraph_kind_can_be_corrected_but_not_its_text(admin_client, document_with_follow_up):
    paragraph = document_with_follow_up.paragraphs.get(number=5)
    url = reverse("admin:observations_paragraph_change", args=[paragraph.pk])
    form = admin_client.get(url).context["adminform"].form
    assert list(form.fields) == ["kind"]
