"""Pieces shared by the admin modules."""

from django.contrib import admin


class ViewOnlyMixin:
    """Rows written by the importer or the tracking pages: shown to staff, never added,
    changed or deleted in the admin (so every change goes through the audited paths)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ViewOnlyInline(ViewOnlyMixin, admin.TabularInline):
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        # Every shown field, computed ones included, is displayed and never a form field.
        return tuple(self.fields or ()) + tuple(super().get_readonly_fields(request, obj))
