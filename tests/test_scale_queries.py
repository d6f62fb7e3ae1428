"""Every main page costs the same number of SQL queries whatever the size of the data:

(a) with more documents (each assigned and reported on), and
(b) with a longer document — more paragraphs and recommendations, a longer history of
    progress updates in every review state, and so more history entries.

Each page is read three times by the same person: on the small world, after (a), and after
(b); the three query counts must be equal. A page that reads something row by row shows up
here as a count that grows. Pages that already have such a test for both sizes elsewhere
(the document list, search) are not repeated here.

The cache is a private in-memory one per test, so that the reports (built once per change
of their data, see ``services.reports``) are measured both when they are built and when
they are served from the cache.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from observations.models import CalendarFeed, Recommendation
from tests.scale_support import follow_up_pk, longer_document, more_documents, page_url

pytestmark = pytest.mark.usefixtures("private_cache")


# --- The pages -----------------------------------------------------------------------------


def _rec6(document):
    return document.recommendations.get(paragraph__number=6).pk


def _feed(user):
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return page_url("calendar_feed", feed.token)


# (name, who reads it, its address from the document, whether it is built once per change)
PAGES = [
    ("document page", "coordinator", lambda d: page_url("document_detail", d.slug, query="?lang=en&compare=ar"), False),
    ("paragraph page", "coordinator", lambda d: page_url("paragraph_detail", d.slug, 6), False),
    ("dashboard by paragraph", "coordinator", lambda d: page_url("tracking_dashboard", d.slug), False),
    ("dashboard by theme", "coordinator", lambda d: page_url("tracking_dashboard_by", d.slug, "themes"), False),
    ("dashboard by organization", "coordinator",
     lambda d: page_url("tracking_dashboard_by", d.slug, "organizations"), False),
    ("dashboard by deadline", "coordinator", lambda d: page_url("tracking_dashboard_by", d.slug, "deadlines"), False),
    ("recommendations, filtered and sorted", "coordinator",
     lambda d: page_url("tracking_recommendations", d.slug, query="?follow_up=on&sort=-status"), False),
    ("recommendations CSV", "coordinator",
     lambda d: page_url("tracking_recommendations", d.slug, query="?follow_up=on&sort=-status&_export=csv"), False),
    ("recommendations XLSX", "coordinator",
     lambda d: page_url("tracking_recommendations", d.slug, query="?follow_up=on&_export=xlsx"), False),
    ("my work, coordinator", "coordinator", lambda d: page_url("my_work"), False),
    ("my work, focal point", "focal_point_a", lambda d: page_url("my_work"), False),
    ("my work, focal point, CSV", "focal_point_a", lambda d: page_url("my_work", query="?_export=csv"), False),
    ("my work, NGO", "ngo_drafter", lambda d: page_url("my_work"), False),
    ("review queue", "coordinator", lambda d: page_url("review_queue"), False),
    ("recommendation with its history, coordinator", "coordinator",
     lambda d: page_url("recommendation_detail", _rec6(d)), False),
    ("recommendation with its history, focal point", "focal_point_b",
     lambda d: page_url("recommendation_detail", _rec6(d)), False),
    ("reports page, coordinator", "coordinator", lambda d: page_url("document_reports", d.slug), True),
    ("reports page, NGO", "ngo_drafter", lambda d: page_url("document_reports", d.slug), False),
    ("follow-up report", "coordinator", lambda d: page_url("follow_up_report", d.slug, follow_up_pk(d)), True),
    ("follow-up report .docx", "coordinator",
     lambda d: reverse("observations:follow_up_report_docx", args=[d.slug, follow_up_pk(d)]), True),
    ("periodic report", "coordinator", lambda d: page_url("periodic_report", d.slug), True),
    ("periodic report .docx", "coordinator", lambda d: page_url("periodic_report_docx", d.slug), True),
    ("calendar feed, focal point", "focal_point_a", lambda d: _feed(d._reader), False),
    ("public page", None, lambda d: page_url("public_page", d.slug), False),
]


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(("who", "address", "built_once"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_the_page_costs_the_same_queries_with_more_documents_and_a_longer_document(
        client, request, small_world, scale_people, who, address, built_once):
    reader = request.getfixturevalue(who) if who else None
    if reader is not None:
        client.force_login(reader)
    document = small_world
    document._reader = reader

    def count():
        if built_once:
            cache.clear()  # the cost of building the page; the cached cost is measured below
        return _count(client, address(document))

    client.get(address(document))  # the first request of a process fills Django's own caches
    small = count()
    more_documents(scale_people)
    with_more_documents = count()
    longer_document(document, scale_people)
    with_a_longer_document = count()
    assert (small, with_more_documents, with_a_longer_document) == (small, small, small)


@pytest.mark.parametrize(("who", "address"), [p[1:3] for p in PAGES if p[3]], ids=[p[0] for p in PAGES if p[3]])
def test_a_report_served_again_is_not_built_again(client, request, small_world, scale_people, who, address):
    """The second request for an unchanged report reads only what tells whether its data
    changed: fewer queries than building it, and the same at both sizes."""
    client.force_login(request.getfixturevalue(who))
    document = small_world
    client.get(address(document))  # the first request of a process fills Django's own caches
    cache.clear()
    built = _count(client, address(document))
    served = _count(client, address(document))
    assert served < built
    longer_document(document, scale_people)
    cache.clear()
    assert _count(client, address(document)) == built
    assert _count(client, address(document)) == served


# --- What the faster rendering still does ------------------------------------------------------


def test_the_review_queue_validates_with_its_own_form_under_csrf_checks(small_world, coordinator):
    """The queue's Validate buttons are built without a template per row: the form still
    carries the CSRF token, and posting it validates the update."""
    import lxml.html
    from django.test import Client

    from observations.choices import ReviewState
    from observations.models import ProgressUpdate

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    waiting = ProgressUpdate.objects.filter(review_state=ReviewState.SUBMITTED).order_by("submitted_at", "id")
    first = waiting.first()
    tree = lxml.html.fromstring(client.get(page_url("review_queue")).content.decode())
    forms = tree.xpath('//table[@id="review-table"]//form')
    assert len(forms) == waiting.count() > 0
    form = forms[0]
    assert form.get("action") == page_url("update_validate", first.pk)
    assert [a.get("href") for a in form.getparent().xpath("./a")] == [
        page_url("update_return", first.pk), first.get_absolute_url()]
    data = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
    response = client.post(form.get("action"), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.review_state == ReviewState.VALIDATED


def test_the_dashboard_bars_and_cells_are_what_the_templates_render(client, small_world, coordinator):
    import lxml.html
    from django.template.loader import render_to_string

    from observations.selectors.tracking import status_rollup

    client.force_login(coordinator)
    tree = lxml.html.fromstring(client.get(page_url("tracking_dashboard", small_world.slug)).content.decode())
    rows = tree.xpath('//table[@id="rollup-table"]/tbody/tr')
    rollup = status_rollup(small_world)
    bars = [lxml.html.tostring(row.xpath("./td")[-1], encoding="unicode") for row in rows]
    expected = render_to_string("observations/tracking/_status_bar.html", {"counts": rollup.paragraphs[6]}).strip()
    assert any(expected in bar for bar in bars)
    assert tree.xpath('//table[@id="rollup-table"]/tbody/tr/td[@class="text-end"]')


# --- The indexes the pages rely on ---------------------------------------------------------------


def _plan(sql, params=()) -> str:
    with connection.cursor() as cursor:
        # With sequential scans off, a table is read through an index that matches the
        # condition when there is one (the plan names it) — whatever the size of the data.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_review_states_and_the_history_are_read_through_their_indexes(small_world, coordinator, focal_point_a):
    from observations import permissions as perms
    from observations.selectors.reports import _params, _sql
    from observations.selectors.tracking import reported_exists

    queue = perms.review_queue_for(coordinator)
    sql, params = queue.query.sql_with_params()
    plan = _plan(sql + " LIMIT 50", params)
    assert "update_queue_idx" in plan or "update_submitted_" in plan, plan  # a partial index of the review state
    reported = Recommendation.objects.filter(reported_exists())
    assert "update_reported_rec_idx" in _plan(*reported.query.sql_with_params())
    assert "history_document_id_idx" in _plan(_sql(), _params(small_world))
    work = perms.assignments_for(focal_point_a)
    plan = _plan(*work.query.sql_with_params())
    assert "update_submitted_" in plan and "update_reported_rec_idx" in plan, plan
