"""The site page where a signed-in user creates and revokes their API tokens. A new
token is shown once, in the answer to the form that created it; only its digest is kept."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ...models import ApiToken

MAX_TOKENS = 20


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("What is it for?"), max_length=100,
                           help_text=gettext_lazy("e.g. the ministry's planning system"))


def _page(request, form, new_key=None, status=200):
    return render(request, "observations/api/tokens.html", {
        "form": form, "tokens": ApiToken.objects.filter(user=request.user), "new_key": new_key,
        "api_root": request.build_absolute_uri("/api/v1/"),
    }, status=status)


@login_required
def api_tokens(request):
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    if ApiToken.objects.filter(user=request.user).count() >= MAX_TOKENS:
        form.add_error(None, _("You have %(count)d tokens already: revoke one you no longer use first.")
                       % {"count": MAX_TOKENS})
        return _page(request, form, status=400)
    _token, key = ApiToken.objects.create_token(request.user, form.cleaned_data["name"].strip())
    return _page(request, TokenForm(), new_key=key)


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, _("The token “%(name)s” was revoked: it no longer opens the API.") % {"name": token.name})
    return redirect("api:tokens")
