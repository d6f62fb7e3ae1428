"""Every write to an NGO shadow report: start one, save an entry or the report's details
(with optimistic concurrency), delete an entry, publish.

Concurrent edits: the editor posts the ``version`` it started from. The save is a
conditional UPDATE on (id, version); when another drafter saved in between, no row
matches, nothing is written, and ``EditConflict`` carries what is stored now so the
second drafter sees both texts and decides. Nothing is silently overwritten.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import ShadowEntry, ShadowReport, ShadowReportPublication

ENTRY_FIELDS = ("assessment", "narrative", "evidence", "proposals")
REPORT_FIELDS = ("title", "introduction", "language")


class EditConflict(Exception):
    """Someone else saved first. ``current`` is the stored object (None if deleted)."""

    def __init__(self, current):
        self.current = current
        super().__init__("edited by someone else")


def drafting_organizations(user):
    """The NGOs for which ``user`` may draft a shadow report."""
    return permissions.drafting_organizations(user)


def may_draft(user, organization) -> bool:
    return permissions.can_draft_for(user, organization)


def start_report(*, organization, document, user, language=None) -> tuple[ShadowReport, bool]:
    """The organization's report on ``document``, created if it has none yet."""
    if not may_draft(user, organization):
        raise PermissionDenied
    defaults = {"created_by": user, "updated_by": user}
    if language:
        defaults["language"] = language
    try:
        with transaction.atomic():
            return ShadowReport.objects.get_or_create(organization=organization, document=document, defaults=defaults)
    except IntegrityError:  # two drafters started it at the same moment
        return ShadowReport.objects.get(organization=organization, document=document), False


def _check_target(report, paragraph, subparagraph):
    if paragraph.document_id != report.document_id:
        raise ValidationError(_("This paragraph is not part of the report's document."))
    if subparagraph is not None and subparagraph.paragraph_id != paragraph.pk:
        raise ValidationError(_("This sub-paragraph is not part of the paragraph."))


def save_entry(*, report, paragraph, subparagraph=None, data: dict, version: int, user) -> ShadowEntry:
    """Create or update the entry on ``paragraph``/``subparagraph``.

    ``version`` is the version the drafter started from: 0 for a new entry. Raises
    ``EditConflict`` when the stored entry is no longer at that version.
    """
    if not permissions.can_edit_shadow_report(user, report):
        raise PermissionDenied
    _check_target(report, paragraph, subparagraph)
    values = {field: data[field] for field in ENTRY_FIELDS if field in data}
    lookup = {"report": report, "paragraph": paragraph, "subparagraph": subparagraph}
    if not version:
        try:
            with transaction.atomic():
                entry = ShadowEntry.objects.create(**lookup, **values, created_by=user, updated_by=user)
        except IntegrityError:
            raise EditConflict(ShadowEntry.objects.filter(**lookup).first()) from None
        _touch(report, user)
        return entry
    updated = ShadowEntry.objects.filter(**lookup, version=version).update(
        **values, version=F("version") + 1, updated_by=user, updated_at=timezone.now(),
    )
    current = ShadowEntry.objects.filter(**lookup).select_related("updated_by").first()
    if not updated:
        raise EditConflict(current)
    _touch(report, user)
    return current


def delete_entry(*, entry: ShadowEntry, version: int, user) -> dict:
    """Delete the entry if it is still at ``version``; what it held, for ``restore_entry``."""
    if not permissions.can_edit_shadow_report(user, entry.report):
        raise PermissionDenied
    deleted, _rows = ShadowEntry.objects.filter(pk=entry.pk, version=version).delete()
    if not deleted:
        raise EditConflict(ShadowEntry.objects.filter(pk=entry.pk).first())
    _touch(entry.report, user)
    return {"paragraph": entry.paragraph_id, "subparagraph": entry.subparagraph_id,
            **{field: getattr(entry, field) for field in ENTRY_FIELDS}}


def restore_entry(*, report, deleted: dict, user) -> ShadowEntry:
    """Write back an entry ``delete_entry`` removed (its undo), as a new entry: refused
    with ``EditConflict`` when someone wrote another entry on the same place since."""
    paragraph = report.document.paragraphs.get(pk=deleted["paragraph"])
    subparagraph = paragraph.subparagraphs.get(pk=deleted["subparagraph"]) if deleted.get("subparagraph") else None
    return save_entry(report=report, paragraph=paragraph, subparagraph=subparagraph,
                      data={field: deleted.get(field) for field in ENTRY_FIELDS if field in deleted},
                      version=0, user=user)


def save_report_details(*, report, data: dict, version: int, user) -> ShadowReport:
    """Save the title, introduction and language, refusing a stale ``version``."""
    if not permissions.can_edit_shadow_report(user, report):
        raise PermissionDenied
    values = {field: data[field] for field in REPORT_FIELDS if field in data}
    updated = ShadowReport.objects.filter(pk=report.pk, version=version).update(
        **values, version=F("version") + 1, updated_by=user, updated_at=timezone.now(),
    )
    current = ShadowReport.objects.get(pk=report.pk)
    if not updated:
        raise EditConflict(current)
    return current


def _touch(report, user):
    ShadowReport.objects.filter(pk=report.pk).update(updated_at=timezone.now(), updated_by=user)


def publish(*, report, user) -> ShadowReportPublication:
    """Freeze the report as it is now; from then on others see this snapshot (and only
    it) until the NGO publishes again."""
    from ..exports.shadow_report import build_content

    if not permissions.can_edit_shadow_report(user, report):
        raise PermissionDenied
    content = build_content(report)
    now = timezone.now()
    with transaction.atomic():
        publication = ShadowReportPublication.objects.create(
            report=report, published_at=now, published_by=user, content=content.as_json(),
            word_count=content.word_count,
        )
        ShadowReport.objects.filter(pk=report.pk).update(published_at=now)
    report.published_at = now
    return publication
