"""Template filters that ask ``observations.permissions`` what the reader may see."""

from django import template

from .. import permissions

register = template.Library()


@register.filter
def history_visible_to(entries, user):
    """The history entries (already read) the user may read; one query."""
    return permissions.visible_history(user, entries or [])
