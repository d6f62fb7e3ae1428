"""Admin for organizations, memberships and the tracking models.

People and organizations are managed here (every edit is recorded in the change log, see
``admin.audit``). The tracking records themselves (assignments, updates, assessments) are
read-only in the admin: they change only through the
tracking pages, whose service functions check permissions and write the history.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import (
    Assignment,
    CommitteeAssessment,
    Evidence,
    Measure,
    Membership,
    Organization,
    ProgressUpdate,
)
from .base import AuditedAdmin, ViewOnlyInline, ViewOnlyMixin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "short_name", "other_names", "kind", "state", "is_active"]
    list_filter = ["kind", "state", "is_active"]
    search_fields = ["name", "short_name", "email"]
    inlines = [MembershipInline]

    @admin.display(description=_("Names in other languages"))
    def other_names(self, obj):
        return "; ".join(f"{code}: {name}" for code, name in sorted((obj.names or {}).items())) or "—"


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["user", "organization", "role"]
    list_filter = ["role", "organization__kind", "organization__state"]
    search_fields = ["user__username", "user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]


class ReadOnlyAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Visible to staff for support; changed only through the tracking pages."""


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "lead", "internal_deadline", "updated_at"]
    list_filter = ["lead", "recommendation__document"]
    list_select_related = ["recommendation__document", "recommendation__paragraph",
                           "recommendation__subparagraph", "lead"]


class MeasureInline(ViewOnlyInline):
    model = Measure


class EvidenceInline(ViewOnlyInline):
    model = Evidence
    fields = ["file_name", "content_type", "size", "link", "description", "added_at"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "organization", "version", "review_state", "status", "created_at"]
    list_filter = ["review_state", "status", "organization", "recommendation__document"]
    list_select_related = ["recommendation__document", "recommendation__paragraph",
                           "recommendation__subparagraph", "organization"]
    inlines = [MeasureInline, EvidenceInline]


@admin.register(CommitteeAssessment)
class CommitteeAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "grade", "letter_date", "letter_symbol"]
    list_filter = ["grade", "recommendation__document"]

