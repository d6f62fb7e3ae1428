"""Reminder tasks: plan the day (beat, daily), send one digest per task, sweep the outbox
(beat, every few minutes). Tasks take ids and dates, never objects; they acknowledge
late, so a task lost with its worker is delivered again, and the outbox claim makes a
second run harmless."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from ..choices import NotificationStatus
from ..services import notifications as reminders


def enqueue_sends(ids) -> None:
    for notification_id in ids:
        send_notification.delay(notification_id)


@shared_task(name="observations.plan_reminders", acks_late=True, ignore_result=True)
def plan_reminders(day: str | None = None) -> int:
    """Plan the digests of ``day`` (ISO date; today by default) and queue one sending task
    per digest once the outbox rows are committed."""
    date = dt.date.fromisoformat(day) if day else timezone.localdate()
    plan = reminders.plan_day(date, on_planned=enqueue_sends)
    return plan.created


@shared_task(name="observations.send_notification", acks_late=True, ignore_result=True)
def send_notification(notification_id: int) -> str:
    outcome = reminders.send(notification_id)
    if outcome.status == NotificationStatus.RETRYING and outcome.retry_in is not None:
        send_notification.apply_async((notification_id,), countdown=outcome.retry_in)
    return outcome.status


@shared_task(name="observations.sweep_outbox", acks_late=True, ignore_result=True)
def sweep_outbox() -> int:
    """Queue again what no sender finished: rows stuck in sending past the timeout,
    retries whose time has come, planned rows nobody picked up."""
    ids = reminders.due_for_sending()
    enqueue_sends(ids)
    return len(ids)
