"""A document's public page: off by default (404), switched on and off by its State's
coordinator only (with a change-log entry), and then readable by anyone, with the
recommendations' validated status and the Committee's grades and nothing internal."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from observations.choices import HistoryAction
from observations.models import Document, HistoryEntry
from observations.services import documents as document_services
from observations.services import tracking as services

pytestmark = pytest.mark.django_db

DRAFT = "Confidential draft narrative about the ministry budget"
INTERNAL = dt.date(2026, 3, 17)


@pytest.fixture
def tracked(assigned_document, coordinator, focal_point_a, ministry_a):
    """4(a): validated "in progress" and graded B; 6: a draft and an internal deadline."""
    recs = {r.code: r for r in assigned_document.recommendations.all()}
    with time_machine.travel(dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC), tick=False):
        update = services.create_update(recs["4(a)"], organization=ministry_a, by=focal_point_a,
                                        status="in_progress", narrative="Validated narrative of the ministry",
                                        language="en", as_of=dt.date(2026, 1, 5))
        services.submit_update(update, by=focal_point_a)
        services.validate_update(update, by=coordinator)
        services.record_assessment(recs["4(a)"], grade="B", letter_date=dt.date(2026, 1, 8),
                                   letter_symbol="CMW/FU/KG/2026", by=coordinator)
        services.assign(recs["6"], lead=ministry_a, internal_deadline=INTERNAL, by=coordinator)
        services.create_update(recs["6"], organization=ministry_a, by=focal_point_a, status="implemented",
                               narrative=DRAFT, language="en", as_of=dt.date(2026, 1, 5))
    return assigned_document


def public_url(document):
    return reverse("observations:public_page", args=[document.slug])


def switch_url(document):
    return reverse("observations:public_page_switch", args=[document.slug])


def test_off_by_default_is_a_404_for_everyone(client, tracked, coordinator):
    assert Document.objects.get(pk=tracked.pk).public_page is False
    assert client.get(public_url(tracked)).status_code == 404
    client.force_login(coordinator)
    assert client.get(public_url(tracked)).status_code == 404


def test_on_anyone_reads_statuses_and_grades_and_nothing_internal(client, tracked, coordinator, ministry_a,
                                                                   ministry_b):
    document_services.set_public_page(tracked, True, by=coordinator)
    response = client.get(public_url(tracked))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="in_progress"' in html and 'data-status="not_started"' in html
    assert ">B</span>" in html and "CMW/FU/KG/2026" in html
    assert "Do thing a." in html
    for internal in (DRAFT, "Validated narrative of the ministry", INTERNAL.isoformat(), ministry_a.name,
                     ministry_b.name, 'data-status="implemented"'):
        assert internal not in html, internal


def test_public_page_in_arabic_is_right_to_left(client, tracked, coordinator):
    document_services.set_public_page(tracked, True, by=coordinator)
    html = client.get(public_url(tracked), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in html and "افعل أ." in html


def test_the_coordinator_switches_it_on_and_off_with_a_log_entry(client, tracked, coordinator):
    client.force_login(coordinator)
    response = client.post(switch_url(tracked), {"public_page": "on"})
    assert response.status_code == 302
    assert Document.objects.get(pk=tracked.pk).public_page is True
    assert client.get(public_url(tracked)).status_code == 200
    client.post(switch_url(tracked), {})
    assert Document.objects.get(pk=tracked.pk).public_page is False
    assert client.get(public_url(tracked)).status_code == 404
    entries = HistoryEntry.objects.filter(document=tracked, action=HistoryAction.CHANGED).order_by("at", "id")
    assert [(e.before, e.after, e.actor) for e in entries] == [
        ({"public_page": False}, {"public_page": True}, coordinator),
        ({"public_page": True}, {"public_page": False}, coordinator),
    ]


def test_the_dashboard_offers_the_switch_to_the_coordinator_only(client, tracked, coordinator, viewer):
    url = reverse("observations:tracking_dashboard", args=[tracked.slug])
    client.force_login(coordinator)
    assert 'id="public-page-switch"' in client.get(url).content.decode()
    client.force_login(viewer)
    assert 'id="public-page-switch"' not in client.get(url).content.decode()


def test_only_the_coordinator_of_that_state_may_switch_it(client, tracked, viewer, focal_point_a, ngo_drafter,
                                                          coordinator_other_state, outsider):
    response = client.post(switch_url(tracked), {"public_page": "on"})
    assert response.status_code == 302 and "login" in response["Location"]
    for user in (viewer, focal_point_a, ngo_drafter, coordinator_other_state, outsider):
        client.force_login(user)
        assert client.post(switch_url(tracked), {"public_page": "on"}).status_code == 403, user
        with pytest.raises(PermissionDenied):
            document_services.set_public_page(tracked, True, by=user)
    assert Document.objects.get(pk=tracked.pk).public_page is False
    assert not HistoryEntry.objects.filter(document=tracked, action=HistoryAction.CHANGED).exists()


def test_the_switch_is_post_only(client, tracked, coordinator):
    client.force_login(coordinator)
    assert client.get(switch_url(tracked) + "?public_page=on").status_code == 405
    assert Document.objects.get(pk=tracked.pk).public_page is False


def test_unknown_document_is_a_404(client):
    assert client.get(reverse("observations:public_page", args=["NO_SUCH"])).status_code == 404


def test_public_page_queries_do_not_grow_with_the_grades(client, tracked, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    document_services.set_public_page(tracked, True, by=coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(public_url(tracked))
    for recommendation in tracked.recommendations.all():
        for day in (10, 20):
            services.record_assessment(recommendation, grade="C", letter_date=dt.date(2026, 2, day), by=coordinator)
    with CaptureQueriesContext(connection) as large:
        html = client.get(public_url(tracked)).content.decode()
    assert html.count(">C</span>") == 6
    assert len(large.captured_queries) == len(small.captured_queries)
