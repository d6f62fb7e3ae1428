"""Errors as a client can act on them: the services' refusals become HTTP answers with a
sentence in ``detail`` (and the field errors, where there are some)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ..services import tracking as services

# ValidationError codes of the services that mean "the object moved on meanwhile".
CONFLICT_CODES = {"not_submitted", "already_corrected"}


def _messages(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()}
    return [str(m) for m in error.messages]


def handler(exc, context):
    if isinstance(exc, services.ConcurrentEdit):
        return Response({"detail": _("Someone changed this update since you read it; read it again and "
                                     "repeat your change. Nothing was changed.")}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, services.AlreadyCreated):
        return Response({"detail": _("This update was already created."), "id": exc.update.pk},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        messages = _messages(exc)
        if getattr(exc, "code", None) in CONFLICT_CODES:
            return Response({"detail": " ".join(messages)}, status=status.HTTP_409_CONFLICT)
        if isinstance(messages, dict):
            return Response({"detail": _("Some fields need correcting; nothing was changed."), **messages},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": " ".join(messages)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.NotAuthenticated):
        exc = exceptions.NotAuthenticated(_("Sign in: send your API token in the header "
                                            "“Authorization: Token …” (create one on the API tokens page)."))
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("You may not do this."))
    return exception_handler(exc, context)
