"""Personal API tokens: created and revoked by their owner on the site, shown once, kept
only as a digest; rate limits per address and per user."""

from __future__ import annotations

import hashlib

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from observations.choices import OrganizationKind, Role
from observations.models import ApiToken
from tests.factories import make_organization, make_user
from tests.helpers import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(db):
    body = make_organization("Coordination Council", OrganizationKind.COORDINATING_BODY)
    return make_user("coordinator", body, Role.COORDINATOR)


def create(client, user, name="Planning system"):
    client.force_login(user)
    response = client.post(reverse("api:tokens"), {"name": name})
    assert response.status_code == 200
    return response, response.context["new_key"]


def test_the_page_is_for_signed_in_users_and_linked_from_the_navigation(client, coordinator):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(coordinator)
    page = client.get(reverse("api:tokens"))
    assert page.status_code == 200 and reverse("api:tokens").encode() in page.content
    assert b'id="new-token"' not in page.content


def test_a_token_is_shown_once_stored_as_a_digest_and_opens_the_api(client, coordinator):
    response, key = create(client, coordinator)
    assert key.encode() in response.content and len(key) >= 40
    token = ApiToken.objects.get(user=coordinator)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest() and token.prefix == key[:8]
    assert key not in str(list(ApiToken.objects.values_list()))
    again = client.get(reverse("api:tokens"))
    assert key.encode() not in again.content and token.prefix.encode() in again.content
    api = APIClient()
    answer = api.get("/api/v1/assignments/", HTTP_AUTHORIZATION=f"Token {key}")
    assert answer.status_code == 200
    assert api.get("/api/v1/assignments/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_or_wrong_token_is_refused_with_a_sentence(client, coordinator):
    _response, key = create(client, coordinator)
    token = ApiToken.objects.get(user=coordinator)
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302 and not ApiToken.objects.exists()
    for header in (f"Token {key}", "Token not-a-token", "Token two words"):
        refused = APIClient().get("/api/v1/documents/", HTTP_AUTHORIZATION=header)
        assert refused.status_code == 401 and refused.json()["detail"], header
    anonymous = APIClient().get("/api/v1/updates/")
    assert anonymous.status_code == 401 and "token" in anonymous.json()["detail"].lower()


def test_nobody_revokes_someone_elses_token(client, coordinator):
    _response, key = create(client, coordinator)
    token = ApiToken.objects.get(user=coordinator)
    other = make_user("other")
    client.force_login(other)
    before = snapshot()
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    assert client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    assert snapshot() == before
    client.logout()
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert APIClient().get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_a_token_without_a_name_is_refused_and_nothing_is_created(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("api:tokens"), {"name": ""})
    assert response.status_code == 400 and b"invalid-feedback" in response.content
    assert not ApiToken.objects.exists()


def test_the_page_works_in_arabic_right_to_left(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("api:tokens"), HTTP_ACCEPT_LANGUAGE="ar")
    assert b'dir="rtl"' in response.content and b'dir="ltr"' in response.content


def test_rate_limits_answer_429_per_address_and_per_user(client, coordinator, settings):
    settings.API_RATE_ANONYMOUS, settings.API_RATE_USER = "3/minute", "5/minute"
    address = f"192.0.2.{coordinator.pk % 250 + 1}"  # an address no other test uses meanwhile
    api = APIClient(REMOTE_ADDR=address)
    cache.delete(f"throttle_anon_{address}")
    answers = [api.get("/api/v1/documents/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    _response, key = create(client, coordinator)
    answers = [api.get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {key}").status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    limited = api.get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {key}")
    assert "Retry-After" in limited and limited.json()["detail"]
    assert api.get("/api/schema/").status_code == 200, "the schema is not counted"
    cache.delete_many([f"throttle_anon_{address}", f"throttle_user_{coordinator.pk}"])
