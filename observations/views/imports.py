"""The site's import page: upload the files of one document, see what the importer found,
then confirm or cancel.

Coordinators import the documents of their own State; whoever may import in the admin
imports any. The upload is previewed (nothing written) and kept, bytes included, in a
``PendingImport`` row until its uploader confirms it (imported once, however often the
confirmation is posted) or cancels it (nothing written). Someone else's upload, an
expired one, or a document of another State is refused with a sentence saying why.
Writes go through ``services.imports``.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..choices import PendingImportStatus
from ..forms.imports import ImportFileFormSet, UploadOptionsForm, uploaded_files
from ..importer.model import ImportRejected
from ..models import PendingImport
from ..services import pending_imports as services
from ..services.import_preview import ImportPreview
from ..services.imports import language_name

# What the preview says when the files do not state a fact (services.import_preview.MISSING_FACTS).
MISSING = {
    "adoption_date": gettext_lazy("the date of adoption"),
    "session": gettext_lazy("the Committee's session"),
    "follow_up": gettext_lazy("a request for follow-up information (which recommendations, by when)"),
    "follow_up_date": gettext_lazy("the date of the follow-up information"),
    "next_report": gettext_lazy("the date of the next periodic report"),
    "next_report_date": gettext_lazy("the date of the next periodic report (the text gives no day or month)"),
}


def refused(request, sentence: str, status: int = 403):
    """A refusal that says why, in a sentence; nothing was imported."""
    return render(request, "observations/imports/refused.html", {"sentence": sentence}, status=status)


def _not_allowed(request):
    return refused(request, _("Only the coordinators of a State, and the staff who import documents, may import "
                              "concluding observations; nothing was imported."))


def import_page(view):
    """The import pages: signed-in coordinators and importers only (anyone else is told who
    may import); an upload that cannot be shown, confirmed or cancelled answers with the
    sentence that says why."""

    @login_required
    @functools.wraps(view)
    def page(request, *args, **kwargs):
        if not perms.can_open_import_page(request.user):
            return _not_allowed(request)
        try:
            return view(request, *args, **kwargs)
        except services.PendingRefused as exc:
            return refused(request, exc.message, exc.status)

    return page


def _waiting(user):
    return list(PendingImport.objects.filter(uploaded_by=user, status=PendingImportStatus.PENDING)
                .only("pk", "symbol", "created_at", "expires_at").order_by("-created_at"))


@import_page
def import_upload(request):
    """Choose the files of one document (one per language) and ask for a preview."""
    rejection = None
    if request.method == "POST":
        formset = ImportFileFormSet(request.POST, request.FILES, prefix="files")
        options = UploadOptionsForm(request.POST)
        if formset.is_valid() and options.is_valid():
            try:
                pending = services.stage_upload(uploaded_files(formset), symbol=options.cleaned_data["symbol"] or None,
                                                user=request.user)
            except ImportRejected as exc:
                rejection = exc.message
            else:
                return redirect(pending.get_absolute_url())
    else:
        formset = ImportFileFormSet(prefix="files")
        options = UploadOptionsForm()
    status = 400 if request.method == "POST" else 200
    return render(request, "observations/imports/upload.html", {
        "formset": formset, "options": options, "rejection": rejection, "max_size": settings.IMPORT_MAX_BYTES,
        "waiting": _waiting(request.user),
    }, status=status)


@import_page
def import_preview(request, pk):
    """What the importer found in the uploaded files, and the buttons to confirm or cancel."""
    pending = services.pending_for(pk, request.user)
    preview = ImportPreview.from_json(pending.preview)
    may_confirm = perms.can_import_document_for(request.user, pending.state)
    other_state = None
    if not may_confirm:
        try:
            services.refuse_other_state(request.user, pending.symbol, pending.state)
        except services.PendingRefused as exc:
            other_state = exc.message
    return render(request, "observations/imports/preview.html", {
        "pending": pending, "preview": preview, "may_confirm": may_confirm, "other_state": other_state,
        "committee_name": preview.committee_name(get_language() or "en"),
        "missing": [MISSING[code] for code in preview.missing if code in MISSING],
        "kept_versions": [language_name(code) for code in preview.kept_languages],
        "is_pending": pending.status == PendingImportStatus.PENDING,
    })


def _summary(lines):
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))


@import_page
@require_POST
def import_confirm(request, pk):
    """Import the previewed files, once."""
    try:
        outcome = services.confirm_pending(pk, user=request.user)
    except ImportRejected as exc:
        messages.error(request, _("The import was refused; nothing was written: %(reason)s") % {"reason": exc.message})
        return redirect("observations:import_preview", pk)
    if outcome.already:
        messages.info(request, _("These files were already imported; nothing was written again."))
    else:
        messages.success(request, _summary(outcome.lines))
    if outcome.document is None:  # imported, then the document was deleted
        return redirect("observations:import_upload")
    return redirect(outcome.document.get_absolute_url())


@import_page
@require_POST
def import_cancel(request, pk):
    """Drop the uploaded files; nothing is imported."""
    pending = services.cancel_pending(pk, user=request.user)
    messages.info(request, _("Cancelled: nothing of %(symbol)s was imported.") % {"symbol": pending.symbol})
    return redirect("observations:import_upload")
