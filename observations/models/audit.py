"""The change log: one row per change to a tracked or imported object.

Every write that matters — the tracking services, the deadline services, the importer and
edits in the admin — records one :class:`HistoryEntry`: who, when, which action, which
object (content type, id and its text at the time), and the object's fields before and
after as JSON. Rows are written only through ``observations.services.audit.record`` and
never edited.

Besides the changed object, an entry names the document it belongs to and, where there
is one, the recommendation, so that the document and recommendation pages read their
history with one indexed query.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import HistoryAction
from .documents import Document, Recommendation
from .tracking import ProgressUpdate


class HistoryEntry(models.Model):
    """One change: who, when, what, to which object, before and after."""

    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("kind of object"),
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True, verbose_name=_("object id"))
    object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(max_length=300, blank=True, verbose_name=_("object"),
                                   help_text=_("The object's name when the change was made."))
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="history", verbose_name=_("document"))
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="history", verbose_name=_("recommendation"))
    at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("when"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("who"))
    action = models.CharField(max_length=24, choices=HistoryAction.choices, verbose_name=_("action"))
    before = models.JSONField(null=True, blank=True, verbose_name=_("before"))
    after = models.JSONField(null=True, blank=True, verbose_name=_("after"))
    update = models.ForeignKey(ProgressUpdate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(blank=True, verbose_name=_("comment"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="history_object_idx"),
            # A document's latest entry (the reports' fingerprint) and its history, newest first.
            models.Index(fields=["document", "id"], name="history_document_id_idx"),
        ]

    def __str__(self):
        what = self.recommendation.code if self.recommendation_id else self.object_repr
        return f"{what}: {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def changed_fields(self) -> list[str]:
        """Names of the fields whose value differs between before and after (all of them for
        a creation or deletion)."""
        before, after = self.before or {}, self.after or {}
        if not isinstance(before, dict) or not isinstance(after, dict):
            return []
        return [key for key in dict.fromkeys([*before, *after]) if before.get(key) != after.get(key)]

    def field_changes(self) -> list[tuple[str, str, str]]:
        """(field label, before, after) for each changed field, in words: choice labels
        rather than stored values, ``—`` for nothing. Uses no query when the content type
        is loaded (it is cached by Django)."""
        model = self.content_type.model_class() if self.content_type_id else None
        before, after = self.before or {}, self.after or {}
        rows = []
        for name in self.changed_fields:
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name.replace("_", " ")
            rows.append((label, _shown(field, before.get(name)), _shown(field, after.get(name))))
        return rows


def _field(model, name):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 — a field removed since the entry was written
        return None
    return field if field.concrete or field.many_to_many and not field.auto_created else None


def _shown(field, value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if field is not None and getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if field is not None and field.is_relation:
        return f"#{value}"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
