"""Uploads waiting between their preview and their uploader's confirmation (the site's
import page): the files wait in a ``PendingImport`` row for their uploader alone, and are
imported once (``confirm_pending``) or dropped (``cancel_pending``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from .. import permissions as perms
from ..choices import PendingImportStatus
from ..importer.model import ImportRejected
from ..models import Document, LanguageVersion, PendingImport, PendingImportFile
from .import_preview import preview_files
from .imports import UploadedText, import_files

PENDING_LIFETIME = dt.timedelta(hours=24)
PENDING_PER_USER = 5  # a person's older uploads still waiting beyond this many are removed


class PendingRefused(Exception):
    """The upload cannot be confirmed, cancelled or shown to this person. ``message`` is
    for a person; nothing was written."""

    def __init__(self, message: str, *, status: int = 403):
        self.message = message
        self.status = status
        super().__init__(message)


@dataclass
class Confirmed:
    document: Document | None
    lines: list[str]
    already: bool = False  # an earlier confirmation imported it; this one wrote nothing


def remove_expired(now: dt.datetime | None = None) -> int:
    """Remove the uploads (waiting, imported or cancelled) whose time is up, with their
    files; how many uploads were removed."""
    _deleted, by_model = PendingImport.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return by_model.get(PendingImport._meta.label, 0)


def stage_upload(files: list[UploadedText], *, symbol: str | None = None, user) -> PendingImport:
    """Preview the files and keep them, waiting for their uploader's confirmation.
    Raises ImportRejected (nothing kept) when they cannot be imported."""
    if not perms.can_open_import_page(user):
        raise PermissionDenied
    for upload in files:
        if len(upload.data) > settings.IMPORT_MAX_BYTES:
            raise ImportRejected(
                f"{upload.name} is {filesizeformat(len(upload.data))}; the largest file that can be imported is "
                f"{filesizeformat(settings.IMPORT_MAX_BYTES)}.", code="too_large")
    remove_expired()
    preview = preview_files(files, symbol=symbol, user=user)
    now = timezone.now()
    with transaction.atomic():
        pending = PendingImport.objects.create(
            uploaded_by=user, created_at=now, expires_at=now + PENDING_LIFETIME, symbol_option=symbol or "",
            symbol=preview.symbol, state=preview.state, preview=preview.to_json(), base=preview.base,
        )
        PendingImportFile.objects.bulk_create(
            PendingImportFile(pending=pending, position=i, name=upload.name[:255], language=upload.language or "",
                              data=upload.data)
            for i, upload in enumerate(files)
        )
        older = (PendingImport.objects.filter(uploaded_by=user, status=PendingImportStatus.PENDING)
                 .order_by("-created_at", "-pk").values_list("pk", flat=True)[PENDING_PER_USER:])
        PendingImport.objects.filter(pk__in=list(older)).delete()
    return pending


def pending_for(pk, user, *, lock: bool = False) -> PendingImport:
    """The upload ``pk`` if ``user`` made it; PendingRefused otherwise."""
    rows = PendingImport.objects.select_related("document")
    pending = (rows.select_for_update(of=("self",)) if lock else rows).filter(pk=pk).first()
    if pending is None or pending.expires_at <= timezone.now():
        raise PendingRefused(_("This upload is no longer waiting: uploads are kept for %(hours)s hours. "
                               "Nothing was imported; upload the files again.")
                             % {"hours": int(PENDING_LIFETIME.total_seconds() // 3600)}, status=404)
    if pending.uploaded_by_id != getattr(user, "pk", None):
        raise PendingRefused(_("This upload was made by someone else: only the person who uploaded the files may "
                               "see, confirm or cancel it. Nothing was imported."))
    return pending


def refuse_other_state(user, symbol: str, state) -> None:
    if not perms.can_import_document_for(user, state):
        raise PendingRefused(
            _("%(symbol)s is a document of %(state)s: only the coordinators of %(state)s, or the staff who import "
              "documents, may import it. Nothing was imported.")
            % {"symbol": symbol, "state": countries.name(str(state)) or state})


def confirm_pending(pk, *, user) -> Confirmed:
    """Import the upload ``pk``, once: the uploader confirms what the preview showed.

    The upload's row is locked for the whole import, so that a second confirmation (a
    double click, a replayed request, another server process) waits, then finds it
    imported and writes nothing. Refused (PendingRefused, nothing written) when someone
    else uploaded it, its document belongs to a State the user may not import for, or the
    document changed since the preview; ImportRejected when the import itself refuses."""
    with transaction.atomic():
        pending = pending_for(pk, user, lock=True)
        if pending.status == PendingImportStatus.CONFIRMED:
            return Confirmed(pending.document, list(pending.result), already=True)
        if pending.status == PendingImportStatus.CANCELLED:
            raise PendingRefused(_("This upload was cancelled; nothing was imported. Upload the files again to "
                                   "import them."), status=409)
        refuse_other_state(user, pending.symbol, pending.state)
        document = Document.objects.select_for_update().filter(symbol=pending.symbol).first()
        if document is not None:
            refuse_other_state(user, document.symbol, document.state)
        held = dict(LanguageVersion.objects.filter(document__symbol=pending.symbol)
                    .values_list("language", "checksum"))
        if held != pending.base:
            raise PendingRefused(_("%(symbol)s changed in the tracker since this preview (someone imported a version "
                                   "of it). Nothing was imported; upload the files again to see what would change "
                                   "now.") % {"symbol": pending.symbol}, status=409)
        files = [UploadedText(f.name, bytes(f.data), f.language or None) for f in pending.files.all()]
        result = import_files(files, symbol=pending.symbol_option or None, replace=True, user=user)
        refuse_other_state(user, result.document.symbol, result.document.state)  # rolls the import back
        pending.status = PendingImportStatus.CONFIRMED
        pending.finished_at = timezone.now()
        pending.document = result.document
        pending.result = result.summary_lines()
        pending.save(update_fields=["status", "finished_at", "document", "result"])
        pending.files.all().delete()
    return Confirmed(result.document, list(pending.result))


def cancel_pending(pk, *, user) -> PendingImport:
    """Drop the upload ``pk`` without importing anything (its uploader only)."""
    with transaction.atomic():
        pending = pending_for(pk, user, lock=True)
        if pending.status == PendingImportStatus.CONFIRMED:
            raise PendingRefused(_("This upload was already imported, so it can no longer be cancelled."),
                                 status=409)
        if pending.status == PendingImportStatus.PENDING:
            pending.status = PendingImportStatus.CANCELLED
            pending.finished_at = timezone.now()
            pending.save(update_fields=["status", "finished_at"])
            pending.files.all().delete()
    return pending
