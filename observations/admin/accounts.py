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

from ..choices import HistoryAction
from ..services import audit
from .base import AuditedAdmin

User = get_user_model()
PASSWORD_CHANGED = {"password": "changed"}

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountUserAdmin(AuditedAdmin, UserAdmin):
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
class AccountGroupAdmin(AuditedAdmin, GroupAdmin):
    audit_fields = ("name", "permissions")
