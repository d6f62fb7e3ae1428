"""The list pages (documents, my work, review queue, a document's recommendations) as one
kind of page: the same base filters, orders and paginates them; overdue means one thing
everywhere; their cost does not grow with the data."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from observations.choices import CommitteeGrade, ImplementationStatus, NgoAssessment, ReviewState
from observations.services import tracking as services
from observations.templatetags.tracking_tags import status_badge
from tests.factories import make_document

DAY = dt.date(2026, 3, 10)


def at(day):
    """The clock frozen at noon (UTC, the project's time zone) of ``day``."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC), tick=False)


def recs(document):
    return {r.code: r for r in document.recommendations.select_related("document", "paragraph", "subparagraph")}


def codes(response):
    return [row.record.code for row in response.context["table"].page.object_list]


def tracking_list(document, query=""):
    return reverse("observations:tracking_recommendations", args=[document.slug]) + query


def report(recommendation, organization, user, *, submit=True):
    update = services.create_update(recommendation, organization=organization, by=user, status="in_progress",
                                    narrative="Working group set up.", language="en", as_of=DAY - dt.timedelta(days=1))
    if submit:
        services.submit_update(update, by=user)
    return update


# --- Overdue: one rule, on every page -----------------------------------------------------


def test_an_internal_deadline_that_falls_today_is_not_overdue_yet_and_is_the_next_day(
        client, assigned_document, coordinator, focal_point_a, ministry_a):
    r = recs(assigned_document)["4(a)"]
    with at(DAY - dt.timedelta(days=30)):
        services.assign(r, lead=ministry_a, internal_deadline=DAY, by=coordinator)
    dashboard = reverse("observations:tracking_dashboard", args=[assigned_document.slug])
    detail = reverse("observations:recommendation_detail", args=[r.pk])

    with at(DAY):
        client.force_login(coordinator)
        assert codes(client.get(tracking_list(assigned_document, "?overdue=on"))) == []
        assert client.get(dashboard).context["totals"]["overdue"] == 0
        assert client.get(detail).context["overdue"] is False
        client.force_login(focal_point_a)
        assert codes(client.get(reverse("observations:my_work") + "?overdue=on")) == []

    with at(DAY + dt.timedelta(days=1)):
        client.force_login(coordinator)
        assert codes(client.get(tracking_list(assigned_document, "?overdue=on"))) == ["4(a)"]
        assert client.get(dashboard).context["totals"]["overdue"] == 1
        assert client.get(detail).context["overdue"] is True
        client.force_login(focal_point_a)
        response = client.get(reverse("observations:my_work") + "?overdue=on")
        assert codes(response) == ["4(a)"]
        assert "table-danger" in response.content.decode()


def test_a_recommendation_past_its_deadline_with_a_submitted_update_is_not_listed_as_overdue(
        client, assigned_document, coordinator, focal_point_a, ministry_a, ministry_b):
    r = recs(assigned_document)
    with at(DAY - dt.timedelta(days=30)):
        for code, lead in (("4(a)", ministry_a), ("4(b)", ministry_b), ("6", ministry_a)):
            services.assign(r[code], lead=lead, internal_deadline=DAY - dt.timedelta(days=5), by=coordinator)
    with at(DAY):
        report(r["4(a)"], ministry_a, focal_point_a)  # submitted: the contribution is in
        report(r["6"], ministry_a, focal_point_a, submit=False)  # a draft is not a contribution yet
        client.force_login(coordinator)
        assert codes(client.get(tracking_list(assigned_document, "?overdue=on"))) == ["4(b)", "6"]
        assert client.get(reverse("observations:recommendation_detail", args=[r["4(a)"].pk])).context[
            "overdue"] is False
        rows = client.get(reverse("observations:tracking_dashboard_by",
                                  args=[assigned_document.slug, "organizations"])).context["table"].data.data
        assert {row["name"]: row["overdue"] for row in rows if "lead" in row["name"]} == {
            "Ministry of Labour, Social Security and Migration — lead": 1, "Ministry of Foreign Affairs — lead": 1}


# --- The list base ------------------------------------------------------------------------


def test_a_filter_value_that_is_not_valid_lists_nothing_and_says_why(client, assigned_document, coordinator):
    client.force_login(coordinator)
    response = client.get(tracking_list(assigned_document, "?status=finished"))
    assert response.status_code == 200 and codes(response) == []
    html = response.content.decode()
    assert "The filter could not be applied" in html and "finished" in html
    everything = client.get(tracking_list(assigned_document, "?status=&q="))  # left blank: any
    assert codes(everything) == ["4(a)", "4(b)", "6"]


def test_the_lists_sort_and_keep_their_filters_form(client, assigned_document, coordinator, ministry_b):
    client.force_login(coordinator)
    response = client.get(tracking_list(assigned_document, "?sort=-code"))
    assert codes(response) == ["6", "4(b)", "4(a)"]
    response = client.get(tracking_list(assigned_document, f"?lead={ministry_b.pk}"))
    form = response.context["filter_form"]
    assert form["lead"].value() == str(ministry_b.pk) and response.context["filter_active"]
    assert 'name="unassigned"' in response.content.decode()  # a coordinator's filter


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_lists_read_in_the_interface_language_right_to_left_in_arabic(client, assigned_document, coordinator,
                                                                          focal_point_a, language):
    for user, path in ((coordinator, tracking_list(assigned_document)), (coordinator, reverse("observations:review_queue")),
                       (focal_point_a, reverse("observations:my_work")), (coordinator, reverse("observations:document_list"))):
        client.force_login(user)
        html = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html, path
        assert "<table" in html, path


def test_an_export_that_is_not_offered_shows_the_page(client, assigned_document, coordinator):
    client.force_login(coordinator)
    # CSV and XLSX are offered on every list (tests/test_exports.py); another format is not.
    response = client.get(tracking_list(assigned_document, "?export=pdf"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert codes(response) == ["4(a)", "4(b)", "6"]


def test_the_export_entry_point_gives_every_filtered_row_in_order_with_every_column(rf, assigned_document,
                                                                                     coordinator):
    from observations.tables.tracking import TrackingTable
    from observations.views.tracking import TrackingRecommendationsView

    class ExportingList(TrackingRecommendationsView):
        export_formats = ("csv",)

        def export_response(self, request, table, fmt):
            columns = ",".join(column.name for column in table.columns)
            return HttpResponse(columns + "|" + ",".join(row.record.code for row in table.rows))

    request = rf.get(tracking_list(assigned_document, "?export=csv&follow_up=on&sort=-code&per_page=1"))
    request.user = coordinator
    columns, rows = ExportingList.as_view()(request, slug=assigned_document.slug).content.decode().split("|")
    assert columns.split(",") == list(TrackingTable.Meta.fields)
    assert rows.split(",") == ["6", "4(b)", "4(a)"]


@pytest.mark.parametrize("name, args", [("my_work", ()), ("review_queue", ()), ("tracking_recommendations", ("slug",))])
def test_the_tracking_lists_send_anonymous_visitors_to_sign_in(client, assigned_document, name, args):
    path = reverse(f"observations:{name}", args=[assigned_document.slug if a == "slug" else a for a in args])
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_who_may_open_the_review_queue_and_a_documents_list(client, assigned_document, coordinator, viewer,
                                                           focal_point_a, coordinator_other_state, ngo_drafter):
    queue = reverse("observations:review_queue")
    for user, expected in ((coordinator, 200), (coordinator_other_state, 200), (focal_point_a, 403),
                           (viewer, 403), (ngo_drafter, 403)):
        client.force_login(user)
        assert client.get(queue).status_code == expected, user.username
    for user, expected in ((coordinator, 200), (viewer, 200), (coordinator_other_state, 403), (focal_point_a, 403),
                           (ngo_drafter, 403)):
        client.force_login(user)
        assert client.get(tracking_list(assigned_document)).status_code == expected, user.username


def test_another_states_coordinator_sees_none_of_this_states_submitted_updates(
        client, assigned_document, focal_point_a, ministry_a, coordinator, coordinator_other_state):
    with at(DAY):
        report(recs(assigned_document)["4(a)"], ministry_a, focal_point_a)
        client.force_login(coordinator_other_state)
        assert list(client.get(reverse("observations:review_queue")).context["table"].page.object_list) == []
        client.force_login(coordinator)
        rows = client.get(reverse("observations:review_queue")).context["table"].page.object_list
        assert [row.record.recommendation.code for row in rows] == ["4(a)"]


# --- Colours live on the choices ---------------------------------------------------------


def test_each_choice_carries_its_colour_and_the_badges_use_it():
    assert ImplementationStatus.IMPLEMENTED.colour == "success"
    assert ReviewState("returned").colour == "danger"
    assert CommitteeGrade.colour_of("D") == "dark" and NgoAssessment.colour_of("") == "secondary"
    assert ImplementationStatus.choices[0] == ("not_started", "Not started")  # stored values unchanged
    assert 'class="badge text-bg-warning" data-status="partially_implemented"' in status_badge(
        "partially_implemented")


# --- Cost does not grow with the data -----------------------------------------------------


def _grow(ministry_a, ministry_b, coordinator, focal_point_a, first, last):
    """Documents ``first`` to ``last``, every recommendation led by ministry A with
    ministry B supporting, each with an update submitted for review."""
    for i in range(first, last + 1):
        document = make_document(symbol=f"CMW/C/XY{i}/CO/1")
        services.bulk_assign(document, document.recommendations.all(), organization=ministry_a, by=coordinator)
        services.bulk_assign(document, document.recommendations.all(), organization=ministry_b, role="supporting",
                             by=coordinator)
        for recommendation in document.recommendations.select_related("document"):
            report(recommendation, ministry_a, focal_point_a)


def _count(client, user, path):
    client.force_login(user)
    client.get(path)  # caches warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), len(response.context["table"].page.object_list)


def test_the_list_pages_issue_the_same_number_of_queries_at_two_data_sizes(
        client, assigned_document, coordinator, focal_point_a, ministry_a, ministry_b):
    pages = [
        (coordinator, reverse("observations:document_list")),
        (focal_point_a, reverse("observations:my_work")),
        (coordinator, reverse("observations:my_work")),
        (coordinator, reverse("observations:review_queue")),
        (coordinator, tracking_list(assigned_document)),
    ]
    with at(DAY):
        _grow(ministry_a, ministry_b, coordinator, focal_point_a, 1, 1)
        small = [_count(client, user, path) for user, path in pages]
        _grow(ministry_a, ministry_b, coordinator, focal_point_a, 2, 5)
        report(recs(assigned_document)["6"], ministry_a, focal_point_a)
        big = [_count(client, user, path) for user, path in pages]
    assert [queries for queries, _rows in big] == [queries for queries, _rows in small]
    # The data did grow: more documents, more assigned work, more updates to review.
    assert [rows for _q, rows in big][:2] > [rows for _q, rows in small][:2]
    assert big[3][1] > small[3][1]
