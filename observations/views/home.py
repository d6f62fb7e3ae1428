"""Where each person starts and what the navbar offers them.

``landing`` is the page after signing in: a coordinator or viewer of a State lands on the
follow-up dashboard of its newest document, a focal point on My work, an NGO member on
the reports page of its shadow report, anyone else on the document list.
``navigation`` (a context processor) tells the navbar which sections the user may use,
from the permission predicates alone.
"""

from __future__ import annotations

from functools import partial

from django.shortcuts import redirect
from django.urls import reverse

from .. import permissions as perms
from ..models import Document


def landing_url(user) -> str:
    """The page where ``user`` starts their work."""
    access = perms.access_for(user)
    if not access.is_authenticated:
        return reverse("observations:document_list")
    if access.reader_states or access.is_superuser:
        document = perms.documents_tracked_by(user).order_by("-adoption_date", "symbol").first()
        if document is not None:
            return reverse("observations:tracking_dashboard", args=[document.slug])
    if access.assigned_reader_org_ids:
        return reverse("observations:my_work")
    if access.ngo_org_ids:
        report = perms.shadow_reports_readable_by(user).select_related("document").order_by("-pk").first()
        document = report.document if report else (
            Document.objects.filter(state__in=list(access.ngo_states)).order_by("-adoption_date", "symbol").first()
        )
        if document is not None:
            return reverse("observations:document_reports", args=[document.slug])
    return reverse("observations:document_list")


def landing(request):
    """After signing in (LOGIN_REDIRECT_URL): the user's own work."""
    return redirect(landing_url(request.user))


def navigation(request) -> dict:
    """What the navbar shows: computed lazily, once per page, from the permissions."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}

    access = perms.access_for(user)
    return {
        "nav": {
            "my_work": bool(access.reader_states or access.assigned_reader_org_ids or access.is_superuser),
            "review": perms.is_coordinator(user),
            "shadow_reports": bool(access.ngo_org_ids),
            # Asked only by the pages that offer the import (the permission check costs queries).
            "import_documents": partial(perms.can_import_documents, user),
            # The site's import page, in the navbar: costs no query but for staff (their permissions).
            "import_page": partial(perms.can_open_import_page, user),
        }
    }
