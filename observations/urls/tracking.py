"""URL patterns for the tracking pages (joined into the observations namespace)."""

from django.urls import path

from ..views import history, updates
from ..views import tracking as views

urlpatterns = [
    path("tracking/", views.MyWorkView.as_view(), name="my_work"),
    path("tracking/review/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("tracking/documents/<str:slug>/", views.tracking_dashboard, name="tracking_dashboard"),
    path("tracking/documents/<str:slug>/by/<str:dimension>/", views.tracking_dashboard,
         name="tracking_dashboard_by"),
    path("tracking/documents/<str:slug>/recommendations/", views.TrackingRecommendationsView.as_view(),
         name="tracking_recommendations"),
    path("tracking/documents/<str:slug>/assign/", views.bulk_assign, name="bulk_assign"),
    path("tracking/documents/<str:slug>/history/", history.document_history, name="document_history"),
    path("tracking/recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("tracking/recommendations/<int:pk>/assign/", views.assign_recommendation, name="assign_recommendation"),
    path("tracking/recommendations/<int:pk>/updates/new/", updates.update_create, name="update_create"),
    path("tracking/recommendations/<int:pk>/assessment/", updates.assessment_create, name="assessment_create"),
    path("tracking/updates/<int:pk>/edit/", updates.update_edit, name="update_edit"),
    path("tracking/updates/<int:pk>/submit/", updates.update_submit, name="update_submit"),
    path("tracking/updates/<int:pk>/correct/", updates.update_correct, name="update_correct"),
    path("tracking/updates/<int:pk>/validate/", updates.update_validate, name="update_validate"),
    path("tracking/updates/<int:pk>/return/", updates.update_return, name="update_return"),
    path("tracking/evidence/<int:pk>/", updates.evidence_download, name="evidence_download"),
    path("tracking/evidence/<int:pk>/preview/", updates.evidence_preview, name="evidence_preview"),
    path("tracking/evidence/<int:pk>/remove/", updates.evidence_remove, name="evidence_remove"),
]
