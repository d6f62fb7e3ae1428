"""Sign-in backends: django-axes' lockout in front of Django's user model."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses sign-ins for a locked account (django-axes).

    Every sign-in through a web page carries its request and is counted. A sign-in with
    no request (the test client's ``login``, a shell) has no page to throttle and is
    left to the next backend, instead of failing with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown when an account is locked: what happened and what to do, in the
    person's language (status 429)."""
    from django.conf import settings
    from django.shortcuts import render

    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
