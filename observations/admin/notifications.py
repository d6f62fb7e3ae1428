"""Admin of the reminders: the outbox (with "send again"), schedules, settings."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..choices import NotificationStatus
from ..models import Notification, NotificationSettings, ReminderSchedule
from .base import AuditedAdmin


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["day", "recipient", "email", "language", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "day", "language"]
    search_fields = ["recipient__username", "recipient__email", "email", "last_error"]
    date_hierarchy = "day"
    list_select_related = ["recipient"]
    readonly_fields = ["recipient", "day", "email", "language", "items", "keys", "states", "status", "attempts",
                       "last_error", "next_attempt_at", "claimed_at", "sent_at", "created_at", "updated_at"]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected failed digests again"))
    def send_again(self, request, queryset):
        from ..services.notifications import resend
        from ..tasks.notifications import enqueue_sends

        ids = [n.pk for n in queryset.filter(status=NotificationStatus.FAILED) if resend(n)]
        transaction.on_commit(lambda: enqueue_sends(ids))
        self.message_user(request, ngettext("%(n)d digest queued again.", "%(n)d digests queued again.", len(ids))
                          % {"n": len(ids)}, messages.SUCCESS if ids else messages.WARNING)


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["state", "kind", "days_before", "overdue_every_days", "updated_at", "updated_by"]
    list_filter = ["kind", "state"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["user", "digest", "language", "unsubscribed_at"]
    list_filter = ["digest", "language"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
