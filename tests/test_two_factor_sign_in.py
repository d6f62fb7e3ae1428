"""Two-factor sign-in, signing in: the app's code asked after the password on both login pages,
wrong codes refused and throttled, a code accepted once, backup codes that work once, the
change log; and, with TWO_FACTOR_REQUIRED, staff and coordinators held to it on every page.

Codes are real: computed from the device's key (RFC 6238) under a frozen clock."""

import datetime as dt
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from observations.models import ApiToken, HistoryEntry
from tests.two_factor_support import (
    CODES,
    SETUP,
    VERIFY,
    code_for,
    set_up,
    sign_in,
    signed_in_with_app,
    verified,
    wrong_code_for,
)

# --- Signing in -----------------------------------------------------------------------------


def test_signing_in_with_an_app_asks_for_its_code_and_a_right_code_lets_in(client, person, clock):
    device, _ = signed_in_with_app(client, person, clock)
    response = sign_in(client, "amina", next_url="/notifications/settings/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fnotifications%2Fsettings%2F"
    assert client.session[SESSION_KEY] == str(person.pk) and not verified(client)
    # No page is reachable before the code, whatever the address typed.
    for path in ("/", "/notifications/settings/", "/api/tokens/"):
        blocked = client.get(path)
        assert blocked.status_code == 302 and blocked["Location"].startswith(VERIFY), path
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Enter your code" in page.content.decode()
    response = client.post(VERIFY, {"code": code_for(device), "next": "/notifications/settings/"})
    assert response.status_code == 302 and response["Location"] == "/notifications/settings/"
    assert verified(client)
    assert client.get("/notifications/settings/").status_code == 200


def test_the_admin_login_asks_for_the_code_too(client, staff_member, clock):
    signed_in_with_app(client, staff_member, clock)
    response = sign_in(client, "officer", page="/admin/login/", next_url="/admin/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    blocked = client.get("/admin/")
    assert blocked.status_code == 302 and blocked["Location"].startswith(VERIFY)


def test_a_wrong_code_is_refused_and_wrong_codes_are_throttled(client, person, clock):
    device, _ = signed_in_with_app(client, person, clock)
    sign_in(client, "amina")
    response = client.post(VERIFY, {"code": wrong_code_for(device)})
    assert response.status_code == 400
    assert "This code is not right." in response.content.decode()
    assert not verified(client)
    clock.shift(dt.timedelta(seconds=2))
    client.post(VERIFY, {"code": wrong_code_for(device)})  # second wrong code: 2 seconds to wait
    # Straight after, even the right code is not checked: the sentence says how long to wait.
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 400
    assert "Too many wrong codes in a row. Wait 2 seconds, then enter a new code." in response.content.decode()
    assert not verified(client)
    # The wait is kept on the device: another session (an attacker's) is held the same way.
    other = Client()
    sign_in(other, "amina")
    assert "Too many wrong codes" in other.post(VERIFY, {"code": code_for(device)}).content.decode()
    clock.shift(dt.timedelta(seconds=3))
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 302 and verified(client)
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_many_wrong_codes_wait_longer_and_longer(client, person, clock):
    device, _ = signed_in_with_app(client, person, clock)
    sign_in(client, "amina")
    for _ in range(8):
        clock.shift(dt.timedelta(minutes=5))
        client.post(VERIFY, {"code": wrong_code_for(device)})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert "Wait 3 minutes, then enter a new code." in response.content.decode()  # 2**7 = 128 s


def test_a_code_is_accepted_once(client, person, clock):
    device, _ = signed_in_with_app(client, person, clock)
    sign_in(client, "amina")
    code = code_for(device)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, "amina")
    assert client.post(VERIFY, {"code": code}).status_code == 400
    assert not verified(client)


def test_a_backup_code_works_once(client, person, clock):
    _, codes = signed_in_with_app(client, person, clock)
    sign_in(client, "amina")
    response = client.post(VERIFY, {"code": codes[0].upper().replace("-", " ")}, follow=True)
    assert verified(client)
    assert "You signed in with a backup code; 9 are left." in response.content.decode()
    assert StaticToken.objects.filter(device__user=person).count() == 9
    assert HistoryEntry.objects.filter(comment="Signed in with a backup code", actor=person).count() == 1
    client.post(reverse("logout"))
    sign_in(client, "amina")
    response = client.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 400 and not verified(client)
    clock.shift(dt.timedelta(seconds=5))
    assert client.post(VERIFY, {"code": codes[1]}).status_code == 302


def test_new_backup_codes_void_the_old_ones(client, person, clock):
    _, old = set_up(client, person, clock)
    assert client.post(CODES).status_code == 302
    new = re.findall(r'<li class="col mb-1">([a-z2-7]{4}-[a-z2-7]{4})</li>', client.get(CODES).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.post(reverse("logout"))
    sign_in(client, "amina")
    assert client.post(VERIFY, {"code": old[0]}).status_code == 400
    clock.shift(dt.timedelta(seconds=5))
    assert client.post(VERIFY, {"code": new[0]}).status_code == 302


def test_without_an_app_signing_in_asks_nothing(client, person):
    response = sign_in(client, "amina", next_url="/notifications/settings/")
    assert response["Location"] == "/notifications/settings/"
    assert client.get("/notifications/settings/").status_code == 200


def test_changing_the_password_keeps_the_code_entered(client, person, clock):
    set_up(client, person, clock)
    response = client.post(reverse("password_change"), {
        "old_password": "pw", "new_password1": "a long new passphrase 42", "new_password2": "a long new passphrase 42"})
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    assert verified(client)
    assert client.get("/notifications/settings/").status_code == 200


def test_an_app_removed_by_staff_meanwhile_asks_nothing_more(client, person, clock):
    signed_in_with_app(client, person, clock)
    sign_in(client, "amina")
    TOTPDevice.objects.filter(user=person).delete()  # lost phone: staff deleted it in the admin
    response = client.get(f"{VERIFY}?next=/notifications/settings/")
    assert response["Location"] == "/notifications/settings/"
    assert client.get("/notifications/settings/").status_code == 200


def test_the_middleware_costs_no_query_without_an_app(client, person, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(middleware):
        settings.MIDDLEWARE = middleware
        page = Client()
        page.force_login(person)
        with CaptureQueriesContext(connection) as captured:
            assert page.get("/notifications/settings/").status_code == 200
        return len(captured)

    full = list(settings.MIDDLEWARE)
    without = [m for m in full if m != "observations.two_factor.TwoFactorMiddleware"]
    queries(full)  # the page makes the person's notification settings on the first visit
    assert queries(full) == queries(without)


def test_the_change_log_in_the_admin_lists_the_two_factor_events(client, staff_member, clock):
    set_up(client, staff_member, clock)
    client.post(CODES)
    page = client.get("/admin/observations/historyentry/").content.decode()
    assert "Authenticator app (officer)" in page and "Backup codes (officer)" in page


# --- Required for staff and coordinators ------------------------------------------------------------


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def test_required_a_coordinator_without_an_app_is_sent_to_set_it_up(client, coordinator, required, clock):
    client.force_login(coordinator)
    for path in ("/", reverse("observations:review_queue"), "/api/tokens/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{SETUP}?next="), path
    page = client.get(SETUP)
    assert "must sign in with a second factor" in page.content.decode()
    device = TOTPDevice.objects.get(user=coordinator)
    assert client.post(f"{SETUP}?next=/review/", {"code": code_for(device)})["Location"] == f"{CODES}?next=%2Freview%2F"
    assert 'href="/review/"' in client.get(f"{CODES}?next=%2Freview%2F").content.decode()
    assert client.get(reverse("observations:review_queue")).status_code == 200


def test_required_a_staff_member_cannot_reach_the_admin_before_the_code(client, staff_member, required, clock):
    client.force_login(staff_member)
    for path in ("/admin/", "/admin/auth/user/", "/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(SETUP), path
    device, _ = set_up(client, staff_member, clock)
    assert client.get("/admin/").status_code == 200
    client.post(reverse("logout"))
    sign_in(client, "officer", page="/admin/login/", next_url="/admin/")
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_required_a_coordinator_with_an_app_signed_in_elsewhere_is_asked_for_the_code(
        client, coordinator, required, clock):
    device, _ = set_up(Client(), coordinator, clock)
    client.force_login(coordinator)  # a session that never passed the login page
    response = client.get("/")
    assert response["Location"].startswith(VERIFY)
    assert client.get(SETUP)["Location"] == VERIFY


def test_required_a_focal_point_is_not_held(client, focal_point_a, required):
    client.force_login(focal_point_a)
    assert client.get(reverse("observations:my_work")).status_code == 200
    assert client.get("/notifications/settings/").status_code == 200


def test_required_what_stays_reachable_without_the_code(client, coordinator, required):
    from django.conf import settings

    client.force_login(coordinator)
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/accounts/password_reset/").status_code == 200
    assert client.post(reverse("set_language"), {"language": "fr", "next": "/"}).status_code == 302
    static = client.get(f"/{settings.STATIC_URL.strip('/')}/observations/favicon.svg")
    assert static.status_code != 302
    assert client.post(reverse("logout")).status_code == 302
    assert SESSION_KEY not in client.session


def test_required_api_tokens_stay_valid_and_an_unverified_session_is_refused(client, coordinator, required):
    _, key = ApiToken.objects.create_token(coordinator, "planning tool")
    client.force_login(coordinator)
    with_token = client.get("/api/v1/documents/", headers={"Authorization": f"Token {key}"})
    assert with_token.status_code == 200
    with_session = client.get("/api/v1/documents/")
    assert with_session.status_code == 403
    assert "two-factor code" in with_session.json()["detail"]
    # Another scheme does not slip the session through.
    assert client.get("/api/v1/documents/", headers={"Authorization": "Basic eDp5"}).status_code == 403


def test_off_nothing_changes_for_staff_and_coordinators(client, coordinator, staff_member, settings):
    assert settings.TWO_FACTOR_REQUIRED is False
    client.force_login(coordinator)
    assert client.get(reverse("observations:review_queue")).status_code == 200
    assert client.get("/api/v1/documents/").status_code == 200
    client.force_login(staff_member)
    assert client.get("/admin/").status_code == 200
    assert sign_in(Client(), "officer", page="/admin/login/", next_url="/admin/")["Location"] == "/admin/"
