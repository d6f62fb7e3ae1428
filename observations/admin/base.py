"""Pieces shared by the admin modules."""

from django.contrib import admin
from django.db import transaction

from ..choices import HistoryAction
from ..services import audit


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


def _stored(model, pks) -> dict:
    """The rows as they are in the database now (the form has already changed the instances)."""
    pks = [pk for pk in pks if pk is not None]
    return {obj.pk: obj for obj in model._base_manager.filter(pk__in=pks)} if pks else {}


def record_save(obj, before: dict | None, after: dict, *, by) -> None:
    """The entry of a save: created (no ``before``), changed, or none when nothing changed."""
    if before is None:
        audit.record(obj, HistoryAction.CREATED, by=by, after=after)
    elif before != after:
        audit.record(obj, HistoryAction.CHANGED, by=by, before=before, after=after)


class AuditedAdmin:
    """Every add, change and delete made in this admin — inline rows included — writes one
    change-log entry per object with its fields before and after (``services.audit``); a
    deletion also records each object deleted with it.

    Put it first among the bases: ``class DeadlineAdmin(AuditedAdmin, admin.ModelAdmin)``.
    A change that leaves every field as it was writes nothing."""

    audit_fields: tuple[str, ...] | None = None  # what an entry records; None: every concrete field

    def audit_snapshot(self, obj):
        return audit.snapshot(obj, self.audit_fields)

    def save_model(self, request, obj, form, change):
        before_obj = _stored(type(obj), [obj.pk]).get(obj.pk) if change else None
        request._audit_before = self.audit_snapshot(before_obj) if before_obj is not None else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # As Django's, with the object's entry written once its many-to-many fields are
        # saved too, and before its inline rows'.
        form.save_m2m()
        record_save(form.instance, getattr(request, "_audit_before", None), self.audit_snapshot(form.instance),
                    by=request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record_deletion(obj, by=request.user, fields=self.audit_fields)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record_deletion(obj, by=request.user, fields=self.audit_fields)
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        stored = _stored(formset.model, [f.instance.pk for f in formset.initial_forms])
        before = {pk: audit.snapshot(obj) for pk, obj in stored.items()}
        for deleted in formset.deleted_forms:
            if deleted.instance.pk in stored:
                audit.record_deletion(stored[deleted.instance.pk], by=request.user)
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record_save(obj, None, audit.snapshot(obj), by=request.user)
        for obj, _fields in formset.changed_objects:
            record_save(obj, before.get(obj.pk), audit.snapshot(obj), by=request.user)
