"""Two-factor sign-in: an authenticator app (TOTP, django-otp) and ten backup codes.

Anyone signed in may set up an authenticator app on ``/account/two-factor/``. From then
on, every sign-in (``/accounts/login/`` or ``/admin/login/``) asks for one of its codes, or
a backup code, after the password: until it is entered the session is signed in but not
*verified* (``request.user.is_verified()`` is false) and every page but a few sends to the
code page. With ``settings.TWO_FACTOR_REQUIRED`` on, staff, superusers and coordinators
must also have set one up: without it every page sends them to the set-up page.

What stays reachable without a code: signing in and out, the password reset, the
language menu, the two-factor pages, static files, ``/healthz`` and the API called with a
personal token (``Authorization: Token …``; a token is its own credential, made on a
verified session when two-factor sign-in applies). The API called with an unverified
session answers 403.

Wrong codes are throttled per device, whatever the session or the address: after ``n``
wrong codes in a row the next try is accepted only after 2ⁿ⁻¹ seconds (django-otp's
throttling). Each TOTP code is accepted once; each backup code works once.

Views call the functions of this module; the middleware is ``TwoFactorMiddleware``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .api.authentication import KEYWORDS as API_TOKEN_KEYWORDS
from .choices import HistoryAction
from .permissions import is_coordinator
from .services import audit
from .views.health import PATH as HEALTH_PATH

# Set at sign-in when the person has an authenticator app: the code is still to be entered.
PENDING_SESSION_KEY = "two_factor_pending"
# Backup codes just made, shown once by the backup-codes page, then forgotten.
NEW_CODES_SESSION_KEY = "two_factor_new_codes"

BACKUP_CODE_COUNT = 10
APP_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"
TOTP_DIGITS = 6

# Pages reachable before the code is entered (url names, with their namespace).
EXEMPT_URL_NAMES = frozenset({
    "login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "admin_password_reset", "admin:logout", "set_language",
    "observations:two_factor", "observations:two_factor_verify", "observations:two_factor_backup_codes",
    "observations:two_factor_remove", "observations:unsubscribe",
})


# --- Devices -------------------------------------------------------------------------------


def app_device(user) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if any."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_app(user) -> bool:
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def must_use_two_factor(user) -> bool:
    """Whether the person's role requires two-factor sign-in when TWO_FACTOR_REQUIRED is on:
    staff, superusers and coordinators of a State."""
    return user.is_authenticated and (user.is_staff or user.is_superuser or is_coordinator(user))


def setup_device(user) -> TOTPDevice:
    """The authenticator app being set up: one unconfirmed device per person, kept until it
    is confirmed so that the QR code stays the same when the page is shown again."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The key in base32, in groups of four letters, as authenticator apps ask for it."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an inline SVG QR code (no image service)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=16, border=2)
    return image.to_string(encoding="unicode")


# --- Checking a code -----------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """What happened to one code: the device that accepted it, or why not."""

    device: object | None = None
    wait_seconds: int = 0  # > 0: throttled, the code was not even checked
    used_backup_code: bool = False

    @property
    def ok(self) -> bool:
        return self.device is not None

    def message(self, setting_up: bool = False) -> str:
        """The sentence to show when the code was not accepted."""
        if self.wait_seconds:
            return _("Too many wrong codes in a row. Wait %(wait)s, then enter a new code.") % {
                "wait": _duration(self.wait_seconds)}
        if setting_up:
            return _("This code is not right. Enter the newest code the app shows for this site, and check that "
                     "the phone's clock is right.")
        return _("This code is not right. Check that it is the newest one your app shows, "
                 "or enter one of your backup codes.")


def _duration(seconds: int) -> str:
    from django.utils.translation import ngettext

    if seconds < 120:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def _wait_seconds(device) -> int:
    allowed, info = device.verify_is_allowed()
    if allowed or not info or "locked_until" not in info:
        return 0
    return max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))


def normalize(code: str) -> str:
    return "".join(str(code or "").split()).replace("-", "").lower()


def _check(device, code: str) -> Check:
    """Verifies ``code`` on ``device`` (locked for the check, so that two tries at once are
    counted as two), throttled by django-otp."""
    if device is None:
        return Check()
    wait = _wait_seconds(device)
    if wait:
        return Check(wait_seconds=wait)
    if device.verify_token(code):
        return Check(device=device, used_backup_code=isinstance(device, StaticDevice))
    return Check()


def check_code(user, code: str) -> Check:
    """A code of the person's authenticator app (six digits) or one of their backup codes
    (eight letters and digits), each checked against its own device and throttle."""
    code = normalize(code)
    if not code or len(code) > 16:
        return Check()
    with transaction.atomic():
        if code.isdigit() and len(code) == TOTP_DIGITS:
            device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("-pk").first()
        else:
            device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("-pk").first()
        return _check(device, code)


