"""Deadlines have a life: their state in words on every page, coordinators mark them met or
extended (and undo a mistake), the coordinator's dashboard opens with them.

The seed document CMW/C/KGZ/CO/2 asks for follow-up information on paragraphs 12, 18, 20,
30 and 52 by 2 January 2026 and for the next periodic report by 2 January 2029."""

import datetime as dt

import lxml.html
import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from observations.choices import DeadlineKind, HistoryAction, ImplementationStatus
from observations.models import Deadline, HistoryEntry, Recommendation
from observations.selectors import deadlines as selectors
from observations.selectors.tracking import follow_up_exists
from observations.services import deadlines as deadline_services
from observations.services import tracking as tracking_services
from tests.factories import make_document


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC), tick=False)


def page(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def text_of(element):
    return " ".join(element.text_content().split())


def url(name, *args):
    return reverse(f"observations:{name}", args=args)


def follow_up_of(document) -> Deadline:
    return document.deadlines.get(kind=DeadlineKind.FOLLOW_UP)


def report_of(document) -> Deadline:
    return document.deadlines.get(kind=DeadlineKind.NEXT_PERIODIC_REPORT)


LIFE = ("met_on", "met_symbol", "extended_to", "extension_letter_date", "extension_letter_reference")


def life_of(deadline) -> dict:
    return Deadline.objects.filter(pk=deadline.pk).values(*LIFE).get()


def history_of(deadline):
    return HistoryEntry.objects.filter(object_id=deadline.pk, content_type__model="deadline").order_by("at", "id")


# --- States in words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "follow_up", "follow_up_code", "report"),
    [
        (dt.date(2025, 10, 4), "due in 90 days", "upcoming", "due in 1186 days"),
        (dt.date(2025, 12, 3), "due in 30 days", "soon", "due in 1126 days"),
        (dt.date(2026, 1, 2), "due today", "due_today", "due in 1096 days"),
        (dt.date(2026, 1, 9), "overdue by 7 days", "overdue", "due in 1089 days"),
        (dt.date(2026, 12, 1), "overdue by 333 days", "overdue", "due in 763 days"),
    ],
)
def test_the_seed_deadlines_in_words_on_each_date(seed_pair, day, follow_up, follow_up_code, report):
    with at(day):
        state = selectors.committee_state(follow_up_of(seed_pair))
        assert (state.text, state.code) == (follow_up, follow_up_code)
        assert selectors.committee_state(report_of(seed_pair)).text == report


def test_one_day_is_singular(seed_pair):
    with at(dt.date(2026, 1, 1)):
        assert selectors.committee_state(follow_up_of(seed_pair)).text == "due in 1 day"
    with at(dt.date(2026, 1, 3)):
        assert selectors.committee_state(follow_up_of(seed_pair)).text == "overdue by 1 day"


def test_met_and_extended_deadlines_in_words_with_dates_of_the_active_language(seed_pair):
    follow_up = follow_up_of(seed_pair)
    follow_up.met_on, follow_up.met_symbol = dt.date(2026, 1, 5), "CMW/C/KGZ/CO/2/Add.1"
    report = report_of(seed_pair)
    report.extended_to = dt.date(2029, 6, 30)
    with at(dt.date(2026, 12, 1)):
        assert selectors.committee_state(follow_up).text == "met on Jan. 5, 2026 (CMW/C/KGZ/CO/2/Add.1)"
        assert selectors.committee_state(follow_up).colour == "success"
        assert selectors.committee_state(report).text == "extended to June 30, 2029, due in 942 days"
        with translation.override("fr"):
            assert "5 janvier 2026" in selectors.committee_state(follow_up).text
            assert "30 juin 2029" in selectors.committee_state(report).text


def test_an_extended_deadline_whose_new_date_passed_is_overdue_from_the_new_date(seed_pair):
    follow_up = follow_up_of(seed_pair)
    follow_up.extended_to = dt.date(2026, 3, 31)
    with at(dt.date(2026, 4, 10)):
        state = selectors.committee_state(follow_up)
    assert (state.code, state.text, state.date) == ("overdue", "overdue by 10 days", dt.date(2026, 3, 31))


