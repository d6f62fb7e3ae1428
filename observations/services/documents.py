"""Writes about a document as a whole: its public page switched on or off."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .. import permissions as perms
from ..choices import HistoryAction
from ..models import Document
from . import audit


def set_public_page(document: Document, on: bool, *, by) -> Document:
    """Switch the document's public page on or off (its State's coordinators only), with
    an entry in the change log; switching to what it already is changes and logs nothing."""
    if not perms.can_switch_public_page(by, document):
        raise PermissionDenied
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.public_page == on:
            return document
        document.public_page = on
        document.save(update_fields=["public_page", "updated_at"])
        audit.record(document, HistoryAction.CHANGED, by=by, before={"public_page": not on},
                     after={"public_page": on}, comment="public page on" if on else "public page off",
                     document=document)
    return document
