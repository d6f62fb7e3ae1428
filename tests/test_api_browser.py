"""In a real Chromium: the API documentation page draws every operation from the local
Swagger UI under the site's Content-Security-Policy, and a user creates a token on the
tokens page, in Arabic, right to left."""

from __future__ import annotations

import pytest

from observations.choices import OrganizationKind, Role
from observations.models import ApiToken
from tests.factories import make_organization, make_user
from tests.helpers import screenshot

pytestmark = pytest.mark.browser


def test_the_documentation_page_draws_the_operations_without_breaking_the_policy(committees, live_server, page):
    refused, outside = [], []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:") else None)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector("#operations-documents-documents_list")
    assert page.locator(".opblock").count() >= 20
    screenshot(page, "api-docs.png", full_page=False)
    assert not refused, refused
    assert not outside, outside


def test_a_user_creates_a_token_in_arabic_and_sees_it_once(committees, live_server, page):
    body = make_organization("Coordination Council", OrganizationKind.COORDINATING_BODY)
    make_user("coordinator", body, Role.COORDINATOR)
    page.goto(f"{live_server.url}/accounts/login/?next=/api/tokens/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url("**/api/tokens/")
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/api/tokens/")
    assert page.get_attribute("html", "dir") == "rtl"
    page.fill("#id_name", "نظام التخطيط")
    page.locator("#token-form button[type=submit]").click()
    page.wait_for_selector("#new-token")
    key = page.input_value("#new-token-value")
    token = ApiToken.objects.get()
    assert ApiToken.objects.matching(key) == token and token.name == "نظام التخطيط"
    assert page.get_attribute("#new-token-value", "dir") == "ltr"
    screenshot(page, "api-token-created-ar.png")
    page.goto(f"{live_server.url}/api/tokens/")
    assert page.locator("#new-token").count() == 0 and page.locator("#tokens tbody tr").count() == 1
    assert key not in page.content() and token.prefix in page.content()
