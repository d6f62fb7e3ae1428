"""REST framework's permission hooks, answered by ``observations.permissions`` only.

The lists are filtered with the module's queryset filters in the views; these classes
answer the per-request and per-object questions with its predicates."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from .. import permissions as perms


class SignedIn(BasePermission):
    """The tracking endpoints: for signed-in users (each list then shows only what the
    permission module lets them read)."""

    message = "Sign in with your API token to read the follow-up work."

    def has_permission(self, request, view):
        return perms.access_for(request.user).is_authenticated


# For each write on an update, the predicate that allows it.
UPDATE_WRITES = {
    "submit": perms.can_submit_update,
    "validate": perms.can_review,
    "return_update": perms.can_review,
}


class UpdateWrites(SignedIn):
    """Creating an update is checked against its recommendation by the service
    (``can_create_update``); submitting, validating and returning one by the predicates
    the pages use."""

    message = "You may not do this with this update."

    def has_object_permission(self, request, view, obj):
        predicate = UPDATE_WRITES.get(getattr(view, "action", None))
        return True if predicate is None else bool(predicate(request.user, obj))
