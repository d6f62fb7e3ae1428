"""Admin for the reports models.

A shadow report draft is its NGO's alone: the admin shows who drafts what and when it was
published, never the draft's text (no entries, no title or introduction). What an NGO
published is public and shown in full.
"""

from django.contrib import admin

from ..models import ShadowReport, ShadowReportPublication
from .base import ViewOnlyMixin


class PublicationInline(admin.TabularInline):
    model = ShadowReportPublication
    fields = ("published_at", "published_by", "word_count")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(ShadowReport)
class ShadowReportAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """An NGO's work: nobody deletes or changes it here."""

    list_display = ("organization", "document", "language", "published_at", "updated_at")
    list_filter = ("language", ("published_at", admin.EmptyFieldListFilter))
    search_fields = ("organization__name", "document__symbol")
    fields = ("organization", "document", "language", "published_at", "created_at", "updated_at")
    readonly_fields = fields
    inlines = [PublicationInline]


@admin.register(ShadowReportPublication)
class ShadowReportPublicationAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("report", "published_at", "published_by", "word_count")
    search_fields = ("report__organization__name", "report__document__symbol")
    readonly_fields = ("report", "published_at", "published_by", "word_count", "content")
