"""Two-factor sign-in, the authenticator app itself: set up on /account/two-factor/ with a QR code
and confirmed with a right code, removed only with a right code and only one's own, forged posts
and outside next addresses refused, the user menu's link, and all of it in a real browser.

Codes are real: computed from the device's key (RFC 6238) under a frozen clock."""

import base64
import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from observations.choices import HistoryAction
from observations.models import HistoryEntry
from tests.factories import make_user
from tests.two_factor_support import (
    CODES,
    REMOVE,
    SETUP,
    STEP,
    VERIFY,
    code_for,
    set_up,
    sign_in,
    signed_in_with_app,
    verified,
    wrong_code_for,
)

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
