"""The dashboard's SVG charts: the right bars and values, escaped labels, mirrored right
to left, shown (with their numbers) on the tracking dashboard to those who see it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from lxml import etree
from lxml import html as lhtml

from observations.exports import charts
from observations.selectors.tracking import StatusCounts
from observations.services import tracking as services

NS = {"s": charts.SVG_NS}


def parse(svg: str):
    return etree.fromstring(svg.encode())


def rows():
    return [("Cluster A", StatusCounts({"implemented": 2, "in_progress": 1})),
            ("Cluster B", StatusCounts({"not_started": 3}))]


def test_stacked_bars_have_one_segment_per_status_with_its_count():
    svg = parse(charts.stacked_bars("c", "Status", rows()))
    assert svg.get("role") == "img"
    assert svg.find("s:title", NS).text == "Status"
    assert "Implemented 2" in svg.find("s:desc", NS).text
    bars = svg.xpath("//s:g[@class='bar']", namespaces=NS)
    assert [(b.get("data-label"), b.get("data-total")) for b in bars] == [("Cluster A", "3"), ("Cluster B", "3")]
    first = {r.get("data-status"): r for r in bars[0].xpath("s:rect", namespaces=NS)}
    assert {k: r.get("data-count") for k, r in first.items()} == {"in_progress": "1", "implemented": "2"}
    # Twice the count, twice the width.
    assert float(first["implemented"].get("width")) == pytest.approx(
        2 * float(first["in_progress"].get("width")), abs=0.2)
    assert first["implemented"].get("fill") == charts.COLOURS["success"]


def test_labels_are_escaped():
    svg = charts.stacked_bars("c", "<b>T</b>", [("<script>alert(1)</script> & co", StatusCounts({"implemented": 1}))])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    tree = parse(svg)
    assert tree.xpath("//s:g[@class='bar']/s:text[@class='label']", namespaces=NS)[0].text.startswith("<script>")


def test_right_to_left_mirrors_bars_and_labels():
    ltr, rtl = parse(charts.stacked_bars("c", "T", rows())), parse(charts.stacked_bars("c", "T", rows(), rtl=True))
    assert ltr.get("direction") == "ltr" and rtl.get("direction") == "rtl"
    label = "//s:g[@class='bar'][1]/s:text[@class='label']"
    # The anchor is logical ("end" of the writing): under direction="rtl" the label ends at
    # its left, next to the bar, on the mirrored side.
    ltr_label, rtl_label = ltr.xpath(label, namespaces=NS)[0], rtl.xpath(label, namespaces=NS)[0]
    assert ltr_label.get("text-anchor") == rtl_label.get("text-anchor") == "end"
    assert float(ltr_label.get("x")) == charts.LABEL - 8
    assert float(rtl_label.get("x")) == charts.WIDTH - (charts.LABEL - 8)
    first_rect = "//s:g[@class='bar'][1]/s:rect[1]"
    left = ltr.xpath(first_rect, namespaces=NS)[0]
    right = rtl.xpath(first_rect, namespaces=NS)[0]
    assert float(right.get("x")) == pytest.approx(charts.WIDTH - float(left.get("x")) - float(left.get("width")),
                                                  abs=0.2)
    assert float(left.get("x")) == charts.LABEL
    assert float(right.get("x")) + float(right.get("width")) == pytest.approx(charts.WIDTH - charts.LABEL, abs=0.2)


def test_columns_and_timeline_run_with_the_writing():
    points = [("2026-01", 1), ("2026-02", 0), ("2026-03", 4)]
    for rtl in (False, True):
        svg = parse(charts.columns("m", "Per month", points, rtl=rtl))
        groups = svg.xpath("//s:g[@class='column']", namespaces=NS)
        assert [(g.get("data-label"), g.get("data-count")) for g in groups] == [(m, str(n)) for m, n in points]
        xs = [float(g.find("s:rect", NS).get("x")) for g in groups]
        assert xs == sorted(xs, reverse=rtl)
    events = [(dt.date(2026, 6, 1), "Follow-up", "danger"), (dt.date(2027, 1, 1), "Report", "primary")]
    for rtl in (False, True):
        svg = parse(charts.timeline("t", "Deadlines", events, today=dt.date(2026, 12, 1), rtl=rtl))
        xs = [float(c.get("cx")) for c in svg.xpath("//s:g[@class='event']/s:circle", namespaces=NS)]
        assert xs == sorted(xs, reverse=rtl)
        assert svg.xpath("//s:g[@class='today']", namespaces=NS)


@pytest.mark.django_db
def test_validated_updates_are_counted_per_month_without_gaps(assigned_document, coordinator, focal_point_a):
    ministry = focal_point_a.memberships.first().organization
    for position, day in ((0, dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)), (2, dt.datetime(2026, 3, 2, 12,
                                                                                            tzinfo=dt.UTC))):
        with time_machine.travel(day, tick=False):
            update = services.create_update(assigned_document.recommendations.get(position=position),
                                            organization=ministry, by=focal_point_a, status="in_progress",
                                            narrative="Done.", language="en", as_of=assigned_document.adoption_date)
            services.submit_update(update, by=focal_point_a)
            services.validate_update(update, by=coordinator)
    assert charts.validated_per_month(assigned_document) == [("2026-01", 1), ("2026-02", 0), ("2026-03", 1)]


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_dashboard_shows_the_charts_with_their_numbers(client, coordinator, assigned_document, ministry_a, language):
    client.force_login(coordinator)
    response = client.get(reverse("observations:tracking_dashboard", args=[assigned_document.slug]),
                          HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = lhtml.fromstring(response.content)
    svg = page.xpath('//svg[@id="chart-organizations"]')[0]
    assert svg.get("direction") == ("rtl" if language == "ar" else "ltr")
    with translation.override(language):
        lead = translation.gettext("%(org)s — lead") % {"org": ministry_a.name}
    bars = {g.get("data-label"): g.get("data-total") for g in svg.xpath('.//g[@class="bar"]')}
    assert bars[lead] == "2"
    assert page.xpath('//svg[@id="chart-clusters"]//g[@class="bar"]')
    events = page.xpath('//svg[@id="chart-deadlines"]//g[@class="event"]/@data-date')
    assert "2026-12-06" in events and "2029-12-06" in events
    assert page.xpath('//table[@id="chart-organizations-table"]//th[@scope="row"]')
    assert page.xpath('//link[contains(@href, "charts.css")]')


@pytest.mark.django_db
def test_charts_are_not_shown_to_those_who_may_not_see_the_dashboard(client, assigned_document, focal_point_a,
                                                                      coordinator_other_state):
    url = reverse("observations:tracking_dashboard", args=[assigned_document.slug])
    assert client.get(url).status_code == 302
    for user in (focal_point_a, coordinator_other_state):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403 and b"chart-organizations" not in response.content
