"""URL patterns for the tracking pages (joined into the observations namespace)."""

from django.urls import path

from ..views import tracking as views

urlpatterns = [
    path("tracking/", views.my_work, name="my_work"),
    path("tracking/review/", views.review_queue, name="review_queue"),
    path("tracking/documents/<str:slug>/", views.tracking_dashboard, name="tracking_dashboard"),
    path("tracking/documents/<str:slug>/by/<str:dimension>/", views.tracking_dashboard,
         name="tracking_dashboard_by"),
    path("tracking/documents/<str:slug>/recommendations/", views.tracking_recommendations,
         name="tracking_recommendations"),
    path("tracking/documents/<str:slug>/assign/", views.bulk_assign, name="bulk_assign"),
    path("tracking/recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("tracking/recommendations/<int:pk>/assign/", views.assign_recommendation, name="assign_recommendation"),
    path("tracking/recommendations/<int:pk>/updates/new/", views.update_create, name="update_create"),
    path("tracking/recommendations/<int:pk>/assessment/", views.assessment_create, name="assessment_create"),
    path("tracking/updates/<int:pk>/edit/", views.update_edit, name="update_edit"),
    path("tracking/updates/<int:pk>/submit/", views.update_submit, name="update_submit"),
    path("tracking/updates/<int:pk>/correct/", views.update_correct, name="update_correct"),
    path("tracking/updates/<int:pk>/validate/", views.update_validate, name="update_validate"),
    path("tracking/updates/<int:pk>/return/", views.update_return, name="update_return"),
    path("tracking/evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("tracking/evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
]
