"""The site's own error pages, the landing page of each role, the confirmation before an
entry is deleted and the sandboxed evidence preview, through the test client."""

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse

from observations.models import Evidence, ShadowEntry
from tests.helpers import MINIMAL_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_off(settings):
    settings.DEBUG = False


def test_a_missing_page_is_the_sites_own_in_the_readers_language(client, debug_off):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'id="error-404"' in body and "navbar" in body and "Go to the list of documents" in body
    assert "Using the URLconf" not in body
    arabic = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="ar" dir="rtl"' in arabic and 'id="error-404"' in arabic


def test_a_refusal_is_the_sites_own_and_says_what_to_do(client, debug_off, focal_point_a):
    client.force_login(focal_point_a)
    response = client.get(reverse("observations:review_queue"))
    assert response.status_code == 403
    body = response.content.decode()
    assert 'id="error-403"' in body and "ask your coordinator" in body
    assert reverse("observations:landing") in body


def test_400_and_500_render_without_a_request(debug_off):
    from django.views import defaults

    request = RequestFactory().get("/")
    bad = defaults.bad_request(request, Exception("bad"))
    assert bad.status_code == 400 and b'id="error-400"' in bad.content
    # Django renders 500.html with no context at all: nothing in it may need the request.
    broken = defaults.server_error(request)
    assert broken.status_code == 500 and b'id="error-500"' in broken.content
    assert b"Something went wrong" in broken.content


@pytest.mark.parametrize("who, where", [
    ("coordinator", "tracking_dashboard"), ("viewer", "tracking_dashboard"), ("focal_point_a", "my_work"),
    ("ngo_drafter", "document_reports"), ("outsider", "document_list"),
])
def test_each_role_lands_on_its_work_after_signing_in(client, assigned_document, who, where, request):
    user = request.getfixturevalue(who)
    user.set_password("pw")
    user.save()
    response = client.post(reverse("login"), {"username": user.username, "password": "pw"})
    assert response.status_code == 302 and response.url == reverse("observations:landing")
    landing = client.get(response.url)
    args = [assigned_document.slug] if where in ("tracking_dashboard", "document_reports") else []
    assert landing.url == reverse(f"observations:{where}", args=args)


def test_the_navbar_is_the_same_on_the_home_page_and_the_reports_pages(client, assigned_document, coordinator):
    client.force_login(coordinator)
    for url in (reverse("observations:document_list"),
                reverse("observations:document_reports", args=[assigned_document.slug])):
        body = client.get(url).content.decode()
        assert f'href="{reverse("observations:review_queue")}"' in body, url
        assert f'href="{reverse("observations:my_work")}"' in body, url
        assert 'class="navbar-toggler"' in body


def test_a_viewer_is_not_told_they_coordinate(client, assigned_document, viewer):
    client.force_login(viewer)
    body = client.get(reverse("observations:my_work")).content.decode()
    assert "Follow-up you coordinate" not in body and "Follow-up you read" in body


def test_an_ngo_member_is_not_left_at_a_dead_end(client, ngo_drafter):
    client.force_login(ngo_drafter)
    body = client.get(reverse("observations:my_work")).content.decode()
    assert 'id="ngo-work"' in body and reverse("observations:landing") in body


def test_deleting_a_shadow_entry_asks_first_and_changes_nothing_until_confirmed(client, document_with_follow_up, ngo,
                                                                               ngo_drafter):
    from observations.services import reports as shadow_services

    report, _ = shadow_services.start_report(organization=ngo, document=document_with_follow_up, user=ngo_drafter)
    paragraph = document_with_follow_up.paragraphs.get(number=6)
    entry = shadow_services.save_entry(report=report, paragraph=paragraph, subparagraph=None, version=0,
                                       user=ngo_drafter, data={"assessment": "not_implemented", "narrative": "Kept",
                                                               "evidence": [], "proposals": ""})
    client.force_login(ngo_drafter)
    url = reverse("observations:shadow_entry", args=[report.pk, 6])
    asked = client.post(url, {"action": "delete", "version": entry.version})
    assert asked.status_code == 200 and b'id="confirm-delete"' in asked.content
    assert ShadowEntry.objects.filter(pk=entry.pk).exists()
    done = client.post(url, {"action": "delete", "confirm": "yes", "version": entry.version})
    assert done.status_code == 302
    assert not ShadowEntry.objects.filter(pk=entry.pk).exists()


def _evidence(update, name, content, content_type):
    evidence = Evidence(update=update, file_name=name, content_type=content_type, size=len(content))
    evidence.file.save(name, ContentFile(content), save=False)
    evidence.save()
    return evidence


def test_evidence_preview_is_inline_sandboxed_and_only_for_those_who_may_download(
        client, assigned_document, ministry_a, focal_point_a, focal_point_b, evidence_dir):
    import datetime as dt

    from observations.models import ProgressUpdate

    recommendation = assigned_document.recommendations.get(subparagraph__letter="a")
    update = ProgressUpdate.objects.create(recommendation=recommendation, organization=ministry_a, author=focal_point_a,
                                           status="partially_implemented", narrative="Draft", language="en",
                                           as_of=dt.date(2026, 1, 1))
    pdf = _evidence(update, "law.pdf", MINIMAL_PDF, "application/pdf")
    fake = _evidence(update, "fake.png", b"<script>alert(1)</script>", "image/png")
    url = reverse("observations:evidence_preview", args=[pdf.pk])

    client.force_login(focal_point_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    # A file that is not what its type says is only ever offered as a download.
    disguised = client.get(reverse("observations:evidence_preview", args=[fake.pk]))
    assert disguised.status_code == 302 and disguised.url == reverse("observations:evidence_download", args=[fake.pk])
    # The draft is private to its organization: the other one does not see it at all.
    client.force_login(focal_point_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_an_expired_form_is_refused_with_the_sites_own_page(debug_off):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert 'id="error-403-csrf"' in body and "Nothing was changed" in body
    assert "CSRF verification failed" not in body
