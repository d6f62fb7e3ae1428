"""A deadline's own page: the State's coordinators mark the deadline met or extended and undo a
mistake, everyone else is refused with nothing changed, bad input is explained; who may read
the page, in other languages and right to left, and marking the follow-up met in a real
browser."""

import datetime as dt

import lxml.html
import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from observations.choices import HistoryAction
from observations.models import Deadline
from observations.selectors import deadlines as selectors
from observations.services import deadlines as deadline_services
from tests.deadlines_support import LIFE, at, follow_up_of, history_of, life_of, page, text_of, url
from tests.factories import make_document

# --- Marking met, extended, undone -----------------------------------------------------------------


@pytest.fixture
def deadline(document_with_follow_up):
    return follow_up_of(document_with_follow_up)


MET = {"on": "2026-11-20", "symbol": "CMW/C/XYZ/CO/1/Add.1"}
EXTEND = {"to": "2027-03-31", "letter_date": "2026-11-15", "letter_reference": "G/SO 215/51 KGZ"}
TODAY = dt.date(2026, 12, 1)


@pytest.mark.django_db
def test_a_coordinator_marks_a_deadline_met_and_the_history_records_before_and_after(client, coordinator, deadline):
    client.force_login(coordinator)
    with at(TODAY):
        response = client.post(url("deadline_met", deadline.pk), MET)
        assert response.status_code == 302
        assert life_of(deadline)["met_on"] == dt.date(2026, 11, 20)
        assert life_of(deadline)["met_symbol"] == "CMW/C/XYZ/CO/1/Add.1"
        (entry,) = history_of(deadline)
        assert entry.action == HistoryAction.DEADLINE_MET and entry.actor == coordinator
        assert entry.before["met_on"] is None and entry.after["met_on"] == "2026-11-20"
        assert entry.document_id == deadline.document_id
        detail = page(client.get(response["Location"]))
    assert "met on Nov. 20, 2026 (CMW/C/XYZ/CO/1/Add.1)" in text_of(detail.get_element_by_id("main"))
    history = text_of(detail.get_element_by_id("deadline-history"))
    assert "Deadline met" in history
    assert "Submitted on: — → 2026-11-20" in history and "Symbol of the submission: — → CMW/C/XYZ/CO/1/Add.1" in history


@pytest.mark.django_db
def test_a_coordinator_records_an_extension_then_undoes_it(client, coordinator, deadline):
    client.force_login(coordinator)
    with at(TODAY):
        assert client.post(url("deadline_extend", deadline.pk), EXTEND).status_code == 302
        assert life_of(deadline)["extended_to"] == dt.date(2027, 3, 31)
        assert selectors.committee_state(Deadline.objects.get(pk=deadline.pk)).text == (
            "extended to March 31, 2027, due in 120 days")
        assert client.post(url("deadline_undo", deadline.pk, "extension")).status_code == 302
    assert life_of(deadline) == dict.fromkeys(LIFE, None) | {"met_symbol": "", "extension_letter_reference": ""}
    extended, undone = history_of(deadline)
    assert extended.action == HistoryAction.DEADLINE_EXTENDED and extended.after["extended_to"] == "2027-03-31"
    assert undone.action == HistoryAction.CHANGED
    assert undone.before["extended_to"] == "2027-03-31" and undone.after["extended_to"] is None


@pytest.mark.django_db
def test_a_mistaken_met_mark_is_undone(client, coordinator, deadline):
    client.force_login(coordinator)
    with at(TODAY):
        client.post(url("deadline_met", deadline.pk), MET)
        assert client.post(url("deadline_undo", deadline.pk, "met")).status_code == 302
    assert life_of(deadline)["met_on"] is None and life_of(deadline)["met_symbol"] == ""
    assert [e.action for e in history_of(deadline)] == [HistoryAction.DEADLINE_MET, HistoryAction.CHANGED]


