"""Admin for the documents models, and the page that imports concluding observations.

Documents come from the importer: their text and structure are shown read-only here
(only a paragraph's kind, deadlines and references may be corrected by hand); the
imported files are kept verbatim and can be downloaded.
"""

from __future__ import annotations

import io
import mimetypes
import zipfile

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat, truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from ..choices import Language, text_dir
from ..models import (
    Citation,
    Committee,
    Deadline,
    DeadlineItem,
    Document,
    Footnote,
    Heading,
    ImportRecord,
    LanguageVersion,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
    pick_language,
)
from .base import ViewOnlyInline, ViewOnlyMixin

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


def file_response(data: bytes, file_name: str) -> HttpResponse:
    """A stored file, byte for byte, always as a download (never rendered by the browser)."""
    content_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    response = HttpResponse(bytes(data), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def version_file_name(version: LanguageVersion) -> str:
    return version.file_name or f"{version.document.slug}.{version.language}"


# --- Import form -------------------------------------------------------------------------


class ImportFileForm(forms.Form):
    file = forms.FileField(required=False, label=_("File"))
    language = forms.ChoiceField(
        required=False,
        label=_("Language"),
        choices=[("", _("Detect from the text"))] + list(Language.choices),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                _("%(name)s is %(size)s; the largest file that can be imported is %(max)s."),
                code="too_large",
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                },
            )
        return upload


class BaseImportFileFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("file") for form in self.forms):
            raise ValidationError(_("Choose at least one file to import."), code="no_file")


ImportFileFormSet = forms.formset_factory(
    ImportFileForm, formset=BaseImportFileFormSet, extra=len(Language.choices), max_num=len(Language.choices),
    validate_max=True,
)


class ImportOptionsForm(forms.Form):
    symbol = forms.CharField(
        required=False,
        max_length=60,
        label=_("Document symbol"),
        help_text=_("Only when the files do not print it and it cannot be worked out, e.g. CMW/C/KGZ/CO/2."),
    )
    replace = forms.BooleanField(
        required=False,
        label=_("Replace"),
        help_text=_(
            "Replace a language version already imported with this corrected file. Paragraphs whose "
            "number still exists keep what is attached to them."
        ),
    )

    def clean_symbol(self):
        return self.cleaned_data["symbol"].strip()


# --- Inlines -----------------------------------------------------------------------------


class LanguageVersionInline(ViewOnlyInline):
    model = LanguageVersion
    fields = ("language", "title", "file_name", "download", "imported_at", "imported_by", "importer_version",
              "finding_count")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).defer("original").select_related("imported_by", "document")

    @admin.display(description=_("Original file"))
    def download(self, obj):
        return download_link("languageversion", obj)

    @admin.display(description=_("Findings"))
    def finding_count(self, obj):
        return len(obj.findings or [])


class ImportRecordInline(ViewOnlyInline):
    model = ImportRecord
    fields = ("created_at", "language", "action", "file_name", "created_by", "importer_version")
    show_change_link = True
    classes = ("collapse",)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("superseded").select_related("created_by", "document")


class DeadlineForm(forms.ModelForm):
    """A deadline's paragraph must be one of its own document's."""

    class Meta:
        model = Deadline
        fields = ("document", "kind", "due_date", "computed", "period_months", "stated_in", "report_number",
                  "description")

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document") or getattr(self.instance, "document", None)
        stated_in = cleaned.get("stated_in")
        if stated_in and document and stated_in.document_id != document.pk:
            self.add_error("stated_in", _("This paragraph belongs to another document."))
        return cleaned


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


class DeadlineItemForm(forms.ModelForm):
    """An item names a paragraph of the deadline's own document, and a sub-paragraph of it."""

    class Meta:
        model = DeadlineItem
        fields = ("deadline", "paragraph", "subparagraph")

    def clean(self):
        cleaned = super().clean()
        deadline, paragraph, sub = cleaned.get("deadline"), cleaned.get("paragraph"), cleaned.get("subparagraph")
        if paragraph and deadline and paragraph.document_id != deadline.document_id:
            self.add_error("paragraph", _("This paragraph belongs to another document."))
        if paragraph and sub and sub.paragraph_id != paragraph.pk:
            self.add_error("subparagraph", _("This sub-paragraph is not part of the paragraph chosen."))
        return cleaned


class DeadlineItemInline(admin.TabularInline):
    model = DeadlineItem
    form = DeadlineItemForm
    raw_id_fields = ("paragraph", "subparagraph")
    extra = 0


def download_link(model_name: str, obj) -> str:
    if obj is None or obj.pk is None:
        return "—"
    url = reverse(f"admin:observations_{model_name}_download", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, _("Download"))


