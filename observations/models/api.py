"""Personal API tokens: a user creates one in the site to reach the REST API from another
system, sees it once, and may revoke it at any time.

Only a SHA-256 digest of the token is stored, with its first characters so that the
person can tell their tokens apart; a token read from the database cannot be used.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Characters of the token kept in clear, to tell tokens apart on the page.
PREFIX_LENGTH = 8


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def create_token(self, user, name: str) -> tuple[ApiToken, str]:
        """A new token for ``user``: the row and the token itself (shown once)."""
        key = secrets.token_urlsafe(32)
        token = self.create(user=user, name=name, prefix=key[:PREFIX_LENGTH], key_hash=digest(key))
        return token, key

    def matching(self, key: str):
        """The token whose digest matches ``key`` (None when there is none)."""
        return self.select_related("user").filter(key_hash=digest(key)).first()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, verbose_name=_("name"),
                            help_text=_("What the token is for, e.g. the ministry's planning system."))
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used"))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
