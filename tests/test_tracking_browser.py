"""The tracking workflow in a real Chromium: a focal point reports, the coordinator
validates, the official status changes; and the same pages in Arabic, right to left.
Screenshots go to test-artifacts/ for a person to look at."""

import re

import pytest

from observations.choices import ReviewState
from observations.models import ProgressUpdate, Recommendation
from tests.helpers import MINIMAL_PDF as PDF
from tests.helpers import screenshot

pytestmark = pytest.mark.browser



def log_in(page, base, username, next_path="/tracking/"):
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"**{next_path}")


def test_a_focal_point_reports_and_the_coordinator_validates(committees, live_server, page, assigned_document,
                                                             coordinator, focal_point_a, evidence_dir):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    recommendation = assigned_document.recommendations.get(subparagraph__letter="a")

    # The focal point finds the recommendation in their work list.
    log_in(page, base, "focal_a")
    page.get_by_role("link", name="4(a)", exact=True).click()
    page.wait_for_url(f"**/tracking/recommendations/{recommendation.pk}/")
    page.click("#post-update")

    # … writes an update with a measure and a file, and saves it as a draft.
    page.select_option("#id_status", "partially_implemented")
    page.fill("#id_narrative", "The Law on External Migration was amended; by-laws are being drafted.")
    page.select_option("#id_measures-0-kind", "law")
    page.fill("#id_measures-0-description", "Law No. 45 amending the Law on External Migration")
    page.fill("#id_measures-0-date", "2025-05-20")
    page.set_input_files("#id_evidence_file", files=[{"name": "law-45.pdf", "mimeType": "application/pdf",
                                                      "buffer": PDF}])
    page.fill("#id_evidence_description", "Official gazette")
    page.click("button[name=save_draft]")
    page.wait_for_url(re.compile(r".*/tracking/recommendations/\d+/#update-\d+$"))
    update = ProgressUpdate.objects.get()
    card = page.locator(f"#update-{update.pk}")
    assert card.get_attribute("data-review-state") == "draft"
    assert "law-45.pdf" in card.inner_text()

    # … and submits it for review.
    card.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector(f"#update-{update.pk}[data-review-state=submitted]")
    screenshot(page, "tracking-focal-point-submitted.png")
    assert Recommendation.objects.get(pk=recommendation.pk).status == "not_started"

    # The coordinator validates it from the review queue.
    page.get_by_role("button", name="Log out").click()
    log_in(page, base, "coordinator", "/tracking/review/")
    row = page.locator("#review-table tbody tr", has_text="4(a)")
    row.get_by_role("button", name="Validate").click()
    page.wait_for_selector(".alert-success")
    assert "now “Partially implemented”" in page.locator(".alert-success").inner_text()

    # The official status changed, and the history says who did what.
    page.goto(f"{base}/tracking/recommendations/{recommendation.pk}/")
    assert page.locator("#official-status").inner_text().strip() == "Partially implemented"
    history = page.locator("#history-table").inner_text()
    assert "Official status changed" in history and "Update validated" in history
    screenshot(page, "tracking-coordinator-validated.png")
    update.refresh_from_db()
    assert update.review_state == ReviewState.VALIDATED
    assert Recommendation.objects.get(pk=recommendation.pk).status == "partially_implemented"


def test_the_recommendation_page_reads_right_to_left_in_arabic(committees, live_server, browser, assigned_document,
                                                                focal_point_a):
    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recommendation = assigned_document.recommendations.get(subparagraph__letter="a")
    log_in(page, live_server.url, "focal_a", f"/tracking/recommendations/{recommendation.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    text = page.locator("#recommendation-text")
    assert text.inner_text().strip() == "افعل أ."
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The assignment card sits on the left of the updates, as the reading order is right to left.
    updates = page.locator("#updates-heading").bounding_box()
    assignment = page.locator("#assignment-heading").bounding_box()
    assert assignment["x"] < updates["x"]
    screenshot(page, "tracking-recommendation-ar.png")
    context.close()
