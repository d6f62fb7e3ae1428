"""Import tasks: remove the site's uploads whose time is up (beat, hourly). Removing is
idempotent: a second run, or one that overlaps with an upload's own clean-up, removes
nothing more."""

from __future__ import annotations

from celery import shared_task

from ..services import pending_imports


@shared_task(name="observations.remove_expired_uploads", ignore_result=True)
def remove_expired_uploads() -> int:
    return pending_imports.remove_expired()
