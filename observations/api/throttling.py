"""Rate limits, read from the settings at each request (``API_RATE_ANONYMOUS`` per
address, ``API_RATE_USER`` per signed-in user)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousRate(AnonRateThrottle):
    def get_rate(self):
        return settings.API_RATE_ANONYMOUS


class UserRate(UserRateThrottle):
    def get_rate(self):
        return settings.API_RATE_USER