# --- Model admins ------------------------------------------------------------------------


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "symbol_prefix", "follow_up_months")
    search_fields = ("code", "name", "treaty")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
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
        extra_context = {**(extra_context or {}), "can_import": request.user.has_perm("observations.add_document")}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Import one document from one or more of its language versions."""
        if not request.user.has_perm("observations.add_document"):
            raise PermissionDenied
        if request.method == "POST":
            formset = ImportFileFormSet(request.POST, request.FILES, prefix="files")
            options = ImportOptionsForm(request.POST)
            if formset.is_valid() and options.is_valid():
                response = self._import(request, formset, options)
                if response is not None:
                    return response
        else:
            formset = ImportFileFormSet(prefix="files")
            options = ImportOptionsForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import concluding observations"),
            "formset": formset,
            "options": options,
            "max_size": settings.IMPORT_MAX_BYTES,
        }
        return TemplateResponse(request, "observations/documents/admin/import.html", context)

    def _import(self, request, formset, options):
        from ..importer.model import ImportRejected
        from ..services.imports import UploadedText, import_files

        uploads = [
            UploadedText(form.cleaned_data["file"].name, form.cleaned_data["file"].read(),
                         form.cleaned_data["language"] or None)
            for form in formset.forms
            if form.cleaned_data.get("file")
        ]
        try:
            result = import_files(
                uploads,
                symbol=options.cleaned_data["symbol"] or None,
                replace=options.cleaned_data["replace"],
                user=request.user,
            )
        except ImportRejected as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return None
        summary = format_html_join(mark_safe("<br>"), "{}", ((line,) for line in result.summary_lines()))
        self.message_user(request, summary, messages.SUCCESS if result.changed else messages.INFO)
        return redirect(result.document.get_absolute_url())


def zip_response(versions, name: str) -> HttpResponse:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for version in versions:
            archive.writestr(f"{version.document.slug}/{version_file_name(version)}", bytes(version.original))
    return file_response(buffer.getvalue(), name)


@admin.register(LanguageVersion)
class LanguageVersionAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("document", "language", "file_name", "imported_at", "imported_by", "importer_version",
                    "finding_count", "download")
    list_filter = ("language", "document__committee")
    search_fields = ("document__symbol", "file_name", "title")
    fields = ("document", "language", "title", "file_name", "download", "checksum", "importer_version",
              "imported_at", "imported_by", "findings_list")
    readonly_fields = fields
    actions = ("download_originals",)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("original").select_related("document", "imported_by")

    @admin.display(description=_("Findings"))
    def finding_count(self, obj):
        return len(obj.findings or [])

    @admin.display(description=_("Importer findings"))
    def findings_list(self, obj):
        if not obj.findings:
            return "—"
        return format_html_join(
            mark_safe("<br>"), "{}: {}",
            ((f.get("level", ""), f.get("message", "")) for f in obj.findings),
        )

    @admin.display(description=_("Original file"))
    def download(self, obj):
        return download_link("languageversion", obj)

    @admin.action(description=_("Download the selected original files"), permissions=["view"])
    def download_originals(self, request, queryset):
        versions = list(LanguageVersion.objects.filter(pk__in=queryset.values("pk")).select_related("document"))
        if len(versions) == 1:
            return file_response(versions[0].original, version_file_name(versions[0]))
        return zip_response(versions, "concluding-observations.zip")

    def get_urls(self):
        return [
            path("<int:pk>/download/", self.admin_site.admin_view(self.download_view),
                 name="observations_languageversion_download"),
        ] + super().get_urls()

    def download_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        version = get_object_or_404(LanguageVersion.objects.select_related("document"), pk=pk)
        return file_response(version.original, version_file_name(version))


@admin.register(ImportRecord)
class ImportRecordAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "document", "language", "action", "file_name", "created_by", "importer_version")
    list_filter = ("action", "language")
    search_fields = ("document__symbol", "file_name", "checksum")
    date_hierarchy = "created_at"
    fields = ("document", "language", "action", "file_name", "checksum", "importer_version", "changes_list",
              "superseded_file", "created_at", "created_by")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("superseded").select_related("document", "created_by")

    @admin.display(description=_("Changes"))
    def changes_list(self, obj):
        return format_html_join(mark_safe("<br>"), "{}", ((c,) for c in obj.changes or [])) or "—"

    @admin.display(description=_("Replaced file"))
    def superseded_file(self, obj):
        has_file = ImportRecord.objects.filter(pk=obj.pk, superseded__isnull=False).exists()
        return download_link("importrecord", obj) if has_file else "—"

    def get_urls(self):
        return [
            path("<int:pk>/download/", self.admin_site.admin_view(self.download_view),
                 name="observations_importrecord_download"),
        ] + super().get_urls()

    def download_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        record = get_object_or_404(ImportRecord.objects.select_related("document"), pk=pk, superseded__isnull=False)
        name = f"replaced-{record.created_at:%Y%m%d}-{record.file_name or record.document.slug}"
        return file_response(record.superseded, name)


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
class ParagraphAdmin(admin.ModelAdmin):
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
class ReferenceAdmin(admin.ModelAdmin):
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
class DeadlineAdmin(admin.ModelAdmin):
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
class DeadlineItemAdmin(admin.ModelAdmin):
    form = DeadlineItemForm
    list_display = ("deadline", "paragraph", "subparagraph")
    list_select_related = ("deadline__document", "paragraph__document", "subparagraph__paragraph__document")
    search_fields = ("deadline__document__symbol",)
    raw_id_fields = ("deadline", "paragraph", "subparagraph")


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ("paragraph", "subparagraph", "kind", "value")
    list_filter = ("kind",)
    search_fields = ("paragraph__document__symbol", "value")
    list_select_related = ("paragraph__document", "subparagraph__paragraph__document")
    raw_id_fields = ("paragraph", "subparagraph")


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
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

