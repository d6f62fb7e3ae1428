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


def chart_url(document, name):
    return reverse("observations:tracking_chart", args=[document.slug, name])


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_dashboard_shows_the_charts_as_svg_images(client, coordinator, assigned_document, ministry_a, language):
    client.force_login(coordinator)
    response = client.get(reverse("observations:tracking_dashboard", args=[assigned_document.slug]),
                          HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = lhtml.fromstring(response.content)
    sources = page.xpath('//section[contains(@class, "dashboard-charts")]//img/@src')
    assert sources == [chart_url(assigned_document, name) for name in charts.CHARTS]
    assert all(alt.strip() for alt in page.xpath('//section[contains(@class, "dashboard-charts")]//img/@alt'))
    assert page.xpath('//link[contains(@href, "charts.css")]')
    image = client.get(chart_url(assigned_document, "organizations"), HTTP_ACCEPT_LANGUAGE=language)
    assert image["Content-Type"].startswith("image/svg+xml")
    svg = parse(image.content.decode())
    assert svg.get("direction") == ("rtl" if language == "ar" else "ltr")
    with translation.override(language):
        lead = translation.gettext("%(org)s — lead") % {"org": ministry_a.name}
        assert svg.find("s:title", NS).text == translation.gettext("Official status by organization")
    bars = {g.get("data-label"): g.get("data-total") for g in svg.xpath("//s:g[@class='bar']", namespaces=NS)}
    assert bars[lead] == "2"
    deadlines = parse(client.get(chart_url(assigned_document, "deadlines")).content.decode())
    events = deadlines.xpath("//s:g[@class='event']/@data-date", namespaces=NS)
    assert "2026-12-06" in events and "2029-12-06" in events


@pytest.mark.django_db
def test_charts_page_shows_each_chart_inline_with_its_numbers(client, coordinator, assigned_document, ministry_a):
    client.force_login(coordinator)
    response = client.get(reverse("observations:tracking_charts", args=[assigned_document.slug]),
                          HTTP_ACCEPT_LANGUAGE="ar")
    page = lhtml.fromstring(response.content)
    assert page.xpath('//html[@dir="rtl"]')
    for name in charts.CHARTS:
        assert page.xpath(f'//svg[@id="chart-{name}"][@role="img"]'), name
        assert page.xpath(f'//table[@id="chart-{name}-table"]'), name
    rows = page.xpath('//table[@id="chart-organizations-table"]/tbody/tr')
    assert any(ministry_a.name in row.text_content() for row in rows)
    assert page.xpath('//svg[@id="chart-clusters"]')[0].get("direction") == "rtl"


@pytest.mark.django_db
def test_unknown_chart_is_a_404(client, coordinator, assigned_document):
    client.force_login(coordinator)
    assert client.get(chart_url(assigned_document, "nothing")).status_code == 404


@pytest.mark.django_db
def test_chart_queries_do_not_grow_with_the_data(client, coordinator, assigned_document, ministry_a, ministry_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    url = reverse("observations:tracking_charts", args=[assigned_document.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    from tests.factories import make_organization

    for i, recommendation in enumerate(assigned_document.recommendations.all()):
        services.assign(recommendation, lead=make_organization(f"Agency {i}"), supporting=[ministry_a, ministry_b],
                        by=coordinator)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_charts_are_refused_like_the_dashboard(client, assigned_document, focal_point_a, ngo_drafter,
                                               coordinator_other_state, viewer):
    urls = [chart_url(assigned_document, "clusters"), reverse("observations:tracking_charts",
                                                              args=[assigned_document.slug])]
    for url in urls:
        assert client.get(url).status_code == 302
    for user in (focal_point_a, ngo_drafter, coordinator_other_state):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 403 and b"<svg" not in response.content
    client.force_login(viewer)
    assert all(client.get(url).status_code == 200 for url in urls)
