"""Two-factor sign-in: an authenticator app set up on /account/two-factor/, its code asked
after the password on both login pages, backup codes that work once, throttled wrong codes,
and, with TWO_FACTOR_REQUIRED, staff and coordinators held to it on every page.

Codes are real: computed from the device's key (RFC 6238) under a frozen clock."""

import base64
import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from observations.choices import HistoryAction
from observations.models import ApiToken, HistoryEntry
from tests.factories import make_user

NOW = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)
STEP = dt.timedelta(seconds=30)
SETUP = "/account/two-factor/"
VERIFY = "/account/two-factor/verify/"
CODES = "/account/two-factor/backup-codes/"
REMOVE = "/account/two-factor/remove/"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def person(db):
    return make_user("amina")


@pytest.fixture
def staff_member(db):
    return make_user("officer", is_staff=True, is_superuser=True)


def code_for(device) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def wrong_code_for(device) -> str:
    right = int(code_for(device))
    return f"{(right + 500000) % 1000000:06d}"


def sign_in(client, username, page="/accounts/login/", next_url="/"):
    return client.post(page, {"username": username, "password": "pw", "next": next_url})


def set_up(client, user, clock):
    """Sets up the authenticator app through the page; returns it and the backup codes."""
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == CODES
    page = client.get(CODES).content.decode()
    codes = re.findall(r'<li class="col mb-1">([a-z2-7]{4}-[a-z2-7]{4})</li>', page)
    clock.shift(STEP)  # the code just used is never accepted again: the next one
    device.refresh_from_db()
    return device, codes


def signed_in_with_app(client, user, clock):
    """A person with an authenticator app, signed out again after setting it up."""
    device, codes = set_up(client, user, clock)
    client.post(reverse("logout"))
    return device, codes


def verified(client) -> bool:
    return "otp_device_id" in client.session


# --- Setting it up -------------------------------------------------------------------------


def test_the_setup_page_shows_a_qr_code_and_the_key_and_confirms_with_a_right_code(client, person, clock):
    client.force_login(person)
    response = client.get(SETUP)
    assert response.status_code == 200
    text = response.content.decode()
    device = TOTPDevice.objects.get(user=person)
    assert not device.confirmed
    # The QR code is drawn inline as SVG, from the site itself; the key is shown for typing.
    assert re.search(r'<div class="two-factor-qr[^"]*"[^>]*role="img"[^>]*>\s*<svg', text)
    assert "<img" not in text.split('id="two-factor-qr"')[1].split("</div>")[0]
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)</code>', text).group(1)
    assert base64.b32decode(secret.replace(" ", "")) == device.bin_key
    assert "script-src 'self'" in response["Content-Security-Policy"]
    # Shown again, it is the same key (the app already scanned stays right).
    assert secret in client.get(SETUP).content.decode()

    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == CODES
    device.refresh_from_db()
    assert device.confirmed
    assert verified(client)
    page = client.get(CODES)
    codes = re.findall(r'<li class="col mb-1">([a-z2-7]{4}-[a-z2-7]{4})</li>', page.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert page["Cache-Control"] == "no-store"
    assert sorted(StaticToken.objects.filter(device__user=person).values_list("token", flat=True)) == sorted(
        c.replace("-", "") for c in codes)
    # Shown once: the page then leads back to the overview, which shows no code.
    again = client.get(CODES)
    assert again.status_code == 302 and again["Location"] == SETUP
    overview = client.get(SETUP).content.decode()
    assert "10 backup codes left." in overview
    assert not any(code in overview for code in codes)
    entry = HistoryEntry.objects.get(action=HistoryAction.CREATED, object_id=device.pk)
    assert entry.actor == person and device.key not in str(entry.after)


def test_the_setup_refuses_a_wrong_code(client, person, clock):
    client.force_login(person)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=person)
    response = client.post(SETUP, {"code": wrong_code_for(device)})
    assert response.status_code == 400
    assert "This code is not right." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and not verified(client)
    assert not StaticDevice.objects.filter(user=person).exists()
    assert client.post(SETUP, {"code": "not a code"}).status_code == 400
    device.refresh_from_db()
    assert not device.confirmed


def test_a_code_of_another_key_is_refused(client, person, clock):
    client.force_login(person)
    client.get(SETUP)
    other = TOTPDevice(key="00" * 20)
    assert client.post(SETUP, {"code": code_for_unsaved(other)}).status_code == 400
    assert not TOTPDevice.objects.get(user=person).confirmed


