"""URL patterns of the site's import page (joined into the observations namespace)."""

from django.urls import path

from ..views import imports as views

urlpatterns = [
    path("import/", views.import_upload, name="import_upload"),
    path("import/<uuid:pk>/", views.import_preview, name="import_preview"),
    path("import/<uuid:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<uuid:pk>/cancel/", views.import_cancel, name="import_cancel"),
]
