"""Pages of two-factor sign-in: set up an authenticator app, enter a code after the
password, see new backup codes once, remove the app. The rules live in
``observations.two_factor``; these views only ever touch the signed-in person's devices."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from .. import two_factor

FEW_BACKUP_CODES = 3


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"), max_length=20, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none",
                                      "spellcheck": "false", "class": "form-control", "dir": "ltr"}),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _refused(form, result, setting_up=False) -> None:
    form.add_error("code", result.message(setting_up))


@login_required
def overview(request):
    """Set-up while the person has no authenticator app; otherwise what they have and the
    ways to change it (on a verified session only)."""
    user = request.user
    device = two_factor.app_device(user)
    if device is not None:
        if not user.is_verified():
            return redirect("observations:two_factor_verify")
        return render(request, "registration/two_factor.html", {
            "device": device,
            "codes_left": two_factor.backup_codes_left(user),
            "remove_form": CodeForm(auto_id="remove_%s"),
            "required": settings.TWO_FACTOR_REQUIRED and two_factor.must_use_two_factor(user),
        })
    device = two_factor.setup_device(user)
    form = CodeForm(request.POST or None, auto_id="setup_%s")
    if request.method == "POST" and form.is_valid():
        result = two_factor.confirm_app(request, device, form.cleaned_data["code"])
        if result.ok:
            messages.success(request, _("Two-factor sign-in is on: from now on, signing in asks for a code of "
                                        "your authenticator app after the password."))
            url = resolve_url("observations:two_factor_backup_codes")
            if request.GET.get("next"):
                url += "?" + urlencode({"next": request.GET["next"]})
            return redirect(url)
        _refused(form, result, setting_up=True)
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/two_factor_setup.html", {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_for_manual_entry(device),
        "issuer": settings.OTP_TOTP_ISSUER,
        "required": settings.TWO_FACTOR_REQUIRED and two_factor.must_use_two_factor(user),
        "next": request.GET.get("next", ""),
    }, status=status)


@login_required
def verify(request):
    """The code asked after the password."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_app(user):
        # The app was removed meanwhile (by staff, for a lost phone): nothing left to ask.
        request.session.pop(two_factor.PENDING_SESSION_KEY, None)
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.sign_in_with_code(request, form.cleaned_data["code"])
        if result.ok:
            if result.used_backup_code:
                left = two_factor.backup_codes_left(user)
                text = ngettext("You signed in with a backup code; %(n)d is left.",
                                "You signed in with a backup code; %(n)d are left.", left) % {"n": left}
                if left <= FEW_BACKUP_CODES:
                    text += " " + _("Make new backup codes on the two-factor page.")
                messages.warning(request, text)
            return redirect(_next_url(request))
        _refused(form, result)
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/two_factor_verify.html", {
        "form": form, "next": request.POST.get("next") or request.GET.get("next", ""),
    }, status=status)


@login_required
def backup_codes(request):
    """GET: the backup codes just made, shown once. POST: ten new ones (the old ones stop
    working), on a verified session."""
    user = request.user
    if two_factor.app_device(user) is None:
        return redirect("observations:two_factor")
    if not user.is_verified():
        return redirect("observations:two_factor_verify")
    if request.method == "POST":
        two_factor.regenerate_backup_codes(request)
        messages.success(request, _("New backup codes are made; the old ones no longer work."))
        return redirect("observations:two_factor_backup_codes")
    codes = request.session.pop(two_factor.NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("observations:two_factor")
    response = render(request, "registration/two_factor_backup_codes.html", {
        "codes": [f"{code[:4]}-{code[4:]}" for code in codes],
        "next": _next_url(request) if request.GET.get("next") else "",
    })
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def remove(request):
    """Removes the person's own authenticator app and backup codes, on a right code."""
    user = request.user
    device = two_factor.app_device(user)
    if device is None:
        return redirect("observations:two_factor")
    if not user.is_verified():
        return redirect("observations:two_factor_verify")
    form = CodeForm(request.POST, auto_id="remove_%s")
    if form.is_valid():
        result = two_factor.remove_app(request, form.cleaned_data["code"])
        if result.ok:
            messages.success(request, _("Two-factor sign-in is off: your authenticator app and your backup codes "
                                        "no longer work here."))
            return redirect("observations:two_factor")
        _refused(form, result)
    return render(request, "registration/two_factor.html", {
        "device": device,
        "codes_left": two_factor.backup_codes_left(user),
        "remove_form": form,
        "required": settings.TWO_FACTOR_REQUIRED and two_factor.must_use_two_factor(user),
    }, status=400)
