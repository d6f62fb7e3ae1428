"""The coordinator's pages: assigning recommendations one by one or by topic, the dashboards
rolling the official status up, the recommendation list's filters, and the committee's grade."""

import datetime as dt

import pytest

from observations.choices import HistoryAction
from observations.models import (
    Assignment,
    CommitteeAssessment,
    HistoryEntry,
)
from observations.services import tracking as services
from tests.tracking_pages_support import TODAY, make_draft, recs, url

# --- Assignments -----------------------------------------------------------------------


def test_the_coordinator_assigns_one_recommendation_with_the_default_deadline(client, document_with_follow_up,
                                                                               coordinator, ministry_a, ministry_b):
    r = recs(document_with_follow_up)["6"]
    client.force_login(coordinator)
    form = client.get(url("assign_recommendation", r.pk)).context["form"]
    assert form.initial["internal_deadline"] == dt.date(2026, 12, 6) - dt.timedelta(days=60)
    response = client.post(url("assign_recommendation", r.pk), {
        "lead": ministry_a.pk, "supporting": [ministry_b.pk], "internal_deadline": "2026-09-30", "note": "",
    })
    assert response.status_code == 302
    assignment = Assignment.objects.get(recommendation=r)
    assert (assignment.lead, list(assignment.supporting.all())) == (ministry_a, [ministry_b])
    assert assignment.internal_deadline == dt.date(2026, 9, 30)


def test_bulk_assignment_form_assigns_a_topic(client, document_with_follow_up, coordinator, ministry_b):
    topic = document_with_follow_up.headings.get(titles__en="Data collection")
    client.force_login(coordinator)
    response = client.post(url("bulk_assign", document_with_follow_up.slug), {
        "heading": topic.pk, "paragraphs": "", "organization": ministry_b.pk, "role": "lead",
    }, follow=True)
    assert "2 recommendations assigned to" in response.content.decode()
    assert set(Assignment.objects.values_list("recommendation__subparagraph__letter", flat=True)) == {"a", "b"}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"paragraphs": "4, 99"}, "has no paragraph 99"),
        ({"paragraphs": "3"}, "There is no recommendation to assign there"),
        ({"paragraphs": "four"}, "is not a paragraph number"),
        ({}, "Choose either a topic or cluster, or a list of paragraph numbers"),
    ],
)
def test_bulk_assignment_refuses_unclear_scopes(client, document_with_follow_up, coordinator, ministry_b, data,
                                                message):
    client.force_login(coordinator)
    response = client.post(url("bulk_assign", document_with_follow_up.slug),
                           {"organization": ministry_b.pk, "role": "lead", **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Assignment.objects.exists()


# --- Dashboards ------------------------------------------------------------------------


@pytest.mark.parametrize("dimension", ["paragraphs", "themes", "organizations", "deadlines"])
def test_dashboards_roll_the_official_status_up(client, assigned_document, coordinator, focal_point_a,
                                                ministry_a, dimension, django_assert_max_num_queries):
    r = recs(assigned_document)["4(a)"]
    update = make_draft(r, ministry_a, focal_point_a, status="implemented")
    services.submit_update(update, by=focal_point_a)
    services.validate_update(update, by=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(url("tracking_dashboard_by", assigned_document.slug, dimension))
    assert response.status_code == 200
    rows = response.context["table"].data.data
    assert any(row["counts"].get("implemented") == 1 for row in rows)
    assert response.context["totals"]["counts"] == {"implemented": 1, "not_started": 2}


def test_the_theme_rollup_counts_a_cluster_as_the_sum_of_its_topics(client, assigned_document, coordinator):
    client.force_login(coordinator)
    rows = client.get(url("tracking_dashboard_by", assigned_document.slug, "themes")).context["table"].data.data
    totals = {row["name"].strip(): row["total"] for row in rows}
    assert totals == {"1. General measures of implementation": 3, "Data collection": 2, "Non-discrimination": 1}


def test_the_recommendation_list_filters_and_stays_constant_in_queries(client, assigned_document, coordinator,
                                                                         ministry_b, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(url("tracking_recommendations", assigned_document.slug) + f"?lead={ministry_b.pk}")
    assert [row.record.code for row in response.context["table"].page.object_list] == ["4(b)"]
    response = client.get(url("tracking_recommendations", assigned_document.slug) + "?follow_up=on&q=6")
    assert [row.record.code for row in response.context["table"].page.object_list] == ["6"]


# --- Committee assessment ------------------------------------------------------------


def test_the_coordinator_records_the_committees_grade(client, assigned_document, coordinator):
    r = recs(assigned_document)["6"]
    client.force_login(coordinator)
    response = client.post(url("assessment_create", r.pk), {
        "grade": "C", "letter_date": TODAY.isoformat(), "letter_symbol": "G/SO 215/51 KGZ", "note": "",
    })
    assert response.status_code == 302
    assert CommitteeAssessment.objects.get().grade == "C"
    assert HistoryEntry.objects.filter(action=HistoryAction.ASSESSMENT_RECORDED).count() == 1
    response = client.post(url("assessment_create", r.pk), {"grade": "Z", "letter_date": "2001-01-01"})
    assert "Select a valid choice" in response.content.decode()
    assert "before the adoption of the document" in response.content.decode()
    assert CommitteeAssessment.objects.count() == 1
