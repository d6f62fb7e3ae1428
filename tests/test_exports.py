"""Exports of the list pages: ``?_export=csv`` / ``?_export=xlsx`` give exactly the rows
the page shows (filter and order included), in the reader's language, formula-free, and
only to those who may see the page."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from observations.exports.tables import clean_cell, export_filename
from observations.services import tracking as services
from tests.factories import make_organization

pytestmark = pytest.mark.django_db


def recommendations_url(document):
    return reverse("observations:tracking_recommendations", args=[document.slug])


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def shown_codes(html: str) -> list[str]:
    """The recommendation codes of the page's table, in the order shown."""
    from lxml import html as lhtml

    tree = lhtml.fromstring(html)
    return [cell.text_content().strip() for cell in tree.xpath('//table[@id="tracking-table"]/tbody/tr/td[1]')]


@pytest.mark.parametrize("parameter", ["_export", "export"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_holds_exactly_the_filtered_sorted_rows_of_the_page(client, coordinator, assigned_document,
                                                                    ministry_a, fmt, parameter):
    client.force_login(coordinator)
    query = f"?lead={ministry_a.pk}&sort=-code"
    page = client.get(recommendations_url(assigned_document) + query)
    shown = shown_codes(page.content.decode())
    assert shown == ["6", "4(a)"]
    response = client.get(recommendations_url(assigned_document) + query + f"&{parameter}={fmt}")
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Recommendation", "Text"]
    assert "Lead" in header and "Review" not in header
    assert [row[0] for row in body] == shown
    lead = header.index("Lead")
    assert {row[lead] for row in body} == {ministry_a.name}
    disposition = response["Content-Disposition"]
    assert "attachment" in disposition and "CMW-C-XYZ-CO-1_recommendations_" in disposition
    assert disposition.rstrip('"').endswith(f".{fmt}")


def test_export_shows_the_whole_text_not_the_truncated_cell(client, coordinator, assigned_document):
    client.force_login(coordinator)
    rows = csv_rows(client.get(recommendations_url(assigned_document) + "?_export=csv"))
    text = rows[0].index("Text")
    assert [row[text] for row in rows[1:]] == ["Do thing a.", "Do thing b.", "Paragraph 6 text."]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cells_that_a_spreadsheet_would_evaluate_are_neutralised(client, coordinator, assigned_document, fmt):
    evil = make_organization("=HYPERLINK(\"http://evil.example\",\"x\")")
    recommendation = assigned_document.recommendations.get(position=2)
    services.assign(recommendation, lead=evil, by=coordinator)
    client.force_login(coordinator)
    response = client.get(recommendations_url(assigned_document) + f"?_export={fmt}&sort=code")
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    lead = rows[0].index("Lead")
    assert rows[-1][lead] == "'" + evil.name
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_clean_cell_neutralises_every_formula_start_and_strips_html():
    from django.utils.html import format_html

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert clean_cell(start + "1+1") == "'" + start + "1+1"
    assert clean_cell(format_html("<b>{}</b>", "=1")) == "'=1"
    assert clean_cell(format_html("<span>{}</span> <i>{}</i>", "a & b", "c")) == "a & b c"
    assert clean_cell(3) == 3 and clean_cell(None) == ""


def test_file_name_holds_the_symbol_and_the_date():
    import datetime as dt

    assert export_filename("CCPR/C/FRA/CO/6", "themes", fmt="xlsx", today=dt.date(2026, 12, 1)) == \
        "CCPR-C-FRA-CO-6_themes_2026-12-01.xlsx"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_headers_are_in_the_readers_language(client, coordinator, assigned_document, fmt):
    client.force_login(coordinator)
    response = client.get(recommendations_url(assigned_document) + f"?_export={fmt}", HTTP_ACCEPT_LANGUAGE="ar")
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    from django.utils import translation

    with translation.override("ar"):
        expected = str(translation.gettext("Recommendation"))
    assert rows[0][0] == expected
    assert any("\u0600" <= ch <= "\u06ff" for ch in "".join(rows[0])), rows[0]
    text = rows[0].index(rows[0][1])
    assert rows[1][text] == "افعل أ."


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_who_may_export_a_documents_recommendations(client, assigned_document, focal_point_a, ngo_drafter,
                                                    coordinator_other_state, viewer, fmt):
    url = recommendations_url(assigned_document) + f"?_export={fmt}"
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    for user in (focal_point_a, ngo_drafter, coordinator_other_state):
        client.force_login(user)
        page = client.get(recommendations_url(assigned_document))
        response = client.get(url)
        assert response.status_code == page.status_code == 403, user
        assert "attachment" not in response.get("Content-Disposition", "")
    client.force_login(viewer)
    assert client.get(url).status_code == 200


def test_my_work_export_holds_only_the_organizations_assignments(client, assigned_document, focal_point_b):
    client.force_login(focal_point_b)
    rows = csv_rows(client.get(reverse("observations:my_work") + "?_export=csv&sort=code"))
    assert [row[0] for row in rows[1:]] == ["4(b)", "6"]
    assert "my-work" in client.get(reverse("observations:my_work") + "?_export=csv")["Content-Disposition"]


def test_review_queue_export_is_for_coordinators_only(client, assigned_document, coordinator, focal_point_a):
    recommendation = assigned_document.recommendations.get(position=0)
    update = services.create_update(recommendation, organization=focal_point_a.memberships.first().organization,
                                    by=focal_point_a, status="in_progress", narrative="=SUM(A1) draft text",
                                    language="en", as_of=assigned_document.adoption_date)
    services.submit_update(update, by=focal_point_a)
    url = reverse("observations:review_queue") + "?_export=csv"
    client.force_login(focal_point_a)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    rows = csv_rows(client.get(url))
    narrative = rows[0].index("What was done")
    assert [row[narrative] for row in rows[1:]] == ["'=SUM(A1) draft text"]
    assert "Review" not in rows[0]


def test_document_list_export_follows_its_filter(client, assigned_document):
    from tests.factories import make_document

    make_document(symbol="CMW/C/ABC/CO/2", state="TJ")
    rows = csv_rows(client.get(reverse("observations:document_list") + "?_export=csv&state=KG"))
    assert [row[0] for row in rows[1:]] == [assigned_document.symbol]
    assert "Previous observations" in rows[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dashboard_table_export(client, coordinator, assigned_document, ministry_a, fmt):
    client.force_login(coordinator)
    url = reverse("observations:tracking_dashboard_by", args=[assigned_document.slug, "organizations"])
    response = client.get(url + f"?_export={fmt}")
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert "Progress" not in rows[0]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[f"{ministry_a.name} — lead"][1] == "2"
    assert "organizations" in response["Content-Disposition"]


def test_dashboard_export_refused_like_the_page(client, assigned_document, focal_point_a, coordinator_other_state):
    url = reverse("observations:tracking_dashboard", args=[assigned_document.slug]) + "?_export=csv"
    assert client.get(url).status_code == 302
    for user in (focal_point_a, coordinator_other_state):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_export_menu_keeps_the_query_string(client, coordinator, assigned_document, ministry_a):
    client.force_login(coordinator)
    html = client.get(recommendations_url(assigned_document) + f"?lead={ministry_a.pk}&sort=-code&page=1")
    html = html.content.decode()
    assert f"?lead={ministry_a.pk}&amp;sort=-code&amp;_export=csv" in html
    assert f"?lead={ministry_a.pk}&amp;sort=-code&amp;_export=xlsx" in html


def test_unknown_format_shows_the_page(client, coordinator, assigned_document):
    client.force_login(coordinator)
    response = client.get(recommendations_url(assigned_document) + "?_export=exe")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")



def test_export_queries_do_not_grow_with_the_rows(client, coordinator, assigned_document, ministry_a, ministry_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_document

    client.force_login(coordinator)
    url = recommendations_url(assigned_document) + "?_export=xlsx"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for recommendation in assigned_document.recommendations.all():
        services.assign(recommendation, lead=ministry_a, supporting=[ministry_b], by=coordinator)
    make_document(symbol="CMW/C/XYZ/CO/2")  # another document's rows are not exported
    with CaptureQueriesContext(connection) as large:
        rows = xlsx_rows(client.get(url))
    assert len(rows) == 4
    assert len(large.captured_queries) == len(small.captured_queries)
