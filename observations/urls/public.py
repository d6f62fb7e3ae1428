"""URL patterns of the documents' public pages and of the dashboard's charts (joined into
the observations namespace)."""

from django.urls import path

from ..views import charts
from ..views import public as views

urlpatterns = [
    path("tracking/documents/<str:slug>/charts/", charts.tracking_charts, name="tracking_charts"),
    path("tracking/documents/<str:slug>/charts/<str:name>.svg", charts.tracking_chart, name="tracking_chart"),
    path("public/<str:slug>/", views.public_page, name="public_page"),
    path("tracking/documents/<str:slug>/public-page/", views.public_page_switch, name="public_page_switch"),
]
