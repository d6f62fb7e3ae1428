"""The NGO shadow report: drafted per paragraph by the NGO's drafters, private to the NGO
until it publishes (and to a deactivated NGO no longer), protected against concurrent
overwrites, its pages in a constant number of queries; never deleted in the admin."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from observations.choices import NgoAssessment, Role
from observations.models import ShadowEntry, ShadowReport
from observations.services import reports as shadow_services
from tests.factories import make_document, make_user
from tests.shadow_reports_support import _entry, _entry_url, _form, _state

# --- Drafting ----------------------------------------------------------------------------------


def test_an_ngo_drafter_starts_a_report_and_writes_an_entry(client, document_with_follow_up, ngo, ngo_drafter):
    client.force_login(ngo_drafter)
    response = client.post(reverse("observations:shadow_report_start", args=[document_with_follow_up.slug]),
                           {"organization": ngo.pk})
    report = ShadowReport.objects.get(organization=ngo, document=document_with_follow_up)
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.published_at is None

    response = client.post(_entry_url(report, 4, "a"), _form(
        "The registry still excludes migrants.", 0, evidence="https://example.org/registry Registry report\n\n",
        proposals="What is the timeline?"))
    assert response.status_code == 302
    entry = ShadowEntry.objects.get(report=report)
    assert (entry.paragraph.number, entry.subparagraph.letter, entry.version) == (4, "a", 1)
    assert entry.evidence == [{"url": "https://example.org/registry", "title": "Registry report"}]
    assert entry.created_by == ngo_drafter

    page = client.get(report.get_absolute_url())
    assert "The registry still excludes migrants." in page.content.decode()


def test_a_second_drafter_of_the_same_ngo_edits_the_report(client, drafted, ngo):
    colleague = make_user("colleague", ngo, Role.NGO_DRAFTER)
    entry = ShadowEntry.objects.get(report=drafted, paragraph__number=6)
    client.force_login(colleague)
    response = client.post(_entry_url(drafted, 6), _form("Edited by a colleague.", entry.version))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.narrative, entry.version, entry.updated_by) == ("Edited by a colleague.", 2, colleague)


def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(client, report, ngo_drafter):
    client.force_login(ngo_drafter)
    before = _state(report)
    cases = [
        (_form("Text.", 0, evidence="javascript:alert(1) click"), "is not a web address"),
        (_form("", 0, assessment=NgoAssessment.NOT_ASSESSED), "The entry is empty"),
        (_form("Text.", 0, assessment="excellent"), "Select a valid choice"),
    ]
    for data, message in cases:
        response = client.post(_entry_url(report, 4, "a"), data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert _state(report) == before


def test_an_entry_on_a_paragraph_of_another_document_is_not_found(client, report, ngo_drafter):
    client.force_login(ngo_drafter)
    assert client.post(_entry_url(report, 99), _form("x", 0)).status_code == 404
    assert client.post(_entry_url(report, 6, "z"), _form("x", 0)).status_code == 404
    other = make_document(symbol="CMW/C/OTH/CO/1")
    with pytest.raises(Exception, match="not part of the report's document"):
        shadow_services.save_entry(report=report, paragraph=other.paragraphs.get(number=4), data={}, version=0,
                                   user=ngo_drafter)
    assert not ShadowEntry.objects.exists()


def test_deleting_an_entry(client, drafted, ngo_drafter):
    entry = ShadowEntry.objects.get(report=drafted, paragraph__number=6)
    client.force_login(ngo_drafter)
    # A stale version does not delete.
    client.post(_entry_url(drafted, 6), {"action": "delete", "confirm": "yes", "version": entry.version + 5})
    assert ShadowEntry.objects.filter(pk=entry.pk).exists()
    client.post(_entry_url(drafted, 6), {"action": "delete", "confirm": "yes", "version": entry.version})
    assert not ShadowEntry.objects.filter(pk=entry.pk).exists()


# --- Concurrent edits ------------------------------------------------------------------------


def test_the_second_of_two_concurrent_editors_is_told_and_nothing_is_overwritten(client, drafted, ngo):
    first = make_user("first", ngo, Role.NGO_DRAFTER)
    second = make_user("second", ngo, Role.NGO_DRAFTER)
    entry = ShadowEntry.objects.get(report=drafted, paragraph__number=6)
    opened_at = entry.version  # both open the form at this version

    client.force_login(first)
    assert client.post(_entry_url(drafted, 6), _form("FIRST saved this.", opened_at)).status_code == 302

    client.force_login(second)
    response = client.post(_entry_url(drafted, 6), _form("SECOND wrote this meanwhile.", opened_at))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved this entry while you were editing it." in body
    assert "FIRST saved this." in body  # what is stored now, shown
    assert "SECOND wrote this meanwhile." in body  # their own text, kept in the form
    entry.refresh_from_db()
    assert (entry.narrative, entry.version, entry.updated_by) == ("FIRST saved this.", opened_at + 1, first)

    # Having seen both, the second person saves knowingly (the form now carries the new version).
    assert f'name="version" value="{opened_at + 1}"' in body
    assert client.post(_entry_url(drafted, 6), _form("SECOND, merged.", opened_at + 1)).status_code == 302
    entry.refresh_from_db()
    assert (entry.narrative, entry.version) == ("SECOND, merged.", opened_at + 2)


def test_two_drafters_creating_the_same_entry_at_once(report, ngo_drafter, ngo):
    colleague = make_user("colleague", ngo, Role.NGO_DRAFTER)
    _entry(report, ngo_drafter, 6, narrative="Created first.")
    with pytest.raises(shadow_services.EditConflict) as conflict:
        _entry(report, colleague, 6, narrative="Created second.")
    assert conflict.value.current.narrative == "Created first."
    assert list(ShadowEntry.objects.values_list("narrative", flat=True)) == ["Created first."]


def test_report_details_refuse_a_stale_version(client, report, ngo_drafter, ngo):
    colleague = make_user("colleague", ngo, Role.NGO_DRAFTER)
    url = reverse("observations:shadow_report_edit", args=[report.pk])
    data = {"title": "Alternative report", "language": "en", "introduction": "Who we are.", "version": report.version}
    client.force_login(ngo_drafter)
    assert client.post(url, data).status_code == 302
    client.force_login(colleague)
    response = client.post(url, data | {"title": "Another title"})
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.title == "Alternative report"


# --- Privacy -------------------------------------------------------------------------------------


DRAFT_VIEWS = [
    ("get", "shadow_report", ()),
    ("get", "shadow_report_export", ("md",)),
    ("get", "shadow_report_export", ("docx",)),
    ("get", "shadow_report_edit", ()),
    ("post", "shadow_report_edit", ()),
    ("get", "shadow_entry", (6,)),
    ("post", "shadow_entry", (6,)),
    ("post", "shadow_entry_sub", (4, "b")),
    ("post", "shadow_report_publish", ()),
]


def _call(client, method, name, report, extra):
    url = reverse(f"observations:{name}", args=[report.pk, *extra])
    if method == "get":
        return client.get(url)
    entry = ShadowEntry.objects.filter(report=report, paragraph__number=6).first()
    return client.post(url, _form("FORGED text", entry.version if entry else 0) | {
        "title": "FORGED", "language": "en", "introduction": "FORGED"})


@pytest.mark.parametrize("who", [
    "other_ngo_drafter", "coordinator", "focal_point_a", "focal_point_b", "viewer", "outsider", "superuser", None,
])
def test_a_draft_does_not_exist_for_anyone_outside_the_ngo(client, drafted, who, request):
    if who == "superuser":
        client.force_login(make_user("root", is_superuser=True, is_staff=True))
    elif who:
        client.force_login(request.getfixturevalue(who))
    before = _state(drafted)
    for method, name, extra in DRAFT_VIEWS:
        response = _call(client, method, name, drafted, extra)
        assert response.status_code == 404, (method, name)
        assert "SECRET" not in response.content.decode(errors="replace")
    assert _state(drafted) == before


def test_the_ngos_viewer_reads_the_draft_but_does_not_edit_it(client, drafted, ngo):
    reader = make_user("ngo_reader", ngo, Role.VIEWER)
    client.force_login(reader)
    assert "SECRET-SIX" in client.get(drafted.get_absolute_url()).content.decode()
    assert client.get(reverse("observations:shadow_report_export", args=[drafted.pk, "md"])).status_code == 200
    before = _state(drafted)
    for name, extra in [("shadow_entry", (6,)), ("shadow_report_edit", ()), ("shadow_report_publish", ())]:
        assert _call(client, "post", name, drafted, extra).status_code == 403
    assert _state(drafted) == before


@pytest.mark.parametrize("who", ["other_ngo_drafter", "coordinator", "focal_point_a", "outsider"])
def test_reports_page_never_shows_another_organizations_draft(client, drafted, who, request):
    client.force_login(request.getfixturevalue(who))
    body = client.get(reverse("observations:document_reports", args=[drafted.document.slug])).content.decode()
    assert "SECRET" not in body
    assert drafted.get_absolute_url() not in body
    assert reverse("observations:shadow_report_export", args=[drafted.pk, "md"]) not in body


def test_only_ngo_drafters_start_a_report(client, document_with_follow_up, coordinator, focal_point_a, ngo,
                                          other_ngo_drafter):
    url = reverse("observations:shadow_report_start", args=[document_with_follow_up.slug])
    assert client.post(url, {"organization": ngo.pk}).status_code == 302  # anonymous: to the login page
    for user in (coordinator, focal_point_a):
        client.force_login(user)
        assert client.post(url, {"organization": ngo.pk}).status_code == 403
    # Another NGO's drafter cannot start a report in the name of this NGO.
    client.force_login(other_ngo_drafter)
    client.post(url, {"organization": ngo.pk})
    assert not ShadowReport.objects.filter(organization=ngo).exists()


def test_publishing_shows_a_frozen_copy_and_later_edits_stay_private(client, drafted, ngo_drafter,
                                                                     other_ngo_drafter):
    client.force_login(ngo_drafter)
    assert client.post(reverse("observations:shadow_report_publish", args=[drafted.pk])).status_code == 302
    drafted.refresh_from_db()
    assert drafted.published_at is not None
    entry = ShadowEntry.objects.get(report=drafted, paragraph__number=6)
    client.post(_entry_url(drafted, 6), _form("LATER-EDIT not yet published.", entry.version))

    client.force_login(other_ngo_drafter)
    published = client.get(reverse("observations:shadow_publication", args=[drafted.pk]))
    assert published.status_code == 200
    body = published.content.decode()
    assert "SECRET-SIX" in body and "LATER-EDIT" not in body
    markdown = client.get(reverse("observations:shadow_publication_export", args=[drafted.pk, "md"]))
    assert "SECRET-SIX" in markdown.content.decode() and "LATER-EDIT" not in markdown.content.decode()
    assert client.get(drafted.get_absolute_url()).status_code == 404  # the draft itself stays private
    listing = client.get(reverse("observations:document_reports", args=[drafted.document.slug])).content.decode()
    assert reverse("observations:shadow_publication", args=[drafted.pk]) in listing


def test_an_unpublished_report_has_no_published_page(client, drafted, other_ngo_drafter):
    client.force_login(other_ngo_drafter)
    assert client.get(reverse("observations:shadow_publication", args=[drafted.pk])).status_code == 404
    assert client.get(reverse("observations:shadow_publication_export", args=[drafted.pk, "md"])).status_code == 404


def test_report_page_queries_do_not_grow_with_entries(client, report, ngo_drafter, django_assert_max_num_queries):
    client.force_login(ngo_drafter)
    _entry(report, ngo_drafter, 6, narrative="One.")
    with django_assert_max_num_queries(30) as few:
        client.get(report.get_absolute_url())
    _entry(report, ngo_drafter, 4, narrative="Two.")
    _entry(report, ngo_drafter, 4, "a", narrative="Three.")
    _entry(report, ngo_drafter, 4, "b", narrative="Four.")
    with django_assert_max_num_queries(30) as more:
        client.get(report.get_absolute_url())
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_entry_page_shows_the_states_official_status_beside_the_committees_text(client, report, ngo_drafter):
    from observations.models import Recommendation

    Recommendation.objects.filter(document=report.document, subparagraph__letter="b").update(
        status="partially_implemented")
    client.force_login(ngo_drafter)
    body = client.get(_entry_url(report, 4)).content.decode()
    assert "Paragraph 4 text." in body and "(a) Do thing a." in body
    assert "official-status" in body
    assert "<bdi>4(a)</bdi> <span class=\"badge text-bg-secondary\">Not started</span>" in body
    assert "<bdi>4(b)</bdi> <span class=\"badge text-bg-warning\">Partially implemented</span>" in body
    body = client.get(_entry_url(report, 4, "b")).content.decode()
    assert "4(a)" not in body and "Partially implemented</span>" in body


def test_anonymous_visitors_are_sent_to_log_in_for_reports_pages(client, drafted, ngo_drafter):
    shadow_services.publish(report=drafted, user=ngo_drafter)
    for url in (
        reverse("observations:document_reports", args=[drafted.document.slug]),
        reverse("observations:shadow_publication", args=[drafted.pk]),
        reverse("observations:shadow_publication_export", args=[drafted.pk, "md"]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_a_deactivated_ngo_can_no_longer_read_or_publish_its_draft(client, drafted, ngo, ngo_drafter):
    ngo.is_active = False
    ngo.save()
    client.force_login(ngo_drafter)
    assert client.get(reverse("observations:shadow_report", args=[drafted.pk])).status_code == 404
    response = client.post(reverse("observations:shadow_report_publish", args=[drafted.pk]))
    assert response.status_code in (403, 404)
    drafted.refresh_from_db()
    assert drafted.published_at is None
    assert ShadowEntry.objects.filter(report=drafted).count() == 3  # kept, not lost


def test_nobody_deletes_an_ngo_draft_in_the_admin(client, drafted, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin_user)
    url = reverse("admin:observations_shadowreport_delete", args=[drafted.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert ShadowReport.objects.filter(pk=drafted.pk).exists()


def test_every_write_of_an_entry_marks_the_report_as_edited_by_its_author(drafted, ngo, ngo_drafter):
    colleague = make_user("colleague_drafter", ngo, "ngo_drafter")
    with time_machine.travel(dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        _entry(drafted, colleague, 4, "a", narrative="A new entry.")
    drafted.refresh_from_db()
    assert drafted.updated_by == colleague and drafted.updated_at == dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)