# --- The internal deadline ------------------------------------------------------------------------


def _draft(recommendation, organization, user, day):
    return tracking_services.create_update(
        recommendation, organization=organization, by=user, status=ImplementationStatus.IN_PROGRESS,
        narrative="A working group drafted amendments.", language="en", as_of=day,
    )


def test_an_internal_deadline_is_met_when_the_information_is_validated(assigned_document, ministry_a, focal_point_a,
                                                                       coordinator):
    recommendation = assigned_document.recommendations.get(subparagraph__letter="a")
    assignment = recommendation.assignment
    assignment.internal_deadline = dt.date(2025, 12, 3)
    assignment.save()
    with at(dt.date(2025, 10, 4)):
        assert selectors.recommendation_internal_state(recommendation).text == "due in 60 days"
        update = _draft(recommendation, ministry_a, focal_point_a, dt.date(2025, 10, 4))
        # a draft is not a submission: still counting down
        assert selectors.recommendation_internal_state(recommendation).text == "due in 60 days"
    with at(dt.date(2026, 1, 2)):
        assert selectors.recommendation_internal_state(recommendation).text == "overdue by 30 days"
        tracking_services.submit_update(update, by=focal_point_a)
        state = selectors.recommendation_internal_state(recommendation)
        assert (state.code, state.text) == ("submitted", "submitted, awaiting review")
        assert not state.is_overdue
        # the lists' rule agrees: passed and submitted is not overdue
        from observations.selectors.tracking import with_tracking

        assert not with_tracking(Recommendation.objects.filter(pk=recommendation.pk)).get().is_overdue
    with at(dt.date(2026, 1, 9)):
        tracking_services.validate_update(update, by=coordinator)
        state = selectors.recommendation_internal_state(recommendation)
    assert (state.code, state.text) == ("met", "met on Jan. 9, 2026")


def test_the_list_helper_reads_the_internal_state_in_the_list_query(assigned_document, django_assert_num_queries):
    with at(dt.date(2026, 12, 1)):
        rows = list(selectors.with_internal_state(assigned_document.recommendations.select_related("assignment")))
        with django_assert_num_queries(0):
            states = [selectors.recommendation_internal_state(r).code for r in rows]
    assert states == ["overdue", "overdue", "overdue"]


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


# --- Pages that show a deadline --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_document_list_shows_the_earliest_unmet_deadline_an_overdue_follow_up_included(client, seed_pair,
                                                                                          coordinator):
    def next_cell():
        tree = page(client.get(url("document_list")))
        return text_of(tree.xpath('//table[@id="document-table"]/tbody/tr')[0].xpath("./td")[6])

    with at(dt.date(2026, 12, 1)):
        cell = next_cell()
        assert "2026-01-02" in cell and "Follow-up information" in cell and "overdue by 333 days" in cell
        deadline_services.mark_met(follow_up_of(seed_pair), on=dt.date(2026, 1, 5), symbol="CMW/C/KGZ/CO/2/Add.1",
                                   by=coordinator)
        cell = next_cell()
    assert "2029-01-02" in cell and "Next periodic report" in cell and "due in 763 days" in cell


@pytest.mark.django_db
def test_the_document_page_shows_each_deadline_state(client, seed_pair, coordinator):
    deadline_services.extend(report_of(seed_pair), to=dt.date(2029, 6, 30), letter_date=dt.date(2025, 9, 1),
                             letter_reference="G/SO 215/51", by=coordinator, today=dt.date(2025, 10, 4))
    with at(dt.date(2026, 1, 9)):
        tree = page(client.get(seed_pair.get_absolute_url()))
    follow_up = text_of(tree.xpath('//tr[contains(@class, "deadline-follow_up")]')[0])
    report = text_of(tree.xpath('//tr[contains(@class, "deadline-next_periodic_report")]')[0])
    assert "overdue by 7 days" in follow_up
    assert "extended to June 30, 2029" in report


# --- The coordinator's dashboard ---------------------------------------------------------------------


