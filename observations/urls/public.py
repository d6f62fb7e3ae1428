"""URL patterns of the documents' public pages (joined into the observations namespace)."""

from django.urls import path

from ..views import public as views

urlpatterns = [
    path("public/<str:slug>/", views.public_page, name="public_page"),
    path("tracking/documents/<str:slug>/public-page/", views.public_page_switch, name="public_page_switch"),
]
