"""The face of the product in a real Chromium, as each role would meet it.

On the demo data (the seed document with its assignments, updates and the NGO's draft),
each role signs in and lands on its own work, then reads its main pages in English,
Russian and Arabic at desktop (1280 px) and phone (390 px) width: the page never scrolls
sideways, the menu folds away on a phone, axe-core (tests/vendor/axe) finds no serious
or critical violation, codes such as "20(a)" keep their order on Arabic pages. Every page
seen is saved as a screenshot in the folder the run prints.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}
LANGUAGES = ("en", "ru", "ar")


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("face-screenshots")
    print(f"\nScreenshots of the main pages: {folder}")
    return folder


@pytest.fixture
def demo(committees, transactional_db):
    """The demo installation: the seed document, one account per role, its workflow."""
    from observations.services import demo as demo_services

    document = demo_services.load_seed_document()
    demo_services.load_accounts()
    demo_services.load_workflow(document)
    return document


def sign_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def use_language(page, base, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])


def axe_findings(page) -> list[str]:
    """Serious and critical axe-core violations of the page, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
    )
    return results


def visit(page, base, path, name, shots, *, axe=True):
    """Open ``path`` at each width; what is wrong, as sentences (empty: all is well)."""
    problems = []
    widths = WIDTHS if axe else {"phone": WIDTHS["phone"]}
    for label, width in widths.items():
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(base + path)
        assert response.status == 200, f"{path}: {response.status}"
        lang = page.evaluate("document.documentElement.lang")
        page.screenshot(path=str(shots / f"{name}-{lang}-{label}.png"), full_page=True)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            problems.append(f"{path} [{lang}, {width}px] scrolls sideways: {scroll}px wide")
        toggler = page.locator("nav .navbar-toggler")
        menu_folded = toggler.count() == 1 and toggler.is_visible() and not page.locator("#main-menu").is_visible()
        if width < 992 and not menu_folded:
            problems.append(f"{path} [{lang}, {width}px]: the menu does not fold away")
        if axe and label == "desktop":
            problems += [f"{path} [{lang}] axe {finding}" for finding in axe_findings(page)]
    return problems


def main_pages(document, role):
    from observations.models import Recommendation, ShadowReport

    slug = document.slug
    recommendation = Recommendation.objects.filter(document=document, assignment__isnull=False).order_by(
        "position").first()
    pages = {"documents": "/"}
    if role == "coordinator":
        pages |= {"document": f"/documents/{slug}/", "paragraph": f"/documents/{slug}/paragraphs/20/"}
    if role in ("coordinator", "viewer"):
        pages |= {
            "my-work": "/tracking/",
            "dashboard": f"/tracking/documents/{slug}/",
            "recommendations": f"/tracking/documents/{slug}/recommendations/",
            "recommendation": f"/tracking/recommendations/{recommendation.pk}/",
            "reports": f"/documents/{slug}/reports/",
        }
    if role == "coordinator":
        pages |= {"review": "/tracking/review/"}
    if role == "labour":
        from django.contrib.auth import get_user_model

        from observations import permissions as perms

        user = get_user_model().objects.get(username="labour")
        assigned = perms.assignments_for(user).order_by("position").first()
        pages |= {
            "my-work": "/tracking/",
            "recommendation": f"/tracking/recommendations/{assigned.pk}/",
            "update-form": f"/tracking/recommendations/{assigned.pk}/updates/new/",
        }
    if role == "ngo":
        report = ShadowReport.objects.get(document=document)
        pages |= {
            "reports": f"/documents/{slug}/reports/",
            "shadow-report": f"/shadow-reports/{report.pk}/",
            "shadow-entry": f"/shadow-reports/{report.pk}/paragraphs/20/a/",
        }
    return pages


LANDING = {
    "coordinator": r"/tracking/documents/[^/]+/$",
    "viewer": r"/tracking/documents/[^/]+/$",
    "labour": r"/tracking/$",
    "ngo": r"/documents/[^/]+/reports/$",
}


@pytest.mark.parametrize("role", ["coordinator", "labour", "ngo", "viewer"])
def test_each_role_lands_on_its_work_and_every_main_page_fits_a_phone(role, demo, live_server, page, shots):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, role)
    assert re.search(LANDING[role], page.url), f"{role} landed on {page.url}"

    problems = []
    for language in LANGUAGES:
        use_language(page, base, language)
        for name, path in main_pages(demo, role).items():
            # English and Arabic at both widths with axe-core (left to right, right to left);
            # Russian (long words) at phone width.
            problems += visit(page, base, path, f"{role}-{name}", shots, axe=language != "ru")
    assert not problems, "\n".join(problems)


