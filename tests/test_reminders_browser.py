# ruff: noqa: F811  (the smtp fixture is imported from the support module)
"""The Arabic digest opened in a real browser: right to left, and every link leads to a
working page of the tracker for the person it was written for; the unsubscribe link works
without logging in."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import time_machine
from django.core.management import call_command

from observations.models import NotificationSettings
from tests.helpers import screenshot
from tests.test_reminders_support import UTC, load_demo, parts, smtp  # noqa: F401  (fixture)


def test_the_arabic_digest_reads_right_to_left_and_its_links_work(committees, live_server, page, seed_pair, smtp,
                                                                   settings):
    load_demo(seed_pair)
    settings.SITE_URL = live_server.url
    with time_machine.travel(dt.datetime(2025, 10, 4, 6, 0, tzinfo=UTC), tick=False):
        call_command("send_reminders", "--date", "2025-10-04", stdout=StringIO())
    message = smtp.to("foreign@example.org")[0]
    _text, html = parts(message)

    page.set_content(html)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    screenshot(page, "reminders-digest-ar.png")
    links = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
    assert len(links) >= 4 and all(link.startswith(live_server.url) for link in links)

    unsubscribe = [link for link in links if "/unsubscribe/" in link]
    assert len(unsubscribe) == 1
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "foreign")
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)  # each role lands on its own page
    for link in links:
        if link in unsubscribe:
            continue
        response = page.goto(link)
        assert response.status == 200, link
    # The recommendation pages the digest names are the ones assigned to this ministry.
    page.goto(next(link for link in links if "/tracking/recommendations/" in link))
    assert "Ministry of Foreign Affairs" in page.content()

    page.context.clear_cookies()  # unsubscribing needs no login
    response = page.goto(unsubscribe[0])
    assert response.status == 200
    page.click("#unsubscribe-form button")
    page.wait_for_selector("#unsubscribe-done")
    assert NotificationSettings.objects.get(user__username="foreign").digest == "off"
