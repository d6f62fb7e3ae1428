"""URL patterns for the reports pages (joined into the observations namespace)."""

urlpatterns = []
