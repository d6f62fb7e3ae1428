# ruff: noqa: F811  (the smtp fixture is imported from the support module)
"""Reminders when things go wrong: a mail server that answers 4xx then accepts, a refused
address, a person without an address or with an invalid one, a deadline without a date,
planning run twice at the same moment. Each ends recorded on its notification; the rest
of the batch goes out."""

from __future__ import annotations

import datetime as dt
import threading
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from observations.models import Deadline, Notification
from observations.models.notifications import NotificationStatus
from observations.services import notifications as reminders
from tests.test_reminders_support import UTC, load_demo, parts, smtp  # noqa: F401  (fixture)

DAY = dt.date(2025, 10, 4)


def at(moment: dt.datetime):
    return time_machine.travel(moment, tick=False)


MORNING = dt.datetime(2025, 10, 4, 6, 0, tzinfo=UTC)


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", "--date", DAY.isoformat(), *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def demo(seed_pair):
    return load_demo(seed_pair)


def row(username) -> Notification:
    return Notification.objects.get(recipient__username=username, day=DAY)


def test_a_temporary_refusal_is_retried_with_backoff_and_delivered_once(demo, smtp, settings):
    smtp.temporary["labour@example.org"] = 1
    with at(MORNING):
        output = run()
    labour = row("labour")
    assert labour.status == NotificationStatus.RETRYING and labour.attempts == 1
    assert "451" in labour.last_error and "Digest" in output
    assert labour.next_attempt_at == MORNING + dt.timedelta(seconds=60)
    assert smtp.to("labour@example.org") == [] and len(smtp.messages) == 3
    with at(MORNING + dt.timedelta(seconds=30)):  # too early: the backoff holds
        assert reminders.send(labour.pk).status == "skipped"
    with at(MORNING + dt.timedelta(minutes=2)):
        run()
    labour.refresh_from_db()
    assert labour.status == NotificationStatus.SENT and labour.attempts == 2
    assert len(smtp.to("labour@example.org")) == 1 and len(smtp.messages) == 4


def test_a_permanent_refusal_fails_with_the_reason_and_the_others_go_out(demo, smtp):
    smtp.refuse["foreign@example.org"] = "550 5.1.1 No such mailbox here"
    with at(MORNING):
        run()
    foreign = row("foreign")
    assert foreign.status == NotificationStatus.FAILED
    assert "550" in foreign.last_error and "No such mailbox" in foreign.last_error
    assert smtp.to("foreign@example.org") == []
    assert sorted(smtp.addresses()) == ["coordinator@example.org", "labour@example.org", "ombudsperson@example.org"]
    with at(MORNING + dt.timedelta(hours=2)):  # a failed digest is not retried on its own
        run()
    assert row("foreign").status == NotificationStatus.FAILED and len(smtp.messages) == 3


def test_a_person_without_an_address_and_one_with_an_invalid_address(demo, smtp):
    User = get_user_model()
    User.objects.filter(username="coordinator").update(email="")
    User.objects.filter(username="labour").update(email="bakyt at labour")
    with at(MORNING):
        run()
    assert row("coordinator").status == NotificationStatus.FAILED
    assert row("coordinator").last_error == "The person has no e-mail address."
    assert row("labour").status == NotificationStatus.FAILED
    assert "Invalid e-mail address" in row("labour").last_error
    assert sorted(smtp.addresses()) == ["foreign@example.org", "ombudsperson@example.org"]


def test_a_deadline_without_a_date_is_named_in_the_coordinators_digest(demo, smtp):
    undated = Deadline.objects.create(document=demo, kind="other", due_date=None, precision="priority",
                                      description="Information on the ratification of ILO Convention No. 189.")
    with at(MORNING):
        run()
    coordinator = row("coordinator")
    assert coordinator.status == NotificationStatus.SENT
    assert any(g["type"] == "undated" and g["deadline"] == undated.pk for g in coordinator.items)
    text, html = parts(smtp.to("coordinator@example.org")[0])
    assert "no date recorded" in text and "Record its date" in html
    assert len(smtp.messages) == 4


def test_a_broken_digest_is_recorded_not_raised(demo, smtp):
    with at(MORNING):
        plan = reminders.plan_day(DAY)
    broken = row("ombudsperson")
    Notification.objects.filter(pk=broken.pk).update(items=[{"type": "internal"}])  # no kind, no items
    outcomes = {pk: reminders.send(pk).status for pk in plan.notification_ids}
    assert outcomes[broken.pk] == NotificationStatus.FAILED
    assert "could not be written" in row("ombudsperson").last_error
    assert list(outcomes.values()).count(NotificationStatus.SENT) == 3


def test_the_sweeper_sends_again_a_digest_left_in_sending(demo, smtp):
    with at(MORNING):
        plan = reminders.plan_day(DAY)
        stuck = row("coordinator")
        assert reminders.claim(stuck.pk) is not None  # a sender took it, then died
        assert reminders.send(stuck.pk).status == "skipped"  # no one else sends it meanwhile
        assert reminders.due_for_sending() == []  # not yet past the timeout; the others are new
    with at(MORNING + dt.timedelta(minutes=20)):
        ids = reminders.due_for_sending()
        assert stuck.pk in ids and set(ids) == set(plan.notification_ids)
        for pk in ids:
            reminders.send(pk)
    stuck.refresh_from_db()
    assert stuck.status == NotificationStatus.SENT and stuck.attempts == 2
    assert len(smtp.to("coordinator@example.org")) == 1 and len(smtp.messages) == 4


def test_planning_twice_at_the_same_moment_makes_one_digest_per_person(committees, transactional_db, seed_pair):
    load_demo(seed_pair)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def plan():
        try:
            barrier.wait(timeout=30)
            results.append(reminders.plan_day(DAY))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    with at(MORNING):
        threads = [threading.Thread(target=plan) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == [] and len(results) == 2
    rows = list(Notification.objects.filter(day=DAY).values_list("recipient__username", flat=True))
    assert sorted(rows) == ["coordinator", "foreign", "labour", "ombudsperson"]
    # A third planning later in the day adds nothing either.
    with at(MORNING + dt.timedelta(hours=1)):
        assert reminders.plan_day(DAY).digests == []
    assert Notification.objects.filter(day=DAY).count() == 4
