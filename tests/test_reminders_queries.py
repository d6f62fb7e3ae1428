"""Planning a day reads and writes in a fixed number of SQL queries, whatever the number
of States, documents, assignments and people."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from observations.choices import OrganizationKind, Role
from observations.models import Assignment, Notification
from observations.services import notifications as reminders
from tests.factories import make_document, make_organization, make_user

DAY = dt.date(2026, 1, 9)
STATES = ["KG", "TJ", "KZ", "UZ", "AM", "GE", "AZ", "MD"]


def build(states: list[str]) -> None:
    """Per State: a coordinating body and its coordinator, two ministries with a focal point
    each, a document whose follow-up is due in 7 days, its recommendations assigned with an
    internal deadline that passed a week ago (lead and supporting)."""
    for state in states:
        body = make_organization(f"Council {state}", OrganizationKind.COORDINATING_BODY, state=state)
        make_user(f"coordinator_{state}", body, Role.COORDINATOR)
        ministries = [make_organization(f"Ministry {k} {state}", state=state) for k in ("A", "B")]
        for k, ministry in enumerate(ministries):
            make_user(f"focal_{k}_{state}", ministry, Role.FOCAL_POINT)
        document = make_document(symbol=f"CMW/C/{state}/CO/1", state=state,
                                 follow_up_due=DAY + dt.timedelta(days=7))
        for i, recommendation in enumerate(document.recommendations.all()):
            assignment = Assignment.objects.create(recommendation=recommendation, lead=ministries[i % 2],
                                                   internal_deadline=DAY - dt.timedelta(days=7))
            assignment.supporting.add(ministries[(i + 1) % 2])


def planning_queries() -> tuple[int, int]:
    Notification.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        plan = reminders.plan_day(DAY)
    return len(queries), len(plan.digests)


def test_planning_issues_the_same_number_of_queries_at_two_sizes(db):
    build(STATES[:2])
    small, small_digests = planning_queries()
    build(STATES[2:])
    large, large_digests = planning_queries()
    assert small_digests == 2 * 3 and large_digests == 8 * 3
    assert small == large
    assert small <= 14  # seven reads, the outbox write (temporary table, COPY, INSERT), its ids
