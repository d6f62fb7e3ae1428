"""A document's change log: every recorded change to it and to its tracking, newest first.

For those who read the State's whole tracking (``get_tracked_document``), filtered to the
entries they may read (``permissions.history_visible_to``); by action, a page at a time.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import permissions as perms
from ..choices import HistoryAction
from ..selectors import dashboards
from ..selectors.audit import history_for_document
from .base import get_tracked_document, tracking_context

PER_PAGE = 100


@login_required
def document_history(request, slug):
    document = get_tracked_document(request.user, slug)
    entries = perms.history_visible_to(request.user, history_for_document(document)).select_related(
        "recommendation__paragraph", "recommendation__subparagraph").order_by("-at", "-pk")
    action = request.GET.get("action", "")
    if action in HistoryAction.values:
        entries = entries.filter(action=action)
    else:
        action = ""
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "observations/tracking/document_history.html", tracking_context(
        request, document=document, page=page, actions=HistoryAction.choices, action=action,
        dimension="history", dimensions=dashboards.DIMENSIONS, history_tab=True,
        can_assign=perms.can_assign(request.user, document)))
