"""URL patterns for the tracking pages (joined into the observations namespace)."""

urlpatterns = []
