"""An upload waiting between its preview and the uploader's confirmation (the site's import page).

The files' bytes are kept in the database, so that any process of a multi-process server
can confirm what another one previewed. ``preview`` holds what the importer found (see
``services.import_preview.ImportPreview``); ``base`` the checksum of each language version the
tracker held when the preview was made: a confirmation is refused if the document changed
in between. A confirmed or cancelled upload keeps its row (without the files) until it
expires, so that a replayed confirmation is answered, never imported twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import PendingImportStatus
from .documents import Document


class PendingImport(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="pending_imports")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    symbol_option = models.CharField(max_length=60, blank=True)  # the symbol the uploader gave, if any
    symbol = models.CharField(max_length=60)  # the document's symbol, as the preview found it
    state = models.CharField(max_length=2)  # the document's State (ISO alpha-2), as the preview found it
    preview = models.JSONField(default=dict)
    base = models.JSONField(default=dict)  # {language: checksum} of the versions held at the preview
    status = models.CharField(max_length=10, choices=PendingImportStatus.choices,
                              default=PendingImportStatus.PENDING)
    finished_at = models.DateTimeField(null=True, blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    result = models.JSONField(default=list, blank=True)  # the import's summary lines, once confirmed

    class Meta:
        verbose_name = _("pending import")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.symbol} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("observations:import_preview", args=[self.pk])


class PendingImportFile(models.Model):
    pending = models.ForeignKey(PendingImport, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    language = models.CharField(max_length=8, blank=True)  # the uploader's choice; blank: detected
    data = models.BinaryField()

    class Meta:
        verbose_name = _("pending import file")
        ordering = ["pending", "position"]
        constraints = [models.UniqueConstraint(fields=["pending", "position"], name="pending_import_file_position")]

    def __str__(self):
        return self.name
