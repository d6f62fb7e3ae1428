"""The public list of documents: anyone may read it; each document's state, languages and next
deadline, the filters, the import link for staff, and a constant number of queries."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from observations.models import Committee, LanguageVersion
from tests.document_pages_support import TODAY, html, one, text_of
from tests.factories import make_document

# --- The list ----------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_anyone_can_read_the_document_list(client, document_with_follow_up):
    tree = html(client.get(reverse("observations:document_list")))
    row = one(tree, '//table[@id="document-table"]/tbody/tr')
    link = one(row, ".//a[text()='CMW/C/XYZ/CO/1']")
    assert link.get("href") == "/documents/CMW_C_XYZ_CO_1/"
    cells = [text_of(td) for td in row.xpath("./td")]
    assert cells[1] == "CMW"
    assert cells[2] == "Kyrgyzstan"
    assert cells[3] == "1"
    assert cells[4] == "2024-12-06"
    assert "2026-12-06" in cells[6] and "Follow-up information" in cells[6] and "in 14 days" in cells[6]


@time_machine.travel(TODAY, tick=False)
def test_the_document_list_shows_the_state_in_the_interface_language(client, document_with_follow_up):
    tree = html(client.get(reverse("observations:document_list"), HTTP_ACCEPT_LANGUAGE="fr"))
    row = one(tree, '//table[@id="document-table"]/tbody/tr')
    assert text_of(row.xpath("./td")[2]) == "Kirghizistan"


def test_the_document_list_shows_languages_available(client, document_with_follow_up):
    for language in ("en", "ar"):
        LanguageVersion.objects.create(document=document_with_follow_up, language=language, original=b"x",
                                       checksum="0" * 64, importer_version="1")
    tree = html(client.get(reverse("observations:document_list")))
    badges = [text_of(b) for b in tree.xpath('//table[@id="document-table"]//td//span[@lang]')]
    assert badges == ["AR", "EN"]


def test_a_passed_deadline_is_shown_overdue_once_every_deadline_has_passed(client, document_with_follow_up):
    with time_machine.travel(dt.datetime(2030, 1, 5, tzinfo=dt.UTC), tick=False):
        tree = html(client.get(reverse("observations:document_list")))
        cell = text_of(one(tree, '//table[@id="document-table"]/tbody/tr').xpath("./td")[6])
        # the earliest deadline not met is the one shown, however long overdue
        assert "2026-12-06" in cell and "Follow-up information" in cell and "overdue by 1126 days" in cell
        document_with_follow_up.deadlines.filter(kind="follow_up").update(met_on=dt.date(2026, 12, 1),
                                                                         met_symbol="CMW/C/XYZ/CO/1/Add.1")
        tree = html(client.get(reverse("observations:document_list")))
    cell = text_of(one(tree, '//table[@id="document-table"]/tbody/tr').xpath("./td")[6])
    assert "2029-12-06" in cell and "Next periodic report" in cell and "overdue by 30 days" in cell


def test_the_next_deadline_is_the_earliest_not_yet_met(client, document_with_follow_up):
    with time_machine.travel(dt.datetime(2027, 1, 1, tzinfo=dt.UTC), tick=False):
        tree = html(client.get(reverse("observations:document_list")))
        cell = text_of(one(tree, '//table[@id="document-table"]/tbody/tr').xpath("./td")[6])
        assert "2026-12-06" in cell and "overdue by 26 days" in cell
        document_with_follow_up.deadlines.filter(kind="follow_up").update(met_on=dt.date(2026, 12, 1),
                                                                         met_symbol="CMW/C/XYZ/CO/1/Add.1")
        tree = html(client.get(reverse("observations:document_list")))
    cell = text_of(one(tree, '//table[@id="document-table"]/tbody/tr').xpath("./td")[6])
    assert "2029-12-06" in cell and "in 1070 days" in cell


@pytest.fixture
def three_documents(document_with_follow_up):
    tajik = make_document(symbol="CMW/C/TJK/CO/2", state="TJ")
    cat = make_document(symbol="CAT/C/KGZ/CO/3", state="KG")
    cat.committee = Committee.objects.get(code="CAT")
    cat.save()
    return document_with_follow_up, tajik, cat


def listed_symbols(client, query=""):
    tree = html(client.get(reverse("observations:document_list") + query))
    return sorted(text_of(a) for a in tree.xpath('//table[@id="document-table"]/tbody/tr/td[1]/a'))


def test_the_document_list_filters_by_committee_state_and_symbol(client, three_documents):
    assert listed_symbols(client) == ["CAT/C/KGZ/CO/3", "CMW/C/TJK/CO/2", "CMW/C/XYZ/CO/1"]
    assert listed_symbols(client, "?committee=CAT") == ["CAT/C/KGZ/CO/3"]
    assert listed_symbols(client, "?state=TJ") == ["CMW/C/TJK/CO/2"]
    assert listed_symbols(client, "?q=kgz") == ["CAT/C/KGZ/CO/3"]
    assert listed_symbols(client, "?committee=CMW&state=KG") == ["CMW/C/XYZ/CO/1"]
    # As the form sends it, with the filters left blank.
    assert listed_symbols(client, "?q=&committee=&state=TJ") == ["CMW/C/TJK/CO/2"]


def test_the_filter_form_offers_only_committees_and_states_with_documents(client, three_documents):
    tree = html(client.get(reverse("observations:document_list")))
    committees = [o.get("value") for o in tree.xpath('//select[@name="committee"]/option')]
    states = [o.get("value") for o in tree.xpath('//select[@name="state"]/option')]
    assert committees == ["", "CAT", "CMW"]
    assert states == ["", "KG", "TJ"]


def test_an_unknown_filter_value_lists_nothing_rather_than_everything(client, three_documents):
    response = client.get(reverse("observations:document_list") + "?committee=NOPE")
    assert response.status_code == 200
    assert "The filter could not be applied" in response.content.decode()
    assert "Select a valid choice" in response.content.decode()
    assert listed_symbols(client, "?committee=NOPE") == []


def test_the_document_list_takes_a_constant_number_of_queries(client, three_documents,
                                                              django_assert_max_num_queries):
    for i in range(6):
        make_document(symbol=f"CMW/C/A{i:02d}/CO/1")
    with django_assert_max_num_queries(7):
        response = client.get(reverse("observations:document_list"))
    assert len(html(response).xpath('//table[@id="document-table"]/tbody/tr')) == 9


def test_staff_who_may_import_see_the_import_link_and_others_do_not(client, admin_client, document_with_follow_up):
    import_url = reverse("admin:observations_document_import")
    assert import_url not in client.get(reverse("observations:document_list")).content.decode()
    assert import_url in admin_client.get(reverse("observations:document_list")).content.decode()
