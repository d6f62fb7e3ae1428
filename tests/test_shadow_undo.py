"""Undo after deleting a shadow-report entry: for a quarter of an hour, on the drafter's own
session, the report page offers to write the deleted entry back; never over a newer one."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from observations.models import ShadowEntry
from tests.factories import make_user
from tests.shadow_reports_support import _entry, _entry_url, drafted, report  # noqa: F401  (fixtures)

UNDO = "observations:shadow_entry_undo"


def delete_six(client, shadow_report):
    entry = ShadowEntry.objects.get(report=shadow_report, paragraph__number=6)
    response = client.post(_entry_url(shadow_report, 6), {"action": "delete", "confirm": "yes",
                                                          "version": entry.version})
    assert response.status_code == 302 and not ShadowEntry.objects.filter(pk=entry.pk).exists()
    return entry


def test_the_report_page_offers_undo_and_it_writes_the_entry_back(client, drafted, ngo_drafter):  # noqa: F811
    client.force_login(ngo_drafter)
    deleted = delete_six(client, drafted)
    page = client.get(drafted.get_absolute_url()).content.decode()
    assert 'id="undo-delete"' in page and reverse(UNDO, args=[drafted.pk]) in page
    response = client.post(reverse(UNDO, args=[drafted.pk]), follow=True)
    assert "restored" in response.content.decode()
    restored = ShadowEntry.objects.get(report=drafted, paragraph__number=6, subparagraph=None)
    assert (restored.narrative, restored.proposals, restored.assessment) == (
        deleted.narrative, deleted.proposals, deleted.assessment)
    assert 'id="undo-delete"' not in client.get(drafted.get_absolute_url()).content.decode()
    # Posted again (a double click): nothing more is written.
    client.post(reverse(UNDO, args=[drafted.pk]))
    assert ShadowEntry.objects.filter(report=drafted, paragraph__number=6).count() == 1


def test_a_sub_paragraph_entry_comes_back_on_its_sub_paragraph(client, drafted, ngo_drafter):  # noqa: F811
    client.force_login(ngo_drafter)
    entry = ShadowEntry.objects.get(report=drafted, paragraph__number=4, subparagraph__letter="b")
    client.post(_entry_url(drafted, 4, "b"), {"action": "delete", "confirm": "yes", "version": entry.version})
    client.post(reverse(UNDO, args=[drafted.pk]))
    restored = ShadowEntry.objects.get(report=drafted, paragraph__number=4, subparagraph__letter="b")
    assert restored.evidence == entry.evidence and restored.narrative == entry.narrative


def test_undo_never_overwrites_an_entry_written_since(client, drafted, ngo_drafter, ngo):  # noqa: F811
    client.force_login(ngo_drafter)
    delete_six(client, drafted)
    colleague = make_user("colleague_drafter", ngo, "ngo_drafter")
    _entry(drafted, colleague, 6, narrative="Written after the deletion.")
    response = client.post(reverse(UNDO, args=[drafted.pk]), follow=True)
    assert "Not restored" in response.content.decode()
    assert list(ShadowEntry.objects.filter(report=drafted, paragraph__number=6).values_list("narrative", flat=True)) \
        == ["Written after the deletion."]


def test_undo_is_offered_for_a_quarter_of_an_hour_only(client, drafted, ngo_drafter):  # noqa: F811
    client.force_login(ngo_drafter)
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        delete_six(client, drafted)
        clock.shift(dt.timedelta(minutes=16))
        assert 'id="undo-delete"' not in client.get(drafted.get_absolute_url()).content.decode()
        response = client.post(reverse(UNDO, args=[drafted.pk]), follow=True)
    assert "There is no deleted entry to restore" in response.content.decode()
    assert not ShadowEntry.objects.filter(report=drafted, paragraph__number=6).exists()


@pytest.mark.parametrize("who", ["other_ngo_drafter", "coordinator", "focal_point_a"])
def test_nobody_else_can_undo_and_the_deleted_text_stays_private(client, drafted, ngo_drafter, who,  # noqa: F811
                                                                 request):
    client.force_login(ngo_drafter)
    delete_six(client, drafted)
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse(UNDO, args=[drafted.pk])).status_code == 404
    assert not ShadowEntry.objects.filter(report=drafted, paragraph__number=6).exists()


def test_a_member_of_the_ngo_who_does_not_draft_cannot_undo(client, drafted, ngo_drafter, ngo):  # noqa: F811
    client.force_login(ngo_drafter)
    delete_six(client, drafted)
    client.force_login(make_user("ngo_reader", ngo, "viewer"))
    assert client.post(reverse(UNDO, args=[drafted.pk])).status_code == 403
    assert not ShadowEntry.objects.filter(report=drafted, paragraph__number=6).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, drafted):  # noqa: F811
    response = client.post(reverse(UNDO, args=[drafted.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_another_session_of_the_same_drafter_has_nothing_to_undo(client, drafted, ngo_drafter):  # noqa: F811
    from django.test import Client

    client.force_login(ngo_drafter)
    delete_six(client, drafted)
    elsewhere = Client()
    elsewhere.force_login(ngo_drafter)
    response = elsewhere.post(reverse(UNDO, args=[drafted.pk]), follow=True)
    assert "There is no deleted entry to restore" in response.content.decode()


def test_undo_takes_only_a_post(client, drafted, ngo_drafter):  # noqa: F811
    client.force_login(ngo_drafter)
    assert client.get(reverse(UNDO, args=[drafted.pk])).status_code == 405
