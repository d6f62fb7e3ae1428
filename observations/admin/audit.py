"""The change log in the admin: every entry, view only, filtered by action, kind of
object, person and date. Entries are written by ``services.audit`` alone."""

import json

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..models import HistoryEntry
from .base import ViewOnlyMixin


def _pretty(value) -> str:
    if value is None:
        return "—"
    return format_html('<pre dir="ltr" style="white-space:pre-wrap">{}</pre>',
                       json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))


@admin.register(HistoryEntry)
class HistoryEntryAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "action", "content_type", "object_link", "document", "actor")
    list_filter = (
        "action",
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("actor", admin.RelatedOnlyFieldListFilter),
        "at",
    )
    date_hierarchy = "at"
    search_fields = ("object_repr", "comment", "actor__username", "document__symbol")
    list_select_related = ("content_type", "actor", "document")
    fields = ("at", "actor", "action", "content_type", "object_link", "document", "recommendation", "update",
              "comment", "change_table", "before_json", "after_json")
    readonly_fields = fields
    ordering = ("-at", "-id")

    @admin.display(description=_("object"), ordering="object_repr")
    def object_link(self, obj):
        if obj.content_type_id and obj.object_id is not None and obj.action != "deleted":
            model = obj.content_type.model_class()
            if model is not None:
                try:
                    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                                  args=[obj.object_id])
                except NoReverseMatch:
                    url = None
                if url:
                    return format_html('<a href="{}">{}</a>', url, obj.object_repr)
        return obj.object_repr or "—"

    @admin.display(description=_("changes"))
    def change_table(self, obj):
        rows = obj.field_changes()
        if not rows:
            return "—"
        body = format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rows)
        return format_html(
            '<table><thead><tr><th></th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>',
            _("before"), _("after"), body,
        )

    @admin.display(description=_("before"))
    def before_json(self, obj):
        return _pretty(obj.before)

    @admin.display(description=_("after"))
    def after_json(self, obj):
        return _pretty(obj.after)