REFUSALS = {
    "viewer": "Only a coordinator of Kyrgyzstan may change",
    "focal_point_a": "Only a coordinator of Kyrgyzstan may change",
    "ngo_drafter": "Only a coordinator of Kyrgyzstan may change",
    "coordinator_other_state": "belongs to the follow-up of Kyrgyzstan, which you do not take part in",
    "outsider": "belongs to the follow-up of Kyrgyzstan, which you do not take part in",
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(REFUSALS))
@pytest.mark.parametrize(("action", "data"), [("deadline_met", MET), ("deadline_extend", EXTEND)])
def test_only_the_states_coordinator_changes_a_deadline(client, request, deadline, who, action, data):
    client.force_login(request.getfixturevalue(who))
    before = life_of(deadline)
    with at(TODAY):
        for response in (client.get(url(action, deadline.pk)), client.post(url(action, deadline.pk), data)):
            assert response.status_code == 403
            assert REFUSALS[who] in text_of(lxml.html.fromstring(response.content.decode()))
        assert client.post(url("deadline_undo", deadline.pk, "met")).status_code == 403
    assert life_of(deadline) == before and not history_of(deadline).exists()


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_log_in_and_nothing_changes(client, deadline):
    before = life_of(deadline)
    for name, data in (("deadline_met", MET), ("deadline_extend", EXTEND)):
        response = client.post(url(name, deadline.pk), data)
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get(url("deadline_detail", deadline.pk)).status_code == 302
    assert life_of(deadline) == before and not history_of(deadline).exists()


@pytest.mark.django_db
def test_another_states_deadline_id_is_refused_to_a_coordinator(client, coordinator, document_with_follow_up):
    tajik = make_document(symbol="CMW/C/TJK/CO/2", state="TJ")
    theirs = follow_up_of(tajik)
    client.force_login(coordinator)
    with at(TODAY):
        response = client.post(url("deadline_met", theirs.pk), MET)
        assert response.status_code == 403
        assert "belongs to the follow-up of Tajikistan" in response.content.decode()
        assert client.post(url("deadline_undo", theirs.pk, "met")).status_code == 403
        assert client.get(url("deadline_detail", theirs.pk)).status_code == 403
        assert client.post(url("deadline_met", 999_999), MET).status_code == 404
        assert client.post(url("deadline_undo", follow_up_of(document_with_follow_up).pk, "everything")).status_code \
            == 404
    assert life_of(theirs)["met_on"] is None and not history_of(theirs).exists()


BAD_MET = [
    ({"on": "2026-12-02", "symbol": "CMW/C/XYZ/CO/1/Add.1"}, "cannot be in the future"),
    ({"on": "2026-11-20", "symbol": ""}, "This field is required."),
    ({"on": "2026-11-20", "symbol": "our reply of November"}, "is not a UN document symbol"),
    ({"on": "2026-11-20", "symbol": "CMW-C-XYZ"}, "is not a UN document symbol"),
    ({"on": "2024-01-01", "symbol": "CMW/C/XYZ/CO/1/Add.1"}, "cannot be before the adoption of the document"),
    ({"on": "yesterday", "symbol": "CMW/C/XYZ/CO/1/Add.1"}, "Enter a valid date."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "sentence"), BAD_MET)
def test_bad_input_to_mark_met_leaves_the_deadline_unchanged(client, coordinator, deadline, data, sentence):
    client.force_login(coordinator)
    before = life_of(deadline)
    with at(TODAY):
        tree = page(client.post(url("deadline_met", deadline.pk), data))
    assert sentence in text_of(tree.get_element_by_id("met-form"))
    assert life_of(deadline) == before and not history_of(deadline).exists()


BAD_EXTEND = [
    (EXTEND | {"to": "2026-11-30"}, "must be later than the original date (2026-12-06)"),
    (EXTEND | {"letter_date": "2026-12-24"}, "cannot be in the future"),
    (EXTEND | {"letter_reference": "  "}, "This field is required."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "sentence"), BAD_EXTEND)
def test_bad_input_to_extend_leaves_the_deadline_unchanged(client, coordinator, deadline, data, sentence):
    client.force_login(coordinator)
    before = life_of(deadline)
    with at(TODAY):
        tree = page(client.post(url("deadline_extend", deadline.pk), data))
    assert sentence in text_of(tree.get_element_by_id("extend-form"))
    assert life_of(deadline) == before and not history_of(deadline).exists()


@pytest.mark.django_db
def test_a_met_deadline_is_not_extended_and_undoing_nothing_says_so(client, coordinator, deadline):
    client.force_login(coordinator)
    with at(TODAY):
        client.post(url("deadline_met", deadline.pk), MET)
        tree = page(client.post(url("deadline_extend", deadline.pk), EXTEND))
        assert "already met" in text_of(tree.get_element_by_id("extend-form"))
        response = client.post(url("deadline_undo", deadline.pk, "extension"), follow=True)
    assert "has no extension to undo" in text_of(page(response).get_element_by_id("main"))
    assert life_of(deadline)["extended_to"] is None
    assert [e.action for e in history_of(deadline)] == [HistoryAction.DEADLINE_MET]


