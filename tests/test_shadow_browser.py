"""An NGO drafter in a real Chromium: starts the NGO's shadow report, writes on a
paragraph and downloads the Markdown export. Screenshots go to test-artifacts/."""

from pathlib import Path

import pytest
from django.urls import reverse

from observations.choices import OrganizationKind, Role
from observations.importer.committees import TREATY_BODIES
from observations.models import Committee, ShadowEntry
from tests.factories import make_document, make_organization, make_user
from tests.helpers import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def document(transactional_db):
    # The committees come from a data migration, which a live-server test's flush empties.
    for info in TREATY_BODIES:
        Committee.objects.update_or_create(code=info.code, defaults={
            "name": info.name, "treaty": info.treaty, "symbol_prefix": info.symbol_prefix,
            "follow_up_months": info.follow_up_months,
        })
    return make_document()


@pytest.fixture
def drafter(document):
    ngo = make_organization("Migrant Rights Coalition", OrganizationKind.NGO)
    return make_user("ngo_drafter", ngo, Role.NGO_DRAFTER)



def test_an_ngo_drafter_writes_an_entry_and_downloads_the_markdown(live_server, page, document, drafter):
    reports_url = reverse("observations:document_reports", args=[document.slug])
    page.goto(f"{live_server.url}{reverse('login')}?next={reports_url}")
    page.fill("#id_username", "ngo_drafter")
    page.fill("#id_password", "pw")
    page.click("button[type=submit]:has-text('Log in')")
    page.wait_for_url(f"**{reports_url}")

    page.click("text=Start a shadow report")
    page.wait_for_selector("text=Private draft")
    page.click("a.write-entry:has-text('Write on paragraph 6')")
    page.select_option("#id_assessment", "not_implemented")
    page.fill("#id_narrative", "Detention of migrants continued throughout 2025; no alternative was tried.")
    page.fill("#id_evidence", "https://example.org/detention-monitoring Monitoring visits 2025")
    page.fill("#id_proposals", "How many migrants were detained, and for how long?")
    screenshot(page, "shadow-entry-form.png")
    page.click("button:has-text('Save')")

    page.wait_for_selector("text=Saved your entry on CMW/C/XYZ/CO/1, para. 6.")
    entry_card = page.locator("[data-entry='6']")
    assert "Not implemented" in entry_card.inner_text()
    assert "Detention of migrants continued" in entry_card.inner_text()
    assert page.locator(".word-count").get_attribute("data-limit") == "10700"
    screenshot(page, "shadow-report-draft.png")

    with page.expect_download() as download_info:
        page.click("#export-md")
    download = download_info.value
    assert download.suggested_filename == "shadow-report_CMW_C_XYZ_CO_1_Migrant-Rights-Coalition.md"
    markdown = Path(download.path()).read_text(encoding="utf-8")
    assert "#### CMW/C/XYZ/CO/1, para. 6\n\n> Paragraph 6 text." in markdown
    assert "**Assessment:** Not implemented" in markdown
    assert "Detention of migrants continued throughout 2025; no alternative was tried." in markdown
    assert "- [Monitoring visits 2025](<https://example.org/detention-monitoring>)" in markdown
    assert "How many migrants were detained, and for how long?" in markdown
    assert ShadowEntry.objects.get().updated_by == drafter
