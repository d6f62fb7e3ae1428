"""What the two-factor tests share: a frozen clock, a person and a staff member, the account
pages' addresses, right and wrong codes computed from a device's key (RFC 6238), and signing in
with or without an authenticator app set up."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

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
