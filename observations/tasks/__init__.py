"""Celery tasks of the tracker (found by ``app.autodiscover_tasks()``)."""

from .notifications import plan_reminders, send_notification, sweep_outbox

__all__ = ["plan_reminders", "send_notification", "sweep_outbox"]
