"""Locked doors: sign-in lockout on both login pages, unlocking by staff, password reset by
e-mail, sessions that expire, and a Content-Security-Policy without inline scripts."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent
LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def staff_member(db):
    return make_user("officer", is_staff=True, is_superuser=True)


def _sign_in(client, page, username, password):
    return client.post(page, {"username": username, "password": password, "next": "/"})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _lock(client, page, username):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, page, username, "wrong password")


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_ten_wrong_passwords_lock_the_account_and_the_page_says_so(client, staff_member, page):
    assert settings.AXES_FAILURE_LIMIT == 10
    with time_machine.travel(NOW, tick=False):
        _lock(client, page, "officer")
        response = _sign_in(client, page, "officer", "pw")
    assert response.status_code == 429
    assert not _signed_in(client)
    text = response.content.decode()
    assert "This account has been locked because a wrong password was entered 10 times in a row." in text
    assert "Try again in 30 minutes, or ask an administrator to unlock it." in text
    assert 'lang="en"' in text


def test_nine_wrong_passwords_then_the_right_one_signs_in_and_the_count_starts_again(client, staff_member):
    for _ in range(9):
        _sign_in(client, "/accounts/login/", "officer", "wrong password")
    assert _sign_in(client, "/accounts/login/", "officer", "pw").status_code == 302
    assert _signed_in(client)
    assert not AccessAttempt.objects.filter(username="officer").exists()


def test_a_locked_account_does_not_lock_another(client, staff_member):
    make_user("colleague")
    _lock(client, "/accounts/login/", "officer")
    assert _sign_in(client, "/accounts/login/", "colleague", "pw").status_code == 302


def test_the_lock_ends_after_the_cool_off_period(client, staff_member):
    with time_machine.travel(NOW, tick=False):
        _lock(client, "/accounts/login/", "officer")
    with time_machine.travel(NOW + dt.timedelta(minutes=31), tick=False):
        assert _sign_in(client, "/accounts/login/", "officer", "pw").status_code == 302


def test_each_attempt_while_locked_starts_the_cool_off_period_again(client, staff_member):
    with time_machine.travel(NOW, tick=False):
        _lock(client, "/accounts/login/", "officer")
    with time_machine.travel(NOW + dt.timedelta(minutes=29), tick=False):
        assert _sign_in(client, "/accounts/login/", "officer", "pw").status_code == 429
    with time_machine.travel(NOW + dt.timedelta(minutes=31), tick=False):
        assert _sign_in(client, "/accounts/login/", "officer", "pw").status_code == 429
    with time_machine.travel(NOW + dt.timedelta(minutes=62), tick=False):
        assert _sign_in(client, "/accounts/login/", "officer", "pw").status_code == 302


def test_the_locked_page_in_arabic(client, staff_member):
    _lock(client, "/accounts/login/", "officer")
    response = client.post("/accounts/login/", {"username": "officer", "password": "pw"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 429
    assert 'dir="rtl"' in response.content.decode()


def test_staff_unlock_an_account_with_the_command(client, staff_member):
    _lock(client, "/accounts/login/", "officer")
    call_command("axes_reset_username", "officer")
    assert _sign_in(client, "/accounts/login/", "officer", "pw").status_code == 302


def test_staff_unlock_an_account_in_the_admin(client, staff_member):
    make_user("focal")
    _lock(client, "/accounts/login/", "focal")
    attempt = AccessAttempt.objects.get(username="focal")
    client.force_login(staff_member)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "focal" in listing.content.decode()
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert _sign_in(client, "/accounts/login/", "focal", "pw").status_code == 302


def test_people_without_staff_rights_cannot_unlock(client, db):
    make_user("focal")
    _lock(client, "/accounts/login/", "focal")
    reader = make_user("reader")
    client.force_login(reader)
    assert client.get("/admin/axes/accessattempt/").status_code == 302  # to the admin's login
    client.logout()
    assert client.get("/admin/axes/accessattempt/").status_code == 302
    assert AccessAttempt.objects.filter(username="focal").exists()


def test_a_forgotten_password_is_replaced_through_the_e_mailed_link(client, db):
    make_user("focal")
    page = client.get("/accounts/login/")
    assert 'href="/accounts/password_reset/"' in page.content.decode()
    response = client.post("/accounts/password_reset/", {"email": "focal@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["focal@example.org"] and "choose a new password" in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Choose a new password" in form.content.decode()
    new = "Treaty-body follow-up 2026"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert _sign_in(client, "/accounts/login/", "focal", new).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"}, follow=True)
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []


def test_the_admin_login_offers_the_password_reset(client, db):
    assert "/admin/password_reset/" in client.get("/admin/login/").content.decode()
    assert client.get("/admin/password_reset/").status_code == 200


def test_a_sign_in_expires_after_the_session_age(client, db):
    make_user("focal")
    _sign_in(client, "/accounts/login/", "focal", "pw")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    later = timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later, tick=False):
        assert client.get(reverse("observations:my_work")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/admin/login/", "/accounts/password_reset/"])
def test_pages_carry_a_content_security_policy_without_inline_scripts(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_no_template_has_an_inline_script_or_event_handler():
    offending = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=", text):
            offending.append(str(template.relative_to(ROOT)))
    assert offending == []


def test_the_language_menu_works_under_the_policy_and_nothing_is_refused(live_server, page, committees):
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    with page.expect_navigation():
        page.select_option("#interface-language", "ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert refused == []