# --- What a person does -------------------------------------------------------------------


def mark_verified(request, device) -> None:
    """This session entered a right code."""
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)


def sign_in_with_code(request, code: str) -> Check:
    """The code asked after the password; a backup code used is written to the audit log."""
    result = check_code(request.user, code)
    if result.ok:
        mark_verified(request, result.device)
        if result.used_backup_code:
            audit.record(result.device, HistoryAction.CHANGED, by=request.user,
                         comment="Signed in with a backup code")
    return result


def _new_backup_codes(user) -> list[str]:
    device = backup_device(user)
    if device is None:
        device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    device.token_set.all().delete()
    device.throttle_reset()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm_app(request, device: TOTPDevice, code: str) -> Check:
    """Confirms the app being set up with one of its codes: the app is then the person's,
    the session counts as verified, and ten new backup codes wait to be shown once."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user, confirmed=False).first()
        result = _check(device, normalize(code))
        if not result.ok:
            return result
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        audit.record(device, HistoryAction.CREATED, by=user, after={"name": device.name, "confirmed": True},
                     comment="Two-factor sign-in set up")
    mark_verified(request, device)
    request.session[NEW_CODES_SESSION_KEY] = codes
    return result


def regenerate_backup_codes(request) -> list[str]:
    """Ten new backup codes; the old ones stop working. Only on a verified session."""
    user = request.user
    with transaction.atomic():
        codes = _new_backup_codes(user)
        audit.record(backup_device(user), HistoryAction.CHANGED, by=user,
                     after={"codes": BACKUP_CODE_COUNT}, comment="New backup codes made; the old ones no longer work")
    request.session[NEW_CODES_SESSION_KEY] = codes
    return codes


def remove_app(request, code: str) -> Check:
    """Removes the person's authenticator app and backup codes, on a right code (of the app
    or a backup code). Only ever the signed-in person's own devices."""
    user = request.user
    result = check_code(user, code)
    if not result.ok:
        return result
    with transaction.atomic():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            audit.record(device, HistoryAction.DELETED, by=user, before={"name": device.name, "confirmed": True},
                         comment="Two-factor sign-in removed")
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session.pop(PENDING_SESSION_KEY, None)
    request.session.pop(NEW_CODES_SESSION_KEY, None)
    return result


# --- The middleware -----------------------------------------------------------------------


def _url_name(request) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/v1/")


def _has_api_token(request) -> bool:
    header = request.META.get("HTTP_AUTHORIZATION", "").split()
    return bool(header) and header[0].lower() in API_TOKEN_KEYWORDS


def _exempt(request) -> bool:
    path = request.path_info
    static = "/" + settings.STATIC_URL.lstrip("/")
    if path.startswith(static) or path.rstrip("/") == HEALTH_PATH:
        return True
    if _is_api(request) and _has_api_token(request):
        return True
    return _url_name(request) in EXEMPT_URL_NAMES


def _with_next(url_name: str, request) -> str:
    url = reverse(url_name)
    if request.method == "GET":
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url


class TwoFactorMiddleware:
    """After the password: asks people who have an authenticator app for its code before
    they reach any page; with TWO_FACTOR_REQUIRED, sends staff, superusers and coordinators
    without one to set it up. Place it after OTPMiddleware and MessageMiddleware.

    A sign-in is noticed on its way out (the session was renewed for a signed-in person),
    whichever login page made it; the answer then leads to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._refuse(request)
        if refused is not None:
            return refused
        session_key = request.session.session_key
        # Already read by _refuse when the request carries a session: no extra query.
        user_id = request.session.get(SESSION_KEY) if session_key else None
        response = self.get_response(request)
        if request.session.session_key != session_key and request.session.get(SESSION_KEY) not in (None, user_id):
            # A new sign-in. The same person's session renewed (a password change, signing
            # in again) keeps what it had entered.
            response = self._signed_in(request, response)
        return response

    def _refuse(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        pending = bool(request.session.get(PENDING_SESSION_KEY))
        if not pending and not settings.TWO_FACTOR_REQUIRED:
            return None
        if _exempt(request):
            return None
        if not pending and not must_use_two_factor(user):
            return None
        has = pending or has_app(user)
        if _is_api(request):
            return JsonResponse({"detail": _(
                "Enter your two-factor code on the site first, or use a personal API token.")}, status=403)
        return redirect(_with_next("observations:two_factor_verify" if has else "observations:two_factor", request))

    def _signed_in(self, request, response):
        user = request.user
        if not has_app(user):
            request.session.pop(PENDING_SESSION_KEY, None)
            return response
        request.session[PENDING_SESSION_KEY] = True
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        if response.status_code in (301, 302, 303):
            target = response["Location"]
            return redirect(f"{reverse('observations:two_factor_verify')}?{urlencode({'next': target})}")
        return response
