"""URL pattern of the search page (joined into the observations namespace)."""

from django.urls import path

from ..views import search as views

urlpatterns = [
    path("search/", views.search, name="search"),
]
