"""Organization names in several languages: stored per language code, edited in the admin
with clear errors, and shown in the reader's language (the name otherwise) on the tables,
dashboards, the recommendation page, my work and the exports."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from observations.models import Organization
from observations.services import tracking as services

pytestmark = pytest.mark.django_db

ARABIC = "وزارة العمل والضمان الاجتماعي والهجرة"
FRENCH = "Ministère du Travail, de la Sécurité sociale et des Migrations"


@pytest.fixture
def named(ministry_a):
    ministry_a.names = {"ar": ARABIC, "fr": FRENCH}
    ministry_a.save()
    return ministry_a


def test_name_in_falls_back_to_the_name(named):
    assert named.name_in("ar") == ARABIC
    assert named.name_in("fr-ca") == FRENCH
    assert named.name_in("ru") == named.name
    assert named.name_in(None) == named.name
    named.names = {"zh-hans": "劳动部", "es": "  "}
    assert named.name_in("zh-hans") == "劳动部"
    assert named.name_in("es") == named.name


def test_label_keeps_the_short_name_without_a_translation(named):
    named.short_name = "MoL"
    assert named.label_in("ru") == "MoL" and named.label_in("ar") == ARABIC


@pytest.mark.parametrize("names, message", [
    ({"xx": "Name"}, "is not a language of the site"),
    (["Name"], "Give the names as"),
    ({"fr": 3}, "must be text"),
    ({"fr": "x" * 201}, "longer than 200 characters"),
])
def test_bad_names_get_a_clear_sentence_and_change_nothing(named, names, message):
    organization = Organization.objects.get(pk=named.pk)
    organization.names = names
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert message in " ".join(error.value.message_dict["names"])
    assert Organization.objects.get(pk=named.pk).names == {"ar": ARABIC, "fr": FRENCH}


def test_blank_names_are_dropped(named):
    named.names = {"fr": " Ministère ", "es": ""}
    named.full_clean()
    assert named.names == {"fr": "Ministère"}


def admin_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")


def test_the_admin_edits_the_names_and_refuses_bad_ones(client, named):
    client.force_login(admin_user())
    url = reverse("admin:observations_organization_change", args=[named.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="names"' in page.content.decode()
    data = {"name": named.name, "short_name": "", "kind": named.kind, "state": str(named.state), "email": "",
            "is_active": "on", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000"}
    response = client.post(url, {**data, "names": '{"xx": "Bad"}'})
    assert response.status_code == 200 and "is not a language of the site" in response.content.decode()
    assert Organization.objects.get(pk=named.pk).names == {"ar": ARABIC, "fr": FRENCH}
    response = client.post(url, {**data, "names": '{"ru": "Министерство труда"}'})
    assert response.status_code == 302
    assert Organization.objects.get(pk=named.pk).names == {"ru": "Министерство труда"}
    changelist = client.get(reverse("admin:observations_organization_changelist")).content.decode()
    assert "ru: Министерство труда" in changelist


def test_anonymous_and_staff_without_rights_do_not_reach_the_admin(client, named, coordinator):
    url = reverse("admin:observations_organization_change", args=[named.pk])
    assert client.get(url).status_code == 302
    client.force_login(coordinator)
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("language, expected", [("ar", ARABIC), ("fr", FRENCH), ("en", None)])
def test_pages_show_the_name_in_the_readers_language(client, coordinator, focal_point_a, named, assigned_document,
                                                     language, expected):
    expected = expected or named.name
    others = {ARABIC, FRENCH} - {expected}
    recommendation = assigned_document.recommendations.get(position=0)
    client.force_login(coordinator)
    pages = [
        reverse("observations:recommendation_detail", args=[recommendation.pk]),
        reverse("observations:tracking_recommendations", args=[assigned_document.slug]),
        reverse("observations:tracking_dashboard_by", args=[assigned_document.slug, "organizations"]),
        reverse("observations:tracking_charts", args=[assigned_document.slug]),
        reverse("observations:tracking_chart", args=[assigned_document.slug, "organizations"]),
    ]
    for url in pages:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert expected in html, url
        assert not any(other in html for other in others), url
    client.force_login(focal_point_a)
    html = client.get(reverse("observations:my_work"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert expected in html and not any(other in html for other in others)


def test_review_queue_and_update_card_show_the_name_in_arabic(client, coordinator, focal_point_a, named,
                                                              assigned_document):
    recommendation = assigned_document.recommendations.get(position=0)
    update = services.create_update(recommendation, organization=named, by=focal_point_a, status="in_progress",
                                    narrative="Done.", language="en", as_of=assigned_document.adoption_date)
    services.submit_update(update, by=focal_point_a)
    client.force_login(coordinator)
    assert ARABIC in client.get(reverse("observations:review_queue"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    html = client.get(reverse("observations:recommendation_detail", args=[recommendation.pk]),
                      HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert html.count(ARABIC) >= 2  # the assignment and the update


def test_exports_name_the_organization_in_the_readers_language(client, coordinator, named, assigned_document):
    import csv
    import io

    client.force_login(coordinator)
    url = reverse("observations:tracking_recommendations", args=[assigned_document.slug]) + "?_export=csv"
    rows = list(csv.reader(io.StringIO(client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode("utf-8-sig"))))
    assert ARABIC in {cell for row in rows[1:] for cell in row}
