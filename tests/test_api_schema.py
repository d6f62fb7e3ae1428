"""Schemathesis against a live server: every operation of the published schema, with
generated parameters and bodies, answers without a server error and with a body that
matches the schema — read anonymously and as the State's coordinator with a token."""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from observations.choices import OrganizationKind, Role
from observations.models import ApiToken
from observations.services import tracking as services
from tests.factories import make_document, make_organization, make_user

# Generated examples per operation and reader: bounded so the run stays well under a minute.
EXAMPLES = 6
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def build():
    document = make_document(symbol="CMW/C/KGZ/CO/2")
    body = make_organization("Coordination Council", OrganizationKind.COORDINATING_BODY)
    ministry = make_organization("Ministry of Labour")
    coordinator = make_user("coordinator", body, Role.COORDINATOR)
    focal = make_user("focal", ministry, Role.FOCAL_POINT)
    recommendation = document.recommendations.get(paragraph__number=6)
    services.assign(recommendation, lead=ministry, by=coordinator)
    update = services.create_update(recommendation, organization=ministry, by=focal, status="in_progress",
                                    narrative="Shelters opened.", language="en", as_of=dt.date.today())
    services.submit_update(update, by=focal)
    _token, key = ApiToken.objects.create_token(coordinator, "schemathesis")
    return key


def exercise(operation, base_url, headers):
    """Generated requests to one operation, each answer checked against the schema."""

    @given(case=operation.as_strategy())
    @hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                         phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def check(case):
        response = case.call(base_url=base_url, headers=headers)
        case.validate_response(response, checks=CHECKS)

    check()


@pytest.mark.django_db(transaction=True)
def test_every_operation_keeps_to_the_schema(live_server, committees, settings):
    settings.API_RATE_ANONYMOUS = settings.API_RATE_USER = "1000000/minute"
    key = build()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for headers in ({}, {"Authorization": f"Token {key}"}):
            try:
                exercise(operation, live_server.url, headers)
            except Exception as error:  # noqa: BLE001  (every operation reported below)
                failures.append(f"{operation.label} ({'token' if headers else 'anonymous'}): {error}")
    cache.delete_many(["throttle_anon_127.0.0.1", *(f"throttle_user_{pk}" for pk in ApiToken.objects.values_list(
        "user_id", flat=True))])
    assert operations >= 20
    assert not failures, "\n\n".join(failures)
