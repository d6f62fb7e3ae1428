"""Calendar feeds: a secret address per person and per organization that calendar programs
subscribe to (RFC 5545), listing the deadlines that concern them.

The token is a random, unguessable value (``secrets.token_urlsafe``, 256 bits) and the
only thing that opens a feed; regenerating it replaces the value, so the old address
stops working at once. A feed belongs either to a user or to an organization.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .people import Organization


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="calendar_feed")
    organization = models.OneToOneField(Organization, null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    regenerated_at = models.DateTimeField(null=True, blank=True)
    regenerated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(organization__isnull=True))
                | (models.Q(user__isnull=True) & models.Q(organization__isnull=False)),
                name="calendar_feed_user_or_organization",
            )
        ]

    def __str__(self):
        return str(self.user or self.organization)

    def get_absolute_url(self):
        return reverse("observations:calendar_feed", args=[self.token])

    def regenerate(self, by=None) -> None:
        """A new secret: the old address stops working."""
        self.token = new_token()
        self.regenerated_at = timezone.now()
        self.regenerated_by = by
        self.save(update_fields=["token", "regenerated_at", "regenerated_by"])
