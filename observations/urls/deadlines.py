"""URL patterns of the deadlines and calendar feeds (joined into the observations namespace)."""

from django.urls import path

from ..views import deadlines as views

urlpatterns = [
    path("deadlines/<int:pk>/", views.deadline_detail, name="deadline_detail"),
    path("deadlines/<int:pk>/met/", views.deadline_met, name="deadline_met"),
    path("deadlines/<int:pk>/extend/", views.deadline_extend, name="deadline_extend"),
    path("deadlines/<int:pk>/undo/<str:what>/", views.deadline_undo, name="deadline_undo"),
    path("calendar/", views.calendar_feeds, name="calendar_feeds"),
    path("calendar/regenerate/", views.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
