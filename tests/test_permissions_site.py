"""The permission matrix of every page outside tracking: the reports pages (the State's
reports, the NGO shadow report), the document pages and the admin's import page. Every
view × every role × own/other object, allowed or denied (the cases are in
``tests/permissions_site_cases.py``), with the framework of ``tests/test_permissions.py``: on
denial nothing in the database has changed (every column of every table of the app: tracking,
shadow reports and their publications, documents; and the evidence folder), on an allowed POST
something did.

Every response, to every role, is also searched for the text of each draft: only the
members of the draft's NGO may ever see it (docx exports are unzipped for the search)."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from observations.models import (
    Assignment,
    CommitteeAssessment,
    Document,
    Evidence,
    HistoryEntry,
    ImportRecord,
    LanguageVersion,
    Measure,
    ProgressUpdate,
    Recommendation,
    ShadowEntry,
    ShadowReport,
    ShadowReportPublication,
)
from tests.helpers import changes, snapshot, snapshot_tables
from tests.permissions_site_cases import (
    ADMIN_LOGIN,
    CASES,
    FORBIDDEN,
    FORM_ERROR,
    LOGIN,
    NOT_FOUND,
    REFUSED,
    SECRETS,
    SHADOW_VARIANTS,
    SITE_ROLES,
    SUPERUSER,
    build_site,
)
from tests.test_permissions import (
    ANONYMOUS,
    Rollback,
    request_as,
    world,  # noqa: F401  (the fixture, imported by name so that pytest finds it)
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(world, django_db_blocker):  # noqa: F811
    """The tracking matrix's world, with shadow reports and the extra roles (built once
    for the module, inside the world's transaction)."""
    with django_db_blocker.unblock():
        return build_site(world)


def readable_text(response) -> str:
    """The response as text; a .docx is unzipped so that its words can be searched."""
    content = response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace")
                           for name in archive.namelist() if name.endswith(".xml"))
    return content.decode("utf-8", "replace")


def denial_mismatch(kind, response) -> str | None:
    status, location = response.status_code, response.get("Location", "")
    login, admin_login = reverse(settings.LOGIN_URL), reverse("admin:login")
    ok = {
        LOGIN: status == 302 and location.startswith(login),
        ADMIN_LOGIN: status == 302 and location.startswith(admin_login),
        NOT_FOUND: status == 404,
        FORBIDDEN: status == 403,
        REFUSED: status in (403, 404),
        FORM_ERROR: status == 302 and not location.startswith((login, admin_login)),
    }[kind]
    return None if ok else f"expected {kind}, got {status} {location}"


@pytest.fixture
def cookie_sessions(settings):
    """Sessions in signed cookies: the thousand logins of the matrix write no session row
    (the pages decide alike wherever the session is kept)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"


@pytest.mark.parametrize("case", [pytest.param(case, id=str(case)) for case in CASES])
def test_site_permission_matrix(client, site, cookie_sessions, case):
    mismatches = []
    evidence_dir = site.evidence_dir
    writes = case.method == "post"
    # Every request is rolled back, so one snapshot before serves them all (writes only).
    before = snapshot(evidence_dir) if writes else None
    for variant in case.variants:
        allowed_roles = case.allowed(variant)
        for role in SITE_ROLES:
            with contextlib.suppress(Rollback), transaction.atomic():
                response = request_as(client, site, role, case, variant)
                after = snapshot(evidence_dir) if writes else None
                raise Rollback
            where = f"[{variant}] {role}"
            status, location = response.status_code, response.get("Location", "")
            text = readable_text(response)
            if role in allowed_roles:
                expected_status = 200 if case.method == "get" else 302
                if status != expected_status or location.startswith(reverse(settings.LOGIN_URL)):
                    mismatches.append(f"{where}: expected {expected_status}, got {status} {location}")
                elif writes and after == before:
                    mismatches.append(f"{where}: allowed POST changed nothing")
                for shown, roles in case.reveals(site, variant).items():
                    if (shown in text) != (role in roles):
                        mismatches.append(f"{where}: {'shows' if shown in text else 'does not show'} {shown!r}")
            else:
                problem = denial_mismatch(case.denial(role, variant), response)
                if problem:
                    mismatches.append(f"{where}: {problem}")
                if writes and after != before:
                    mismatches.append(f"{where}: denied, but the database changed: {changes(before, after)}")
            mismatches += [f"{where}: the response shows the draft text {s!r}"
                           for s, readers in SECRETS.items() if role not in readers and s in text]
    assert not mismatches, f"{case}:\n" + "\n".join(mismatches)
    if writes:
        assert snapshot(evidence_dir) == before


def test_the_snapshot_sees_a_change_in_every_table_the_pages_write(site):
    evidence_dir = site.evidence_dir
    tables = snapshot_tables()
    for model in (ShadowReport, ShadowEntry, ShadowReportPublication, ProgressUpdate, Assignment, Measure, Evidence,
                  CommitteeAssessment, HistoryEntry, Recommendation, Document, LanguageVersion, ImportRecord):
        assert model._meta.db_table in tables, model
    assert Assignment.supporting.through._meta.db_table in tables
    before = snapshot(evidence_dir)
    ShadowEntry.objects.filter(report=site.objects["own"]["report"], paragraph__number=6).update(proposals="x")
    assert changes(before, snapshot(evidence_dir)) == ShadowEntry._meta.db_table


def test_every_report_and_document_url_is_in_the_matrix():
    from observations.urls.documents import urlpatterns as document_patterns
    from observations.urls.reports import urlpatterns as report_patterns

    covered = {case.name.split(" ")[0] for case in CASES}
    # The landing page only redirects each role to its own work (tests/test_error_pages.py);
    # Undo writes back only what the same session deleted, so each role is tried in
    # tests/test_shadow_undo.py, after a deletion.
    assert {pattern.name for pattern in (*document_patterns, *report_patterns)} <= covered | {
        "landing", "shadow_entry_undo"}
    assert "admin:observations_document_import" in covered


def test_every_role_is_a_different_user(site):
    users = [site.users[role] for role in SITE_ROLES if role != ANONYMOUS]
    assert len({user.pk for user in users}) == len(users) == len(SITE_ROLES) - 1


def test_the_admin_never_shows_a_drafts_text(client, site):
    """The shadow report admin shows who drafts what, never the draft's text, not even to
    a superuser; what was published is shown."""
    client.force_login(site.users[SUPERUSER])
    pages = [reverse("admin:observations_shadowreport_changelist"),
             reverse("admin:observations_shadowreportpublication_changelist")]
    for variant in SHADOW_VARIANTS:
        pk = site.objects[variant]["report"].pk
        pages += [reverse(f"admin:observations_shadowreport_{view}", args=[pk]) for view in ("change", "history")]
    publication = ShadowReportPublication.objects.get()
    pages.append(reverse("admin:observations_shadowreportpublication_change", args=[publication.pk]))
    shown = ""
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "SECRET" not in response.content.decode(), url
        shown += response.content.decode()
    assert "PUBLISHED-TEXT" in shown
