"""Deadlines have a life: their state in words on every page, the internal deadline met when the
information is validated, the document list and page showing each deadline's state, and the
coordinator's dashboard opening with them.

The seed document CMW/C/KGZ/CO/2 asks for follow-up information on paragraphs 12, 18, 20,
30 and 52 by 2 January 2026 and for the next periodic report by 2 January 2029."""

import datetime as dt

import pytest
from django.utils import translation

from observations.choices import ImplementationStatus
from observations.models import Recommendation
from observations.selectors import deadlines as selectors
from observations.selectors.tracking import follow_up_exists
from observations.services import deadlines as deadline_services
from observations.services import tracking as tracking_services
from tests.deadlines_support import at, follow_up_of, page, report_of, text_of, url

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
