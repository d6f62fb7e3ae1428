"""The document pages in a real Chromium: Arabic lays out right to left, the side-by-side
view keeps each column in its own direction, and anchors land on their paragraph.
Screenshots go to test-artifacts/ for a person to look at."""


import pytest
from django.conf import settings

from tests.conftest import SEED_AR, SEED_EN
from tests.document_pages_support import add_notes_and_references
from tests.factories import make_document
from tests.helpers import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def document(committees):
    earlier = make_document(symbol="CMW/C/ABC/CO/1")
    return add_notes_and_references(make_document(), earlier)


@pytest.fixture
def seed(committees):
    from observations.services.imports import UploadedText, import_files

    return import_files([UploadedText(SEED_EN.name, SEED_EN.read_bytes()),
                         UploadedText(SEED_AR.name, SEED_AR.read_bytes())]).document


def direction(locator):
    return locator.evaluate("element => getComputedStyle(element).direction")



def assert_number_on_the_right(page, row):
    number = page.locator(f"{row} .para-number").first.bounding_box()
    body = page.locator(f"{row} .para-body").first.bounding_box()
    assert number["x"] > body["x"] + body["width"] - 1, (number, body)


def assert_number_on_the_left(page, cell):
    number = cell.locator(".para-number").bounding_box()
    body = cell.locator(".para-body").bounding_box()
    assert number["x"] + number["width"] <= body["x"] + 1, (number, body)


def test_an_arabic_document_lays_out_right_to_left(live_server, page, document):
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"{live_server.url}{document.get_absolute_url()}?lang=ar")
    text = page.locator("#document-text")
    assert text.get_attribute("lang") == "ar"
    assert direction(text) == "rtl"
    assert direction(page.locator("#p4a .subpara-body")) == "rtl"
    assert_number_on_the_right(page, "#p4")
    # The interface around it stays left to right, in English.
    assert direction(page.locator("nav.navbar")) == "ltr"
    screenshot(page, "document-small-ar.png")


def test_side_by_side_keeps_each_column_in_its_own_direction_and_aligned(live_server, page, document):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server.url}{document.get_absolute_url()}?lang=en&compare=ar")
    english, arabic = page.locator("#p4 > .doc-cell").all()
    assert direction(english) == "ltr" and direction(arabic) == "rtl"
    assert arabic.bounding_box()["x"] > english.bounding_box()["x"] + english.bounding_box()["width"]
    assert_number_on_the_left(page, english)
    number, body = arabic.locator(".para-number").bounding_box(), arabic.locator(".para-body").bounding_box()
    assert number["x"] > body["x"]
    for anchor in ("p4", "p4a", "p4b", "p6"):
        left, right = page.locator(f"#{anchor} > .doc-cell").all()
        assert abs(left.bounding_box()["y"] - right.bounding_box()["y"]) < 1
    screenshot(page, "document-small-en-ar.png")


def test_the_seed_document_in_arabic_and_side_by_side(live_server, page, seed):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}{seed.get_absolute_url()}?lang=ar#p20a")
    assert direction(page.locator("#document-text")) == "rtl"
    assert_number_on_the_right(page, "#p12")
    # The anchor takes the reader to the sub-paragraph (Chromium settles the scroll as it lays out).
    page.wait_for_function(
        "() => { const top = document.getElementById('p20a').getBoundingClientRect().top; return top >= 0 && top < 200; }",
        timeout=5000,
    )
    # And so does a link to a follow-up paragraph in the deadlines table.
    page.locator('#deadlines a.deadline-item[href="#p52"]').click()
    page.wait_for_function(
        "() => { const top = document.getElementById('p52').getBoundingClientRect().top; return top >= 0 && top < 200; }",
        timeout=5000,
    )
    assert page.evaluate("location.hash") == "#p52"
    screenshot(page, "seed-ar-p52.png", full_page=False)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "seed-ar-top.png", full_page=False)

    page.goto(f"{live_server.url}{seed.get_absolute_url()}?lang=en&compare=ar")
    english, arabic = page.locator("#p20 > .doc-cell").all()
    assert direction(english) == "ltr" and direction(arabic) == "rtl"
    for anchor in ("p20", "p20a", "p20b", "p52"):
        left, right = page.locator(f"#{anchor} > .doc-cell").all()
        assert abs(left.bounding_box()["y"] - right.bounding_box()["y"]) < 1
    page.locator("#p20").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('p20').scrollIntoView()")
    screenshot(page, "seed-en-ar-p20.png", full_page=False)

    page.goto(f"{live_server.url}{seed.get_absolute_url()}paragraphs/20/?lang=ar")
    arabic, english = page.locator("section.paragraph-language").all()
    assert direction(arabic) == "rtl" and direction(english) == "ltr"
    screenshot(page, "seed-paragraph-20.png", full_page=False)


def test_the_document_list_in_the_arabic_interface(live_server, page, seed, document):
    page.set_viewport_size({"width": 1200, "height": 700})
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert direction(page.locator("#document-table")) == "rtl"
    assert page.locator("#document-table tbody tr").count() == 3
    page.locator("#id_state").select_option("KG")
    page.locator("#document-filters button[type=submit]").click()
    page.wait_for_url("**/?*state=KG*")
    assert page.locator("#document-table tbody tr").count() == 3
    page.locator("#id_q").fill("KGZ")
    page.locator("#document-filters button[type=submit]").click()
    page.wait_for_url("**q=KGZ*")
    assert page.locator("#document-table tbody tr").count() == 1
    screenshot(page, "document-list-ar.png", full_page=False)
