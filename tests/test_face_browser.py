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

from tests.helpers import ARTIFACTS

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}
LANGUAGES = ("en", "ru", "ar")


@pytest.fixture(scope="module")
def shots():
    folder = ARTIFACTS / "face"
    folder.mkdir(parents=True, exist_ok=True)
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


# For every code such as "20(a)" in the page: is its "2" drawn left of its "(", as in
# "20(a)", and not right of it, as in "(a)20"?
CODES_IN_ORDER = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\d+\\([a-z]\\)/g)) {
      const box = (offset) => { const range = document.createRange();
        range.setStart(node, match.index + offset); range.setEnd(node, match.index + offset + 1);
        return range.getBoundingClientRect(); };
      const digit = box(0), paren = box(match[0].indexOf('('));
      if (digit.width && paren.width) found.push([match[0], digit.left < paren.left]);
    }
  }
  return found;
}"""


def test_arabic_pages_keep_codes_in_order(demo, live_server, page):
    from observations.models import ShadowReport

    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    report = ShadowReport.objects.get(document=demo)
    for username, path in (
        ("coordinator", f"/tracking/documents/{demo.slug}/recommendations/"),
        ("labour", "/tracking/"),
        ("ngo", f"/shadow-reports/{report.pk}/paragraphs/20/a/"),
    ):
        page.context.clear_cookies()
        sign_in(page, base, username)
        use_language(page, base, "ar")
        page.goto(base + path)
        assert page.evaluate("document.documentElement.dir") == "rtl"
        codes = page.evaluate(CODES_IN_ORDER)
        assert codes, f"{path}: no code such as 20(a) on the page"
        misordered = [code for code, in_order in codes if not in_order]
        assert not misordered, f"{path}: shown as (a)20 instead of 20(a): {misordered}"


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
