"""A person's notification settings, the signed unsubscribe token, and a State's reminder
schedule: the writes behind the reminder pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone

from ..choices import DigestFrequency, ReminderKind
from ..models import ReminderSchedule
from ..models.notifications import NotificationSettings

UNSUBSCRIBE_SALT = "observations.notifications.unsubscribe"


def settings_for(user) -> NotificationSettings:
    obj, _ = NotificationSettings.objects.get_or_create(
        user=user, defaults={"language": settings.LANGUAGE_CODE})
    return obj


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps({"u": user_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def user_for_token(token: str):
    """The user a token was made for, or None for a forged or damaged token."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return get_user_model().objects.filter(pk=user_id).first() if isinstance(user_id, int) else None


@transaction.atomic
def unsubscribe(user) -> NotificationSettings:
    obj = settings_for(user)
    obj.digest = DigestFrequency.OFF
    obj.unsubscribed_at = timezone.now()
    obj.save(update_fields=["digest", "unsubscribed_at"])
    return obj


@transaction.atomic
def save_schedule(*, state: str, kind: str, days_before: list[int], overdue_every: int, by) -> ReminderSchedule:
    """A coordinator sets when the State's people are reminded of one kind of deadline."""
    from ..permissions import is_coordinator_for

    if not is_coordinator_for(by, state):
        raise PermissionError("Only the State's coordinators change its reminder schedule.")
    if kind not in ReminderKind.values:
        raise ValueError(f"Unknown kind of deadline: {kind}")
    schedule, _ = ReminderSchedule.objects.update_or_create(
        state=state, kind=kind,
        defaults={"days_before": sorted(set(days_before), reverse=True), "overdue_every_days": overdue_every,
                  "updated_by": by},
    )
    return schedule
