"""Admin for the documents models.

Documents come from the importer (the import page and the imported files are in
``admin.imports``): their text and structure are shown read-only here (only a paragraph's
kind, deadlines and references may be corrected by hand).
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.template.defaultfilters import truncatechars
from django.urls import path
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from .. import permissions
from ..choices import text_dir
from ..forms.documents import DeadlineForm, DeadlineItemForm
from ..models import (
    Citation,
    Committee,
    Deadline,
    DeadlineItem,
    Document,
    Footnote,
    Heading,
    LanguageVersion,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
    pick_language,
)
from . import imports
from .base import AuditedAdmin, ViewOnlyInline, ViewOnlyMixin
from .imports import ImportRecordInline, LanguageVersionInline, zip_response

# --- Helpers -----------------------------------------------------------------------------


def excerpt(texts: dict, length: int = 120) -> str:
    return truncatechars(pick_language(texts or {}, "en"), length)


def texts_by_language(texts: dict):
    """A {language: text} field as one block per language, each with its lang and dir."""
    if not texts:
        return "—"
    return format_html_join(
        "",
        '<div lang="{}" dir="{}" style="margin-block-end:.4rem"><strong>{}</strong>: {}</div>',
        ((code, text_dir(code), code, text) for code, text in texts.items()),
    )


# --- Inlines -----------------------------------------------------------------------------


class DeadlineInline(admin.TabularInline):
    model = Deadline
    form = DeadlineForm
    fields = ("kind", "due_date", "computed", "period_months", "stated_in", "report_number", "item_list")
    readonly_fields = ("item_list",)
    raw_id_fields = ("stated_in",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document", "stated_in__document").prefetch_related(
            Prefetch("items", queryset=DeadlineItem.objects.select_related("paragraph", "subparagraph"))
        )

    @admin.display(description=_("Paragraphs"))
    def item_list(self, obj):
        return ", ".join(str(item) for item in obj.items.all()) or "—"


class ParagraphInline(ViewOnlyInline):
    model = Paragraph
    fields = ("number", "kind", "heading", "subparagraph_letters", "text_excerpt")
    readonly_fields = ("number", "heading", "subparagraph_letters", "text_excerpt")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("heading", "document").prefetch_related(
            "subparagraphs"
        )

    @admin.display(description=_("Sub-paragraphs"))
    def subparagraph_letters(self, obj):
        return ", ".join(s.letter for s in obj.subparagraphs.all()) or "—"

    @admin.display(description=_("Text"))
    def text_excerpt(self, obj):
        return excerpt(obj.text)


class SubParagraphInline(ViewOnlyInline):
    model = SubParagraph
    fields = ("letter", "position", "labels", "text_in_languages")

    @admin.display(description=_("Text"))
    def text_in_languages(self, obj):
        return texts_by_language(obj.text)


class FootnoteInline(ViewOnlyInline):
    model = Footnote
    fk_name = "paragraph"
    fields = ("number", "subparagraph", "text_excerpt")

    @admin.display(description=_("Text"))
    def text_excerpt(self, obj):
        return excerpt(obj.text)


class ReferenceInline(admin.TabularInline):
    model = Reference
    fk_name = "paragraph"
    fields = ("kind", "subparagraph", "footnote", "target_symbol", "target_number", "target_letter", "target")
    readonly_fields = ("subparagraph", "footnote")
    raw_id_fields = ("target",)
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class CitationInline(admin.TabularInline):
    model = Citation
    fields = ("kind", "value", "subparagraph")
    readonly_fields = ("subparagraph",)
    extra = 0


class DeadlineItemInline(admin.TabularInline):
    model = DeadlineItem
    form = DeadlineItemForm
    raw_id_fields = ("paragraph", "subparagraph")
    extra = 0


# --- Model admins ------------------------------------------------------------------------


@admin.register(Committee)
class CommitteeAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("code", "name", "symbol_prefix", "follow_up_months")
    search_fields = ("code", "name", "treaty")


@admin.register(Document)
class DocumentAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("symbol", "committee_code", "state", "report", "adoption_date", "language_codes",
                    "paragraph_count")
    list_filter = ("committee", ("state", CountryFilter), "adoption_date")
    search_fields = ("symbol", "state_report_symbol", "list_of_issues_symbol", "previous_observations_symbol")
    date_hierarchy = "adoption_date"
    readonly_fields = ("slug", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("symbol", "slug", "committee", "state", "periodic_report", "periodic_report_last")}),
        (_("Session and adoption"), {"fields": (
            "session_number", "session_start", "session_end", "considered_meetings", "considered_dates",
            "adopted_meeting", "adoption_date",
        )}),
        (_("Related symbols"), {"fields": (
            "state_report_symbol", "list_of_issues_symbol", "previous_observations_symbol",
        )}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )
    inlines = (LanguageVersionInline, DeadlineInline, ParagraphInline, ImportRecordInline)
    actions = ("download_originals",)
    change_list_template = "observations/documents/admin/document_change_list.html"

    def has_add_permission(self, request):
        # Documents are created by importing their files (the import page), not typed in.
        return False

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .select_related("committee")
            .prefetch_related(Prefetch("versions", queryset=LanguageVersion.objects.only("id", "document_id",
                                                                                         "language")))
            .annotate(paragraph_total=Count("paragraphs", distinct=True))
        )

    @admin.display(description=_("Committee"), ordering="committee__code")
    def committee_code(self, obj):
        return obj.committee.code

    @admin.display(description=_("Report"), ordering="periodic_report")
    def report(self, obj):
        return obj.report_label

    @admin.display(description=_("Languages"))
    def language_codes(self, obj):
        return ", ".join(obj.languages) or "—"

    @admin.display(description=_("Paragraphs"), ordering="paragraph_total")
    def paragraph_count(self, obj):
        return obj.paragraph_total

    @admin.action(description=_("Download the original files of the selected documents"), permissions=["view"])
    def download_originals(self, request, queryset):
        versions = LanguageVersion.objects.filter(document__in=queryset).select_related("document")
        return zip_response(versions, "concluding-observations.zip")

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="observations_document_import"),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": permissions.can_import_documents(request.user)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Import one document from one or more of its language versions."""
        return imports.import_view(self, request)


