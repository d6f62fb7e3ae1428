"""URL patterns for the document pages (joined into the observations namespace)."""

from django.urls import path
from django.views.generic import TemplateView

urlpatterns = [
    # Placeholder home until the document list lands.
    path("", TemplateView.as_view(template_name="base.html"), name="document_list"),
]
