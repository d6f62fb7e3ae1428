"""Celery tasks of the tracker (found by ``app.autodiscover_tasks()``)."""

from .imports import remove_expired_uploads
from .notifications import plan_reminders, send_notification, sweep_outbox

__all__ = ["plan_reminders", "remove_expired_uploads", "send_notification", "sweep_outbox"]