@admin.register(Heading)
class HeadingAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("document", "position", "kind", "key", "title", "articles", "first_paragraph", "last_paragraph")
    list_filter = ("kind", "document__committee")
    search_fields = ("document__symbol", "titles")
    fields = ("document", "parent", "kind", "key", "position", "labels", "titles_by_language", "articles",
              "first_paragraph", "last_paragraph")
    readonly_fields = fields
    list_select_related = ("document",)

    @admin.display(description=_("Title"))
    def title(self, obj):
        return obj.title_in("en")

    @admin.display(description=_("Titles"))
    def titles_by_language(self, obj):
        return texts_by_language(obj.titles)


@admin.register(Paragraph)
class ParagraphAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("document", "number", "kind", "heading", "text_excerpt")
    list_filter = ("kind", "document__committee")
    search_fields = ("document__symbol", "text")
    list_select_related = ("document", "heading")
    fields = ("document", "number", "kind", "heading", "text_by_language")
    readonly_fields = ("document", "number", "heading", "text_by_language")
    inlines = (SubParagraphInline, FootnoteInline, ReferenceInline, CitationInline)
    ordering = ("document", "number")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Text"))
    def text_excerpt(self, obj):
        return excerpt(obj.text)

    @admin.display(description=_("Text"))
    def text_by_language(self, obj):
        return texts_by_language(obj.text)


@admin.register(SubParagraph)
class SubParagraphAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("paragraph", "letter", "text_excerpt")
    search_fields = ("paragraph__document__symbol", "text")
    list_select_related = ("paragraph__document",)
    fields = ("paragraph", "letter", "position", "labels", "text_by_language")
    readonly_fields = fields

    @admin.display(description=_("Text"))
    def text_excerpt(self, obj):
        return excerpt(obj.text)

    @admin.display(description=_("Text"))
    def text_by_language(self, obj):
        return texts_by_language(obj.text)


@admin.register(Footnote)
class FootnoteAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("document", "number", "paragraph", "text_excerpt")
    search_fields = ("document__symbol", "text")
    list_select_related = ("document", "paragraph__document")
    fields = ("document", "number", "paragraph", "subparagraph", "text_by_language")
    readonly_fields = fields

    @admin.display(description=_("Text"))
    def text_excerpt(self, obj):
        return excerpt(obj.text)

    @admin.display(description=_("Text"))
    def text_by_language(self, obj):
        return texts_by_language(obj.text)


@admin.register(Reference)
class ReferenceAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("paragraph", "kind", "target_symbol", "target_number", "target_letter", "resolved")
    list_filter = ("kind",)
    search_fields = ("paragraph__document__symbol", "target_symbol")
    list_select_related = ("paragraph__document",)
    fields = ("paragraph", "subparagraph", "footnote", "kind", "target_symbol", "target_number", "target_letter",
              "target")
    readonly_fields = ("paragraph", "subparagraph", "footnote")
    raw_id_fields = ("target",)

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("In the tracker"), boolean=True)
    def resolved(self, obj):
        return obj.target_id is not None


@admin.register(Deadline)
class DeadlineAdmin(AuditedAdmin, admin.ModelAdmin):
    form = DeadlineForm
    list_display = ("document", "kind", "due_date", "computed", "item_list")
    list_filter = ("kind", "computed", "document__committee")
    search_fields = ("document__symbol", "description")
    date_hierarchy = "due_date"
    raw_id_fields = ("document", "stated_in")
    inlines = (DeadlineItemInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document").prefetch_related(
            Prefetch("items", queryset=DeadlineItem.objects.select_related("paragraph", "subparagraph"))
        )

    @admin.display(description=_("Paragraphs"))
    def item_list(self, obj):
        return ", ".join(str(item) for item in obj.items.all()) or "—"


@admin.register(DeadlineItem)
class DeadlineItemAdmin(AuditedAdmin, admin.ModelAdmin):
    form = DeadlineItemForm
    list_display = ("deadline", "paragraph", "subparagraph")
    list_select_related = ("deadline__document", "paragraph__document", "subparagraph__paragraph__document")
    search_fields = ("deadline__document__symbol",)
    raw_id_fields = ("deadline", "paragraph", "subparagraph")


@admin.register(Citation)
class CitationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("paragraph", "subparagraph", "kind", "value")
    list_filter = ("kind",)
    search_fields = ("paragraph__document__symbol", "value")
    list_select_related = ("paragraph__document", "subparagraph__paragraph__document")
    raw_id_fields = ("paragraph", "subparagraph")


@admin.register(Recommendation)
class RecommendationAdmin(AuditedAdmin, admin.ModelAdmin):
    """The tracked units are derived from the document by the importer; their status
    changes only with validated progress, never by hand."""

    list_display = ("__str__", "document", "position", "status")
    list_filter = ("status", "document__committee")
    search_fields = ("document__symbol",)
    list_select_related = ("document", "paragraph", "subparagraph")
    fields = ("document", "paragraph", "subparagraph", "position", "status", "text")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Text"))
    def text(self, obj):
        return texts_by_language(obj.subparagraph.text if obj.subparagraph_id else obj.paragraph.text)