def code_for_unsaved(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


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


# --- Removing it ------------------------------------------------------------------------------


def test_removing_the_app_needs_a_right_code(client, person, clock):
    device, _ = set_up(client, person, clock)
    response = client.post(REMOVE, {"code": wrong_code_for(device)})
    assert response.status_code == 400 and "This code is not right." in response.content.decode()
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    clock.shift(dt.timedelta(seconds=2))
    response = client.post(REMOVE, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == SETUP
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    assert not verified(client)
    assert HistoryEntry.objects.filter(action=HistoryAction.DELETED, object_id=device.pk, actor=person).exists()
    client.post(reverse("logout"))
    assert sign_in(client, "amina", next_url="/notifications/settings/")["Location"] == "/notifications/settings/"


def test_someone_elses_device_is_never_removed_or_shown(client, person, clock):
    other = make_user("bakyt")
    other_client = Client()
    theirs, their_codes = set_up(other_client, other, clock)
    mine, my_codes = set_up(client, person, clock)
    # Posting their code, their device's id, or my code with their id: only ever my own.
    for data in ({"code": code_for(theirs)}, {"code": their_codes[0]},
                 {"code": their_codes[1], "device": theirs.pk, "user": other.pk}):
        assert client.post(REMOVE, data).status_code == 400
        clock.shift(dt.timedelta(minutes=1))
    assert TOTPDevice.objects.filter(pk=theirs.pk, confirmed=True).exists()
    assert StaticToken.objects.filter(device__user=other).count() == 10
    response = client.post(REMOVE, {"code": my_codes[0], "device": theirs.pk, "user": other.pk})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert TOTPDevice.objects.filter(pk=theirs.pk, confirmed=True).exists()
    assert StaticToken.objects.filter(device__user=other).count() == 10
    # The set-up page never shows another person's key.
    client.get(SETUP)
    assert theirs.key not in client.get(SETUP).content.decode()
    assert base64.b32encode(theirs.bin_key).decode()[:8] not in client.get(SETUP).content.decode()


def test_forged_posts_are_refused(person, clock):
    device, _ = set_up(Client(), person, clock)
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(person)
    for path, data in ((REMOVE, {"code": code_for(device)}), (CODES, {}), (VERIFY, {"code": code_for(device)})):
        assert forger.post(path, data).status_code == 403, path
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    assert StaticToken.objects.filter(device__user=person).count() == 10
    # Without a code entered on this session, new backup codes or a removal are refused.
    plain = Client()
    plain.force_login(person)
    sign_in(plain, "amina")
    assert plain.post(CODES)["Location"].startswith(VERIFY)
    assert plain.post(REMOVE, {"code": "123456"})["Location"].startswith(VERIFY)
    assert StaticToken.objects.filter(device__user=person).count() == 10
    # Anonymous: to the login page.
    anonymous = Client()
    for path in (SETUP, VERIFY, CODES):
        assert anonymous.post(path, {"code": code_for(device)})["Location"].startswith("/accounts/login/")
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def test_a_next_address_elsewhere_is_not_followed(client, person, clock):
    device, _ = signed_in_with_app(client, person, clock)
    sign_in(client, "amina")
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example.org/"})
    assert response.status_code == 302 and response["Location"] == reverse("observations:landing")


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


def test_the_user_menu_links_to_the_two_factor_page(client, person):
    client.force_login(person)
    assert f'href="{SETUP}"' in client.get("/notifications/settings/").content.decode()


# --- In a real browser --------------------------------------------------------------------------


@pytest.mark.browser
def test_in_chromium_setting_up_then_signing_in_with_the_app(live_server, page, transactional_db):
    import time

    from tests.helpers import screenshot

    make_user("amina")
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.set_viewport_size({"width": 1200, "height": 900})

    def log_in():
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", "amina")
        page.fill("#id_password", "pw")
        with page.expect_navigation():
            page.click("button[type=submit]")

    log_in()
    page.get_by_role("link", name="Two-factor sign-in").click()
    qr = page.locator("#two-factor-qr svg")
    box = qr.bounding_box()
    assert box["width"] >= 150 and abs(box["width"] - box["height"]) < 2
    screenshot(page, "two-factor-setup.png")
    # The key as a person would type it into the app.
    key = base64.b32decode(page.locator("#two-factor-secret").inner_text().replace(" ", ""))

    def app_code(at: float) -> str:
        return f"{_totp_at(key, at):06d}"

    page.fill("#setup_code", app_code(time.time()))
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm and turn on").click()
    assert page.url.endswith(CODES)
    assert page.locator("#backup-codes li").count() == 10
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/**")

    # The next sign-in, one step of the app later (a code is accepted once).
    with time_machine.travel(dt.datetime.now(dt.UTC) + STEP, tick=True):
        log_in()
        assert VERIFY in page.url
        page.goto(f"{live_server.url}/notifications/settings/")
        assert VERIFY in page.url  # no page before the code
        page.fill("#id_code", app_code(time.time()))
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in", exact=True).click()
        assert page.url == f"{live_server.url}/notifications/settings/"
        assert page.get_by_role("heading", level=1).count() == 1
    assert refused == []


def _totp_at(key: bytes, at: float) -> int:
    from django_otp.oath import TOTP

    generator = TOTP(key, step=30, t0=0, digits=6)
    generator.time = at
    return generator.token()
