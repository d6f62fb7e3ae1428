"""URL patterns of two-factor sign-in (joined into the observations namespace)."""

from django.urls import path

from ..views import two_factor as views

urlpatterns = [
    path("account/two-factor/", views.overview, name="two_factor"),
    path("account/two-factor/verify/", views.verify, name="two_factor_verify"),
    path("account/two-factor/backup-codes/", views.backup_codes, name="two_factor_backup_codes"),
    path("account/two-factor/remove/", views.remove, name="two_factor_remove"),
]
