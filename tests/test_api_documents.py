"""The public side of the API: the published text, for anyone, as the document pages show
it; the OpenAPI schema and its documentation page served from this site."""

from __future__ import annotations

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from observations.choices import OrganizationKind, Role
from tests.factories import make_document, make_organization, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """Many requests from one address in a few seconds: the rate limits are tested apart."""
    settings.API_RATE_ANONYMOUS = settings.API_RATE_USER = "100000/minute"


def results(response):
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]


def test_the_seed_is_listed_for_anyone_with_its_language_versions(seed_pair):
    documents = results(APIClient().get("/api/v1/documents/"))
    assert [d["symbol"] for d in documents] == ["CMW/C/KGZ/CO/2"]
    assert {v["language"] for v in documents[0]["versions"]} == {"en", "ar"}
    assert documents[0]["state"] == "KG" and documents[0]["committee"] == "CMW"
    detail = APIClient().get(f"/api/v1/documents/{seed_pair.slug}/").json()
    assert detail["id"] == seed_pair.pk


def test_paragraphs_headings_recommendations_deadlines_and_citations_of_the_seed(seed_pair):
    client = APIClient()
    query = f"?document={seed_pair.slug}&page_size=200"
    paragraphs = results(client.get("/api/v1/paragraphs/" + query))
    assert len(paragraphs) == seed_pair.paragraphs.count()
    assert {p["number"] for p in paragraphs} == set(seed_pair.paragraphs.values_list("number", flat=True))
    assert all("en" in p["text"] and "ar" in p["text"] for p in paragraphs)
    assert len(results(client.get("/api/v1/headings/" + query))) == seed_pair.headings.count()
    recommendations = results(client.get("/api/v1/recommendations/" + query))
    assert {r["code"] for r in recommendations} == {r.code for r in seed_pair.recommendations.all()}
    assert all(r["status"] is None for r in recommendations), "anonymous readers never see the official status"
    subparagraphs = results(client.get("/api/v1/subparagraphs/" + query))
    assert len(subparagraphs) == sum(p.subparagraphs.count() for p in seed_pair.paragraphs.all())
    deadlines = results(client.get("/api/v1/deadlines/" + query))
    assert {d["kind"] for d in deadlines} == set(seed_pair.deadlines.values_list("kind", flat=True))
    assert all(d["state"]["code"] for d in deadlines)
    citations = results(client.get("/api/v1/citations/" + query))
    assert len(citations) == sum(p.citations.count() for p in seed_pair.paragraphs.all())
    references = results(client.get("/api/v1/references/" + query))
    assert len(references) == sum(p.references.count() for p in seed_pair.paragraphs.all())


def test_the_official_status_is_shown_to_whom_the_pages_show_it(db):
    document = make_document(symbol="CMW/C/KGZ/CO/2")
    ministry = make_organization("Ministry of Labour")
    member = make_user("member", ministry, Role.FOCAL_POINT)
    tajik = make_user("tajik", make_organization("Council", OrganizationKind.COORDINATING_BODY, state="TJ"),
                      Role.COORDINATOR)
    url = f"/api/v1/recommendations/?document={document.slug}"
    for user, shown in ((member, True), (tajik, False), (None, False)):
        client = APIClient()
        if user:
            client.force_authenticate(user)
        statuses = {r["status"] for r in results(client.get(url))}
        assert statuses == ({"not_started"} if shown else {None}), user


def test_once_the_public_page_is_on_anyone_reads_the_statuses_and_grades_without_the_note(db):
    from observations.services import tracking as services

    document = make_document(symbol="CMW/C/KGZ/CO/2")
    body = make_organization("Council", OrganizationKind.COORDINATING_BODY)
    coordinator = make_user("coordinator", body, Role.COORDINATOR)
    recommendation = document.recommendations.get(paragraph__number=6)
    services.record_assessment(recommendation, grade="B", letter_date=document.adoption_date, by=coordinator,
                               note="The Committee requests figures.")
    anonymous = APIClient()
    assert results(anonymous.get("/api/v1/assessments/")) == []
    assert {r["status"] for r in results(anonymous.get("/api/v1/recommendations/"))} == {None}
    document.public_page = True
    document.save()
    assert {r["status"] for r in results(anonymous.get("/api/v1/recommendations/"))} == {"not_started"}
    grades = results(anonymous.get("/api/v1/assessments/"))
    assert [(g["code"], g["grade"], g["note"]) for g in grades] == [("6", "B", "")]
    member = APIClient()
    member.force_authenticate(coordinator)
    assert results(member.get("/api/v1/assessments/"))[0]["note"] == "The Committee requests figures."


def test_cursor_pagination_ordering_and_filters(db):
    for number in range(1, 6):
        make_document(symbol=f"CMW/C/KGZ/CO/{number}")
    make_document(symbol="CMW/C/TJK/CO/1", state="TJ")
    client = APIClient()
    first = client.get("/api/v1/documents/?page_size=2&ordering=symbol").json()
    assert [d["symbol"] for d in first["results"]] == ["CMW/C/KGZ/CO/1", "CMW/C/KGZ/CO/2"]
    assert "cursor=" in first["next"] and first["previous"] is None
    second = client.get(first["next"]).json()
    assert [d["symbol"] for d in second["results"]] == ["CMW/C/KGZ/CO/3", "CMW/C/KGZ/CO/4"]
    assert [d["symbol"] for d in results(client.get("/api/v1/documents/?state=TJ"))] == ["CMW/C/TJK/CO/1"]
    reverse_order = results(client.get("/api/v1/documents/?ordering=-symbol&page_size=1"))
    assert reverse_order[0]["symbol"] == "CMW/C/TJK/CO/1"
    bad = client.get("/api/v1/documents/?state=XX")
    assert bad.status_code == 400 and "state" in bad.json()


def test_the_document_list_costs_the_same_at_two_sizes(db, django_assert_max_num_queries):
    client = APIClient()
    make_document(symbol="CMW/C/KGZ/CO/1")
    with django_assert_max_num_queries(3) as small:
        client.get("/api/v1/documents/")
    for number in range(2, 12):
        make_document(symbol=f"CMW/C/KGZ/CO/{number}")
    with django_assert_max_num_queries(3) as large:
        assert len(results(client.get("/api/v1/documents/"))) == 11
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_schema_is_a_valid_openapi_3_document(db):
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/documents/" in schema["paths"] and "/api/v1/updates/{id}/submit/" in schema["paths"]


def test_the_documentation_page_uses_only_local_scripts_and_no_inline_ones(client, db):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>" not in page and "<style>" not in page
    assert "https://" not in page and "//cdn" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200 and b"/api/schema/" in script.content
    assert "script-src 'self'" in response["Content-Security-Policy"]
