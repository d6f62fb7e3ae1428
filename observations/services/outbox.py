"""The outbox's sending side: claim one digest, talk to the mail server, record the
outcome; put back what a dead sender left behind.

A sender claims the row with a conditional UPDATE (planned/retrying → sending, filtered
on the id and the old status); only the claimant talks to the mail server. Errors are
classified: temporary (4xx, connection) → retrying with backoff; permanent (5xx, no or
invalid address, a digest that cannot be written) → failed, with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from ..choices import NotificationStatus
from ..models import Notification

MAX_ATTEMPTS = 6


def sending_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "REMINDER_SENDING_TIMEOUT", 900)))


@dataclass
class SendOutcome:
    status: str  # a NotificationStatus, or "skipped" when someone else holds the row
    retry_in: int | None = None
    error: str = ""


def backoff_seconds(attempts: int) -> int:
    """60 s, 2 min, 4 min, … capped at one hour (REMINDER_RETRY_SECONDS sets the first step)."""
    base = int(getattr(settings, "REMINDER_RETRY_SECONDS", 60))
    return min(base * 2 ** max(attempts - 1, 0), 3600)


def classify(error: Exception) -> tuple[bool, str]:
    """(temporary?, reason) for an error raised while talking to the mail server."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        reason = "; ".join(f"{addr}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
                           for addr, (code, msg) in error.recipients.items())
        return all(400 <= code < 500 for code in codes), reason
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return 400 <= error.smtp_code < 500, f"{error.smtp_code} {message}"
    if isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError, TimeoutError,
                          OSError)):
        return True, f"{type(error).__name__}: {error}"
    return False, f"{type(error).__name__}: {error}"


def claim(notification_id: int) -> Notification | None:
    """Move the row from planned/retrying to sending; None if another sender has it or
    its next attempt is not due yet."""
    now = timezone.now()
    row = Notification.objects.filter(pk=notification_id).values("status").first()
    if row is None or row["status"] not in (NotificationStatus.PLANNED, NotificationStatus.RETRYING):
        return None
    claimed = (
        Notification.objects.filter(pk=notification_id, status=row["status"])
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=NotificationStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1, updated_at=now)
    )
    if not claimed:
        return None
    return Notification.objects.select_related("recipient").get(pk=notification_id)


def _finish(notification: Notification, status: str, error: str = "", retry_in: int | None = None) -> SendOutcome:
    now = timezone.now()
    values = {"status": status, "last_error": error[:2000], "updated_at": now}
    if status == NotificationStatus.SENT:
        values.update(sent_at=now, next_attempt_at=None)
    if retry_in is not None:
        values["next_attempt_at"] = now + dt.timedelta(seconds=retry_in)
    Notification.objects.filter(pk=notification.pk, status=NotificationStatus.SENDING).update(**values)
    return SendOutcome(status, retry_in, error)


def send(notification_id: int, *, connection=None) -> SendOutcome:
    """Send one digest if this call wins the claim. Never raises for a bad address, a
    refused message or a broken template: the reason is recorded on the row."""
    from ..emails import build_digest

    notification = claim(notification_id)
    if notification is None:
        return SendOutcome("skipped")
    address = (notification.recipient.email or "").strip()
    if not address:
        return _finish(notification, NotificationStatus.FAILED, "The person has no e-mail address.")
    try:
        validate_email(address)
    except ValidationError:
        return _finish(notification, NotificationStatus.FAILED, f"Invalid e-mail address: {address}")
    try:
        message = build_digest(notification, address)
    except Exception as error:  # a template or data problem: recorded, never a crashed batch
        return _finish(notification, NotificationStatus.FAILED, f"The digest could not be written: {error}")
    try:
        message.connection = connection or get_connection(fail_silently=False)
        message.send(fail_silently=False)
    except Exception as error:
        temporary, reason = classify(error)
        if temporary and notification.attempts < MAX_ATTEMPTS:
            return _finish(notification, NotificationStatus.RETRYING, reason, backoff_seconds(notification.attempts))
        return _finish(notification, NotificationStatus.FAILED, reason)
    return _finish(notification, NotificationStatus.SENT)


def due_for_sending(now=None) -> list[int]:
    """Rows to (re)queue: stuck in sending past the timeout (put back to retrying here),
    retrying whose time has come, planned for a while without a sender."""
    now = now or timezone.now()
    stale = now - sending_timeout()
    Notification.objects.filter(status=NotificationStatus.SENDING, claimed_at__lt=stale).update(
        status=NotificationStatus.RETRYING, next_attempt_at=None, updated_at=now,
        last_error="The sender stopped before recording the result; sent again.",
    )
    return list(
        Notification.objects.filter(
            Q(status=NotificationStatus.RETRYING, next_attempt_at__isnull=True)
            | Q(status=NotificationStatus.RETRYING, next_attempt_at__lte=now)
            | Q(status=NotificationStatus.PLANNED, created_at__lt=now - dt.timedelta(minutes=5))
        ).values_list("id", flat=True).order_by("id")
    )


def resend(notification: Notification) -> bool:
    """A failed digest goes back to the outbox (the coordinator's page, the admin)."""
    return bool(Notification.objects.filter(pk=notification.pk, status=NotificationStatus.FAILED).update(
        status=NotificationStatus.RETRYING, next_attempt_at=None, attempts=0, updated_at=timezone.now()))


OUTBOX_COLUMNS = ("recipient_id", "day", "email", "language", "items", "keys", "states")


def write_planned(day: dt.date, digests: list) -> None:
    """One row per digest; a row already there for the person and day wins (a concurrent
    or earlier planning). On PostgreSQL the rows go through COPY into a temporary table
    and one INSERT … ON CONFLICT DO NOTHING; elsewhere one bulk INSERT."""
    now = timezone.now()
    if connection.vendor != "postgresql":
        Notification.objects.bulk_create([
            Notification(recipient_id=d.person.user_id, day=day, email=d.person.email, language=d.person.language,
                         items=list(d.groups.values()), keys=sorted(d.keys), states=sorted(d.states),
                         created_at=now)
            for d in digests
        ], ignore_conflicts=True)
        return
    table = Notification._meta.db_table
    columns = ", ".join(OUTBOX_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE reminder_plan (recipient_id bigint, day date, email text, "
                       "language text, items jsonb, keys jsonb, states jsonb) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY reminder_plan ({columns}) FROM STDIN") as copy:
            for d in digests:
                copy.write_row((d.person.user_id, day, d.person.email, d.person.language,
                                getattr(d, "items_text", None) or json.dumps(list(d.groups.values()), ensure_ascii=False),
                                json.dumps(sorted(d.keys)), json.dumps(sorted(d.states))))
        cursor.execute(
            f"INSERT INTO {table} ({columns}, status, attempts, last_error, created_at, updated_at) "
            f"SELECT {columns}, %s, 0, '', %s, %s FROM reminder_plan ON CONFLICT DO NOTHING",
            [NotificationStatus.PLANNED, now, now],
        )
        cursor.execute("DROP TABLE reminder_plan")
