"""URL patterns for the document pages (joined into the observations namespace)."""

from django.urls import path

from ..views import documents as views
from ..views import home

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="document_list"),
    path("start/", home.landing, name="landing"),
    path("documents/<str:slug>/", views.document_detail, name="document_detail"),
    path("documents/<str:slug>/paragraphs/<int:number>/", views.paragraph_detail, name="paragraph_detail"),
]
