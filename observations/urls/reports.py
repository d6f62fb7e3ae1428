"""URL patterns for the reports pages (joined into the observations namespace)."""

from django.urls import path

from ..views import reports as views
from ..views import shadow_reports

urlpatterns = [
    path("documents/<str:slug>/reports/", views.document_reports, name="document_reports"),
    # The State's reports (coordinators of the State).
    path("documents/<str:slug>/reports/follow-up/<int:deadline>/", views.follow_up_report, name="follow_up_report"),
    path("documents/<str:slug>/reports/follow-up/<int:deadline>.docx", views.follow_up_report_docx,
         name="follow_up_report_docx"),
    path("documents/<str:slug>/reports/periodic/", views.periodic_report, name="periodic_report"),
    path("documents/<str:slug>/reports/periodic.docx", views.periodic_report_docx, name="periodic_report_docx"),
    # The NGO shadow report: the draft (its NGO's members) and what was published.
    path("documents/<str:slug>/shadow-report/start/", shadow_reports.shadow_report_start, name="shadow_report_start"),
    path("shadow-reports/<int:pk>/", shadow_reports.shadow_report, name="shadow_report"),
    path("shadow-reports/<int:pk>/details/", shadow_reports.shadow_report_edit, name="shadow_report_edit"),
    path("shadow-reports/<int:pk>/paragraphs/<int:number>/", shadow_reports.shadow_entry, name="shadow_entry"),
    path("shadow-reports/<int:pk>/paragraphs/<int:number>/<str:letter>/", shadow_reports.shadow_entry,
         name="shadow_entry_sub"),
    path("shadow-reports/<int:pk>/undo/", shadow_reports.shadow_entry_undo, name="shadow_entry_undo"),
    path("shadow-reports/<int:pk>/export.<str:fmt>", shadow_reports.shadow_report_export, name="shadow_report_export"),
    path("shadow-reports/<int:pk>/publish/", shadow_reports.shadow_report_publish, name="shadow_report_publish"),
    path("shadow-reports/<int:pk>/published/", shadow_reports.shadow_publication, name="shadow_publication"),
    path("shadow-reports/<int:pk>/published.<str:fmt>", shadow_reports.shadow_publication_export,
         name="shadow_publication_export"),
]
