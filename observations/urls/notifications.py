"""URL patterns of the reminders (joined into the observations namespace)."""

from django.urls import path

from ..views import notifications as views

urlpatterns = [
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/outbox/", views.outbox, name="notification_outbox"),
    path("notifications/outbox/<int:pk>/resend/", views.resend, name="notification_resend"),
    path("notifications/schedule/", views.schedule, name="reminder_schedule"),
]
