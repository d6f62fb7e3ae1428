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


def test_a_focal_point_of_two_organizations_gets_both_and_shared_groups_stay_as_planned(db):
    """Focal points of one organization share its groups; someone who also belongs to the
    other ministry gets the items of both in one group, and the others' groups keep theirs."""
    import json

    from observations.models import Membership, Organization

    build(STATES[:1])
    ministry_a, ministry_b = Organization.objects.filter(name__startswith="Ministry").order_by("name")
    make_user("second_focal_A", ministry_a, Role.FOCAL_POINT)
    both = make_user("focal_both", ministry_a, Role.FOCAL_POINT)
    Membership.objects.create(user=both, organization=ministry_b, role=Role.FOCAL_POINT)
    Notification.objects.all().delete()
    plan = reminders.plan_day(DAY)
    digests = {d.person.name: d for d in plan.digests}

    def codes(name):
        return sorted((key, item["code"]) for key, group in digests[name].groups.items() for item in group["items"])

    def keys(name):
        return {key for key in digests[name].keys if key.startswith("i:")}

    assert codes("second_focal_A") == codes("focal_0_KG")
    assert codes("focal_both") == sorted(codes("focal_0_KG") + codes("focal_1_KG"))
    assert keys("focal_both") == keys("focal_0_KG") | keys("focal_1_KG")
    assert not keys("focal_0_KG") & keys("focal_1_KG")
    # The outbox rows hold exactly the groups decided, in order, for everyone.
    rows = {n.recipient_id: n for n in Notification.objects.filter(day=DAY)}
    assert len(rows) == len(plan.digests) == 5
    for digest in plan.digests:
        assert rows[digest.person.user_id].items == list(digest.groups.values())
        assert json.loads(digest.items_text) == list(digest.groups.values())
        assert rows[digest.person.user_id].keys == sorted(digest.keys)
