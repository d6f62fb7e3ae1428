"""The site's import page: who may open it, upload, and see, confirm or cancel an upload; the
preview of what the importer found (what the files do not state reported missing, a PDF like
the text it was typeset from); and the whole of it in a real browser in Arabic.

The seed document CMW/C/KGZ/CO/2 (Kyrgyzstan, CMW, 37th session, adopted 8 December 2023)
has 58 paragraphs and 38 sub-paragraphs in English and Arabic, asks for follow-up
information on paragraphs 12, 18, 20, 30 and 52 by 2 January 2026 and for the next
periodic report by 2 January 2029."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from observations.choices import PendingImportStatus, Role
from observations.models import (
    Document,
    ImportRecord,
    PendingImport,
)
from tests.conftest import SEED_AR, SEED_EN, SEED_SYMBOL
from tests.factories import make_user
from tests.helpers import screenshot, snapshot
from tests.import_page_support import UPLOAD, document_tables, html, preview_url, text_of, upload, uploaded

# --- Who may use it ---------------------------------------------------------------------------------


ROLES = ("anonymous", "focal_point", "ngo_drafter", "viewer", "outsider", "plain_staff", "coordinator_other_state",
         "coordinator", "staff_importer", "superuser")
MAY_OPEN = {"coordinator_other_state", "coordinator", "staff_importer", "superuser"}


@pytest.fixture
def people(coordinator, coordinator_other_state, focal_point_a, ngo_drafter, viewer, outsider, staff_importer):
    return {
        "anonymous": None, "focal_point": focal_point_a, "ngo_drafter": ngo_drafter, "viewer": viewer,
        "outsider": outsider, "plain_staff": make_user("plain_staff", is_staff=True),
        "coordinator_other_state": coordinator_other_state, "coordinator": coordinator,
        "staff_importer": staff_importer, "superuser": make_user("root", is_staff=True, is_superuser=True),
    }


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_upload_page_and_upload(client, people, role):
    login(client, people[role])
    response = client.get(UPLOAD)
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif role in MAY_OPEN:
        assert response.status_code == 200
        assert html(response).xpath('//form[@id="import-form"]')
    else:
        assert response.status_code == 403
        assert "Only the coordinators of a State, and the staff who import documents" in response.content.decode()
    response = upload(client)
    assert PendingImport.objects.exists() == (role in MAY_OPEN)
    assert (response.status_code == 302) == (role in MAY_OPEN or role == "anonymous")
    assert not Document.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_confirm_and_cancel_the_coordinators_upload(client, people, role):
    """Only the person who uploaded the files may see, confirm or cancel them."""
    login(client, people["coordinator"])
    pending = uploaded(client)
    login(client, people[role])
    before = snapshot()
    responses = [client.get(preview_url(pending)), client.post(preview_url(pending, "cancel")),
                 client.post(preview_url(pending, "confirm"))]
    if role == "coordinator":
        assert [r.status_code for r in responses] == [200, 302, 409]
        assert PendingImport.objects.get().status == PendingImportStatus.CANCELLED
        return
    for response in responses:
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        else:
            assert response.status_code == 403
            expected = ("This upload was made by someone else" if role in MAY_OPEN
                        else "Only the coordinators of a State")
            assert expected in response.content.decode()
    assert snapshot() == before
    assert PendingImport.objects.get().status == PendingImportStatus.PENDING


def test_the_import_page_is_linked_from_the_document_list_and_the_navbar(client, people):
    for role in ROLES:
        login(client, people[role])
        tree = html(client.get(reverse("observations:document_list")))
        links = tree.xpath(f'//a[@href="{UPLOAD}"]')
        assert bool(links) == (role in MAY_OPEN), role
        if links:
            assert tree.xpath(f'//nav//a[@href="{UPLOAD}"]'), role  # the navbar, on every page
            assert tree.xpath(f'//main//a[@href="{UPLOAD}" and normalize-space()="Import concluding observations"]')
        admin_link = bool(tree.xpath(f'//a[@href="{reverse("admin:observations_document_import")}"]'))
        assert admin_link == (role in {"staff_importer", "superuser"}), role


# --- The preview ------------------------------------------------------------------------------------


def test_the_preview_shows_what_the_importer_found_in_the_seed_pair_and_writes_nothing(as_coordinator):
    before = document_tables()
    pending = uploaded(as_coordinator)
    assert document_tables() == before
    assert not Document.objects.exists()
    assert pending.files.count() == 2 and pending.symbol == SEED_SYMBOL and pending.state == "KG"

    tree = html(as_coordinator.get(preview_url(pending)))
    assert text_of(tree, "fact-symbol") == SEED_SYMBOL
    assert text_of(tree, "fact-state") == "Kyrgyzstan"
    assert text_of(tree, "fact-committee") == (
        "CMW — Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families")
    assert text_of(tree, "fact-session") == "37"
    assert text_of(tree, "fact-adopted") == "Dec. 8, 2023"
    assert text_of(tree, "fact-exists") == "a new document"
    assert text_of(tree, "fact-follow-up") == "Jan. 2, 2026 Paragraphs: 12, 18, 20, 30, 52"
    assert text_of(tree, "fact-next-report") == "Jan. 2, 2029"
    rows = tree.xpath('//section[@id="import-files"]//tbody/tr')
    assert [[" ".join(td.text_content().split()) for td in row.xpath("td")][:2] + [
        " ".join(td.text_content().split()) for td in row.xpath("td")][3:6] for row in rows] == [
        ["English", SEED_EN.name, "Created", "58", "38"],
        ["العربية", SEED_AR.name, "Created", "58", "38"],
    ]
    # What the importer had to infer, and nothing reported missing that the files state.
    assert "symbol" in text_of(tree, "findings-en").lower()
    assert not tree.xpath('//*[@id="import-missing"]')
    assert tree.xpath('//form[@id="import-confirm-form"]') and tree.xpath('//form[@id="import-cancel-form"]')


def test_what_the_files_do_not_state_is_reported_missing_not_invented(as_coordinator):
    text = SEED_EN.read_text(encoding="utf-8")
    without_date, found = re.subn(r"to submit its third periodic report by [^.]+\.",
                                  "to submit its third periodic report.", text)
    assert found == 1
    without_date = without_date.encode()
    pending = uploaded(as_coordinator, ("no-date.txt", without_date))
    tree = html(as_coordinator.get(preview_url(pending)))
    assert text_of(tree, "fact-next-report") in ("not found", "no date found")
    assert "the date of the next periodic report" in text_of(tree, "import-missing")
    assert "follow-up information" not in text_of(tree, "import-missing")


def test_a_pdf_upload_previews_like_the_text_it_was_typeset_from(as_coordinator):
    from tests.importer.pdfbuild import build_pdf

    pdf = build_pdf(SEED_EN.read_text(encoding="utf-8"), symbol=SEED_SYMBOL)
    pending = uploaded(as_coordinator, ("CMW_C_KGZ_CO_2_E.pdf", pdf), (SEED_AR.name, SEED_AR.read_bytes()))
    tree = html(as_coordinator.get(preview_url(pending)))
    assert text_of(tree, "fact-symbol") == SEED_SYMBOL
    assert text_of(tree, "fact-follow-up") == "Jan. 2, 2026 Paragraphs: 12, 18, 20, 30, 52"
    english = tree.xpath('//tr[@class="version-en"]')[0]
    assert english.xpath('string(td[2])').strip() == "CMW_C_KGZ_CO_2_E.pdf"
    assert [english.xpath(f'string(td[@class="text-end version-{c}"])') for c in ("paragraphs", "subparagraphs")] == [
        "58", "38"]
    assert not Document.objects.exists()


# --- In a real browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_coordinator_uploads_previews_and_confirms_in_the_arabic_interface(live_server, page, committees,
                                                                            coordinating_body):
    from django.conf import settings

    from tests.test_face_browser import axe_findings

    make_user("coordinator", coordinating_body, Role.COORDINATOR)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{reverse('login')}?next={UPLOAD}")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "pw")
    page.click("form button[type=submit]:has-text('Log in')")
    page.wait_for_url(f"**{UPLOAD}")
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}{UPLOAD}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert not axe_findings(page)
    page.set_input_files("#id_files-0-file", str(SEED_AR))
    page.set_input_files("#id_files-1-file", str(SEED_EN))
    page.click("#import-preview-button")
    page.wait_for_selector("#fact-symbol")
    assert page.locator("#fact-symbol").inner_text().strip() == SEED_SYMBOL
    assert page.locator("#import-files tbody tr").count() == 2
    assert page.evaluate("getComputedStyle(document.getElementById('import-identity')).direction") == "rtl"
    assert not Document.objects.exists()
    assert not axe_findings(page)
    screenshot(page, "import-preview-ar.png")
    page.click("#import-confirm")
    page.wait_for_url("**/documents/CMW_C_KGZ_CO_2/")
    document = Document.objects.get()
    assert sorted(document.languages) == ["ar", "en"]
    assert ImportRecord.objects.count() == 2
    screenshot(page, "import-confirmed-ar.png", full_page=False)