@pytest.mark.django_db
def test_the_service_refuses_without_permission_and_writes_nothing(viewer, deadline):
    from django.core.exceptions import PermissionDenied

    with at(TODAY), pytest.raises(PermissionDenied):
        deadline_services.mark_met(deadline, on=dt.date(2026, 11, 20), symbol="CMW/C/XYZ/CO/1/Add.1", by=viewer)
    assert life_of(deadline)["met_on"] is None and not history_of(deadline).exists()


@pytest.mark.parametrize("symbol", ["CMW/C/KGZ/CO/2/Add.1", "CMW/C/KGZ/3", "E/C.12/KGZ/4", "CCPR/C/KGZ/FCO/3"])
def test_un_symbols_are_accepted(symbol):
    assert deadline_services.check_symbol(f" {symbol} ") == symbol


# --- The deadline page in several languages ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status", "sentence"), [
    ("coordinator", 200, ""),
    ("viewer", 200, ""),
    ("focal_point_a", 403, "This page is for the coordinators and viewers of the follow-up of Kyrgyzstan."),
    ("coordinator_other_state", 403, "belongs to the follow-up of Kyrgyzstan"),
])
def test_who_reads_a_deadline_page(client, request, deadline, who, status, sentence):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url("deadline_detail", deadline.pk))
    assert response.status_code == status
    assert sentence in response.content.decode()
    if who == "viewer":
        assert 'id="deadline-actions"' not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("ru", "ltr")])
def test_the_deadline_pages_read_in_other_languages_and_right_to_left(client, seed_pair, coordinator, language,
                                                                       direction):
    deadline = follow_up_of(seed_pair)
    deadline_services.mark_met(deadline, on=dt.date(2026, 1, 5), symbol="CMW/C/KGZ/CO/2/Add.1", by=coordinator,
                               today=dt.date(2026, 1, 9))
    client.force_login(coordinator)
    with at(dt.date(2026, 12, 1)), translation.override(language):
        expected = selectors.committee_state(deadline).text
    with at(dt.date(2026, 12, 1)):
        for address in (url("deadline_detail", deadline.pk), url("deadline_met", deadline.pk),
                        url("tracking_dashboard", seed_pair.slug), url("calendar_feeds")):
            tree = page(client.get(address, HTTP_ACCEPT_LANGUAGE=language))
            assert tree.get("dir") == direction and tree.get("lang") == language
        detail = page(client.get(url("deadline_detail", deadline.pk), HTTP_ACCEPT_LANGUAGE=language))
    assert expected in text_of(detail)
    assert "CMW/C/KGZ/CO/2/Add.1" in expected


@pytest.mark.browser
def test_a_coordinator_marks_the_follow_up_met_in_a_real_browser_right_to_left(committees, live_server, browser,
                                                                              seed_pair, coordinator):
    from tests.helpers import screenshot

    deadline = follow_up_of(seed_pair)
    base = live_server.url
    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    clock = time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=True)
    clock.start()
    try:
        tab.goto(f"{base}/accounts/login/?next=/tracking/documents/{seed_pair.slug}/")
        tab.fill("#id_username", "coordinator")
        tab.fill("#id_password", "pw")
        tab.click("button[type=submit]")
        tab.wait_for_url(f"**/tracking/documents/{seed_pair.slug}/")
        assert tab.locator("html").get_attribute("dir") == "rtl"
        panel = tab.locator("#committee-deadlines")
        assert panel.locator(f"[data-deadline='{deadline.pk}'] [data-state=overdue]").count() == 1
        screenshot(tab, "deadlines-dashboard-ar.png")
        panel.locator(f"a[href='{url('deadline_met', deadline.pk)}']").click()
        tab.wait_for_url(f"**{url('deadline_met', deadline.pk)}")
        tab.fill("#id_on", "2026-11-30")
        tab.fill("#id_symbol", "CMW/C/KGZ/CO/2/Add.1")
        tab.click("#met-form button[type=submit]")
        tab.wait_for_url(f"**{url('deadline_detail', deadline.pk)}")
        assert tab.locator("[data-state=met]").count() >= 1
        assert "CMW/C/KGZ/CO/2/Add.1" in tab.locator("#submission").inner_text()
        screenshot(tab, "deadlines-met-ar.png")
    finally:
        clock.stop()
        context.close()
    assert life_of(deadline)["met_on"] == dt.date(2026, 11, 30)
    assert life_of(deadline)["met_symbol"] == "CMW/C/KGZ/CO/2/Add.1"
    assert [e.action for e in history_of(deadline)] == [HistoryAction.DEADLINE_MET]