def test_the_navbar_shows_what_the_role_may_use_on_every_page(demo, live_server, page):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "coordinator")
    for path in ("/", f"/documents/{demo.slug}/", f"/documents/{demo.slug}/reports/", "/tracking/review/"):
        page.goto(base + path)
        menu = page.locator("#main-menu")
        for item in ("Documents", "My work", "Review", "Calendar"):
            assert menu.get_by_role("link", name=item, exact=True).count() == 1, f"{item} missing on {path}"
    page.get_by_role("button", name="Log out").click()
    sign_in(page, base, "ngo")
    menu = page.locator("#main-menu")
    assert menu.get_by_role("link", name="Shadow reports", exact=True).count() == 1
    assert menu.get_by_role("link", name="My work", exact=True).count() == 0
    assert menu.get_by_role("link", name="Review", exact=True).count() == 0


def test_the_phone_menu_opens_by_keyboard_with_visible_focus(demo, live_server, page):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, base, "labour")
    assert not page.locator("#main-menu").is_visible()
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")  # the menu button
    assert page.evaluate("document.activeElement.classList.contains('navbar-toggler')")
    outline = page.evaluate("getComputedStyle(document.activeElement).boxShadow + getComputedStyle("
                            "document.activeElement).outlineStyle")
    assert outline not in ("nonenone", "none"), "the focused menu button shows no focus ring"
    page.keyboard.press("Enter")
    page.wait_for_selector("#main-menu.show")
    assert page.locator("#main-menu").get_by_role("link", name="My work", exact=True).is_visible()


def test_arabic_pages_keep_codes_and_file_names_in_order(demo, live_server, page):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "ngo")
    use_language(page, base, "ar")
    from observations.models import ShadowReport

    report = ShadowReport.objects.get(document=demo)
    for path in (f"/shadow-reports/{report.pk}/", f"/documents/{demo.slug}/reports/"):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.dir") == "rtl"
        isolated = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                 .filter(e => e.children.length === 0 && /^\\(?20\\)?\\s*\\(a\\)$|^20\\(a\\)$/.test(e.textContent.trim()))
                 .map(e => !!e.closest('bdi, [dir=ltr], [dir=auto]'))"""
        )
        assert isolated and all(isolated), f"{path}: 20(a) shown without isolation ({isolated})"
    page.get_by_role("button", name=re.compile("خروج|Log out")).first.click()
    sign_in(page, base, "coordinator")
    use_language(page, base, "ar")
    page.goto(f"{base}/tracking/documents/{demo.slug}/recommendations/")
    codes = page.locator("#recommendations-table td a bdi, table td a bdi")
    assert codes.count() > 0, "recommendation codes are not isolated in the Arabic table"


def test_a_missing_page_with_debug_off_is_the_sites_own(demo, live_server, page, settings):
    settings.DEBUG = False
    base = live_server.url
    for language, heading in (("en", "Page not found"), ("ar", None)):
        use_language(page, base, language)
        response = page.goto(f"{base}/no-such-page/")
        assert response.status == 404
        assert page.locator("nav.navbar").count() == 1
        assert page.locator("#error-404").count() == 1
        assert "Using the URLconf" not in page.content()
        if heading:
            assert page.locator("h1").inner_text() == heading
        assert page.evaluate("document.documentElement.lang") == language
        assert not axe_findings(page)


def test_a_focal_point_adds_measure_rows_and_is_told_to_choose_the_file_again(demo, live_server, page):
    from django.contrib.auth import get_user_model

    from observations import permissions as perms
    from observations.models import ProgressUpdate
    from tests.helpers import MINIMAL_PDF

    user = get_user_model().objects.get(username="labour")
    recommendation = perms.assignments_for(user).order_by("position").first()
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, base, "labour")
    page.goto(f"{base}/tracking/recommendations/{recommendation.pk}/updates/new/")
    rows = page.locator("#measures tbody tr")
    before = rows.count()
    for _ in range(3):
        page.click("#add-measure")
    assert rows.count() == before + 3
    assert page.input_value("#id_measures-TOTAL_FORMS") == str(before + 3)
    last = before + 2
    page.select_option(f"#id_measures-{last}-kind", index=1)
    page.fill(f"#id_measures-{last}-description", "Decree No. 12 on legal aid")
    page.set_input_files("#id_evidence_file", files=[{"name": "decree-12.pdf", "mimeType": "application/pdf",
                                                      "buffer": MINIMAL_PDF}])
    page.fill("#id_narrative", "")
    page.click("button[name=save_draft]")
    page.wait_for_selector("#choose-file-again")
    assert "decree-12.pdf" in page.locator("#choose-file-again").inner_text()
    assert page.input_value(f"#id_measures-{last}-description") == "Decree No. 12 on legal aid"
    assert not ProgressUpdate.objects.filter(recommendation=recommendation, narrative="").exists()
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
