"""Small helpers every tracking write shares: the permission gate, the history entry and the
lead time of internal deadlines."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied

from ..models import HistoryEntry
from . import audit

DEFAULT_LEAD_DAYS = 60


def lead_days() -> int:
    return int(getattr(settings, "FOLLOW_UP_LEAD_DAYS", DEFAULT_LEAD_DAYS))


def require(allowed: bool) -> None:
    """Raise PermissionDenied (nothing written) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied


def log(recommendation, action, by, *, before=None, after=None, update=None, comment="") -> HistoryEntry:
    """The history entry of one tracking write on ``recommendation``."""
    return audit.record(None, action, by=by, before=before, after=after, update=update, comment=comment,
                        recommendation=recommendation)