@pytest.fixture
def seed_in_follow_up(seed_pair, coordinator, ministry_a, ministry_b, focal_point_a):
    """The seed with its follow-up recommendations assigned: the first led by ministry A,
    whose information was validated on 3 December 2025; the others by ministry B, without
    an internal deadline of their own."""
    follow_ups = list(seed_pair.recommendations.filter(follow_up_exists()).order_by("position"))
    first, *others = follow_ups
    with at(dt.date(2025, 10, 4)):
        tracking_services.assign(first, lead=ministry_a, by=coordinator)
        for recommendation in others:
            tracking_services.assign(recommendation, lead=ministry_b, internal_deadline=None, by=coordinator)
        update = _draft(first, ministry_a, focal_point_a, dt.date(2025, 10, 4))
        tracking_services.submit_update(update, by=focal_point_a)
    with at(dt.date(2025, 12, 3)):
        tracking_services.validate_update(update, by=coordinator)
    return seed_pair, first, others


@pytest.mark.django_db
def test_the_dashboard_opens_with_the_committees_deadlines(client, seed_in_follow_up, coordinator):
    document, first, others = seed_in_follow_up
    client.force_login(coordinator)
    with at(dt.date(2026, 12, 1)):
        tree = page(client.get(url("tracking_dashboard", document.slug)))
    panel = tree.get_element_by_id("committee-deadlines")
    follow_up = text_of(panel.xpath('.//li[contains(@class, "deadline-follow_up")]')[0])
    assert "overdue by 333 days" in follow_up
    assert "Overdue since Jan. 2, 2026: nothing submitted yet." in follow_up
    assert f"Validated information on 1 of {1 + len(others)} follow-up recommendations" in follow_up
    assert text_of(panel.xpath('.//span[@class="validated-recommendations"]')[0]) == first.code
    (late,) = panel.xpath('.//li[@class="late-organization"]')
    assert text_of(late).startswith("Ministry of Foreign Affairs, since Jan. 2, 2026")
    assert all(r.code in text_of(late) for r in others)
    report = text_of(panel.xpath('.//li[contains(@class, "deadline-next_periodic_report")]')[0])
    assert "due in 763 days" in report
    links = panel.xpath('.//div[@class="small deadline-actions"]//a/@href')
    assert url("deadline_met", follow_up_of(document).pk) in links
    assert url("deadline_extend", follow_up_of(document).pk) in links


@pytest.mark.django_db
def test_viewers_see_the_panel_without_the_coordinators_links(client, seed_in_follow_up, viewer):
    document, _first, _others = seed_in_follow_up
    client.force_login(viewer)
    with at(dt.date(2026, 12, 1)):
        tree = page(client.get(url("tracking_dashboard", document.slug)))
    panel = tree.get_element_by_id("committee-deadlines")
    assert "overdue by 333 days" in text_of(panel)
    assert not panel.xpath('.//div[contains(@class, "deadline-actions")]')
    assert client.get(url("deadline_detail", follow_up_of(document).pk)).status_code == 200


def _panel_queries(document, user, rf):
    from django.db import connection
    from django.template import Context, Template
    from django.test.utils import CaptureQueriesContext

    from observations.permissions import forget_access

    forget_access(user)
    request = rf.get("/")
    request.user = user
    template = Template("{% load deadline_tags %}{% committee_deadlines document %}")
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"document": document, "request": request}))
    return len(queries), html


@pytest.mark.django_db
def test_the_panel_reads_in_the_same_number_of_queries_for_one_or_many_assignments(
        seed_pair, coordinator, ministry_a, ministry_b, rf):
    follow_ups = list(seed_pair.recommendations.filter(follow_up_exists()).order_by("position"))
    with at(dt.date(2026, 12, 1)):
        tracking_services.assign(follow_ups[0], lead=ministry_a, by=coordinator)
        few, html = _panel_queries(seed_pair, coordinator, rf)
        assert "Ministry of Labour" in html and "Ministry of Foreign Affairs" not in html
        for recommendation in follow_ups[1:]:
            tracking_services.assign(recommendation, lead=ministry_b, by=coordinator)
        many, html = _panel_queries(seed_pair, coordinator, rf)
    assert "Ministry of Foreign Affairs" in html
    assert few == many <= 8


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
