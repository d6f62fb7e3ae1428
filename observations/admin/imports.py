"""The import page of the admin, and the imported files: language versions and import records.

Imported files are kept verbatim and can be downloaded, one by one or zipped.
"""

from __future__ import annotations

import io
import mimetypes
import zipfile

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..forms.documents import ImportFileFormSet, ImportOptionsForm, uploaded_files
from ..importer.model import ImportRejected
from ..models import ImportRecord, LanguageVersion
from ..services.imports import import_files
from .base import ViewOnlyInline, ViewOnlyMixin

# --- Files -------------------------------------------------------------------------------


def file_response(data: bytes, file_name: str) -> HttpResponse:
    """A stored file, byte for byte, always as a download (never rendered by the browser)."""
    content_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    response = HttpResponse(bytes(data), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def version_file_name(version: LanguageVersion) -> str:
    return version.file_name or f"{version.document.slug}.{version.language}"


def zip_response(versions, name: str) -> HttpResponse:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for version in versions:
            archive.writestr(f"{version.document.slug}/{version_file_name(version)}", bytes(version.original))
    return file_response(buffer.getvalue(), name)


def download_link(model_name: str, obj) -> str:
    if obj is None or obj.pk is None:
        return "—"
    url = reverse(f"admin:observations_{model_name}_download", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, _("Download"))


# --- The import page ---------------------------------------------------------------------


def import_view(model_admin, request):
    """Import one document from one or more of its language versions (the document admin's page)."""
    if not permissions.can_import_documents(request.user):
        raise PermissionDenied
    if request.method == "POST":
        formset = ImportFileFormSet(request.POST, request.FILES, prefix="files")
        options = ImportOptionsForm(request.POST)
        if formset.is_valid() and options.is_valid():
            response = _import(model_admin, request, formset, options)
            if response is not None:
                return response
    else:
        formset = ImportFileFormSet(prefix="files")
        options = ImportOptionsForm()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import concluding observations"),
        "formset": formset,
        "options": options,
        "max_size": settings.IMPORT_MAX_BYTES,
    }
    return TemplateResponse(request, "observations/documents/admin/import.html", context)


def _import(model_admin, request, formset, options):
    uploads = uploaded_files(formset)
    try:
        result = import_files(
            uploads,
            symbol=options.cleaned_data["symbol"] or None,
            replace=options.cleaned_data["replace"],
            user=request.user,
        )
    except ImportRejected as exc:
        model_admin.message_user(request, exc.message, messages.ERROR)
        return None
    summary = format_html_join(mark_safe("<br>"), "{}", ((line,) for line in result.summary_lines()))
    model_admin.message_user(request, summary, messages.SUCCESS if result.changed else messages.INFO)
    return redirect(result.document.get_absolute_url())


# --- Imported files ----------------------------------------------------------------------


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
