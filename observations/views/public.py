"""A document's public page: its recommendations with their official (validated) status
and the Committee's grades, for anyone once its State's coordinator switched it on (a 404
otherwise). Nothing internal: no assignments, no organizations, no progress updates, no
internal deadlines."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..forms.tracking import reader_language
from ..models import CommitteeAssessment, Document
from ..services import documents as services


def public_page(request, slug):
    document = get_object_or_404(Document.objects.select_related("committee"), slug=slug)
    if not perms.can_read_public_page(request.user, document):
        raise Http404
    language = reader_language()
    recommendations = list(
        document.recommendations.select_related("paragraph__heading", "subparagraph")
        .prefetch_related(Prefetch("assessments", queryset=CommitteeAssessment.objects.only(
            "id", "recommendation_id", "grade", "letter_date", "letter_symbol")))
        .order_by("position")
    )
    for recommendation in recommendations:
        recommendation.public_text = recommendation.text_in(language)
    return render(request, "observations/public/document.html", {
        "document": document, "recommendations": recommendations, "language": language,
    })


@login_required
@require_POST
def public_page_switch(request, slug):
    document = get_object_or_404(Document, slug=slug)
    if not perms.can_switch_public_page(request.user, document):
        raise PermissionDenied
    on = request.POST.get("public_page") == "on"
    services.set_public_page(document, on, by=request.user)
    messages.success(request, _("The public page is on.") if on else _("The public page is off."))
    return redirect("observations:tracking_dashboard", document.slug)
