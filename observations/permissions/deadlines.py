"""Who manages what around deadlines: the Committee's deadlines of a document, an
organization's calendar feed."""

from __future__ import annotations

from .access import access_for, is_coordinator_for


def can_manage_deadlines(user, document) -> bool:
    """Mark a deadline of the document met, record an extension, undo either: the
    coordinators of the document's State (and superusers)."""
    return is_coordinator_for(user, document.state)


def can_manage_calendar_feed(user, organization) -> bool:
    """See and regenerate an organization's calendar feed: its active members other than
    viewers (and superusers)."""
    access = access_for(user)
    if access.is_superuser:
        return True
    return organization.is_active and organization.pk in access.active_org_ids


__all__ = ["can_manage_calendar_feed", "can_manage_deadlines"]
