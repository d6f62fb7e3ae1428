"""Accounts in the admin: who was given which rights is in the change log.

Django's user and group pages, with each add, change, password change and deletion written
to the history like every other admin edit: the user's names, e-mail, active/staff/superuser
flags, groups and direct permissions; a group's name and permissions. The password hash is
never stored: a password change is recorded as having happened, nothing more.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction

from ..choices import HistoryAction
from ..services import audit

User = get_user_model()
PASSWORD_CHANGED = {"password": "changed"}


class AuditedAccountAdmin:
    """Snapshots taken before the form is saved and after its many-to-many fields are,
    so that a change of groups or permissions alone is recorded too."""

    audit_fields: tuple[str, ...] = ()

    def _snapshot(self, obj):
        return audit.snapshot(obj, self.audit_fields) if obj.pk is not None else None

    def save_model(self, request, obj, form, change):
        stored = type(obj).objects.filter(pk=obj.pk).first() if change else None
        request._account_before = self._snapshot(stored) if stored is not None else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj, before = form.instance, getattr(request, "_account_before", None)
        after = self._snapshot(obj)
        if before is None:
            audit.record(obj, HistoryAction.CREATED, by=request.user, after=after)
        elif before != after:
            audit.record(obj, HistoryAction.CHANGED, by=request.user, before=before, after=after)

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record_deletion(obj, by=request.user, fields=self.audit_fields)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record_deletion(obj, by=request.user, fields=self.audit_fields)
            super().delete_queryset(request, queryset)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountUserAdmin(AuditedAccountAdmin, UserAdmin):
    audit_fields = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser",
                    "groups", "user_permissions")

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        before = user.password if user is not None else None
        response = super().user_change_password(request, id, form_url)
        if user is not None and request.method == "POST":
            user.refresh_from_db(fields=["password"])
            if user.password != before:
                audit.record(user, HistoryAction.CHANGED, by=request.user, after=PASSWORD_CHANGED)
        return response


@admin.register(Group)
class AccountGroupAdmin(AuditedAccountAdmin, GroupAdmin):
    audit_fields = ("name", "permissions")
