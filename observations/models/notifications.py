"""Deadline reminders: the schedule per kind of deadline, each person's notification
settings, and the outbox of e-mails (one row per person and day).

The outbox row is written in the same transaction that decides a digest is due; its
unique key (recipient, day) is what makes a second planning of the same day create
nothing. A sender claims a row by moving it from planned/retrying to sending with a
conditional UPDATE; only the claimant talks to the mail server (services.notifications).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..choices import DigestFrequency, NotificationStatus, ReminderKind

DEFAULT_DAYS_BEFORE = [90, 30, 14, 7, 1, 0]
DEFAULT_OVERDUE_EVERY = 7


def default_days_before():
    return list(DEFAULT_DAYS_BEFORE)


class OutboxJSONField(models.JSONField):
    """JSON inserted as plain VALUES rows: PostgreSQL's bulk insert through UNNEST would
    quote thousands of JSON documents as one array literal, which is slow."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"


class ReminderSchedule(models.Model):
    """When a State's people are reminded of one kind of deadline. Without a row the
    default applies: 90, 30, 14, 7 and 1 days before, on the day, then weekly."""

    state = CountryField()
    kind = models.CharField(max_length=24, choices=ReminderKind.choices, verbose_name=_("kind of deadline"))
    days_before = models.JSONField(
        default=default_days_before, verbose_name=_("days before"),
        help_text=_("Days before the deadline on which a reminder goes out; 0 is the day itself."),
    )
    overdue_every_days = models.PositiveSmallIntegerField(
        default=DEFAULT_OVERDUE_EVERY, verbose_name=_("while overdue, every (days)"),
        help_text=_("0 stops reminders once the deadline has passed."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["state", "kind"]
        constraints = [models.UniqueConstraint(fields=["state", "kind"], name="reminder_schedule_unique")]

    def __str__(self):
        return f"{self.state}: {self.get_kind_display()}"


class NotificationSettings(models.Model):
    """One person's choice of digest and language. The address is the user's e-mail."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_settings")
    digest = models.CharField(
        max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.DAILY, verbose_name=_("digest"),
        help_text=_("Off still sends the Committee's deadlines to coordinators."),
    )
    language = models.CharField(max_length=7, choices=settings.LANGUAGES, default="en",
                                verbose_name=_("language of the e-mails"))
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user}: {self.get_digest_display()}, {self.language}"


class Notification(models.Model):
    """One e-mail of the outbox: a person's digest of one day."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    day = models.DateField(verbose_name=_("day"))
    email = models.CharField(max_length=254, blank=True, verbose_name=_("address"))
    language = models.CharField(max_length=7, default="en")
    items = OutboxJSONField(default=list, help_text=_("The deadlines of the digest, grouped."))
    keys = OutboxJSONField(default=list, help_text=_("Keys of the reminders the digest carries."))
    states = OutboxJSONField(default=list, help_text=_("States whose deadlines the digest carries."))
    status = models.CharField(max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PLANNED,
                              db_index=True, verbose_name=_("status"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day", "recipient_id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="one_digest_per_person_and_day"),
            models.CheckConstraint(condition=models.Q(status__in=NotificationStatus.values),
                                   name="notification_status_valid"),
        ]
        indexes = [models.Index(fields=["day"], name="notification_day")]

    def __str__(self):
        return f"{self.recipient} — {self.day} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """The same for every attempt, so that a mail client shows a re-sent digest once."""
        domain = getattr(settings, "EMAIL_MESSAGE_ID_DOMAIN", "") or "followup-tracker.local"
        return f"<digest-{self.pk}-{self.day:%Y%m%d}@{domain}>"

    @property
    def item_count(self) -> int:
        return sum(len(group.get("items", [])) or 1 for group in self.items)
