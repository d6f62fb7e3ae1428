"""The reminder pages, for everyone who may and may not use them: notification settings,
the one-click unsubscribe (no login), the State's outbox with "send again", the reminder
schedule, and the outbox in the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from observations.models import Notification, NotificationSettings, ReminderSchedule
from observations.models.notifications import NotificationStatus
from observations.services import notifications as reminders

SETTINGS = reverse("observations:notification_settings")
OUTBOX = reverse("observations:notification_outbox")
SCHEDULE = reverse("observations:reminder_schedule")


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def failed_kg(focal_point_a):
    return Notification.objects.create(recipient=focal_point_a, day=dt.date(2025, 10, 4), status="failed",
                                       last_error="550 5.1.1 No such mailbox", attempts=1,
                                       items=[{"type": "internal", "document": "CMW/C/XYZ/CO/1", "items": []}])


@pytest.fixture
def failed_tj(coordinator_other_state):
    return Notification.objects.create(recipient=coordinator_other_state, day=dt.date(2025, 10, 4), status="failed",
                                       last_error="550 refused in Tajikistan", attempts=1, items=[])


# --- Settings ----------------------------------------------------------------------------


def test_settings_need_a_login(db):
    response = client_for().get(SETTINGS)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("who", ["coordinator", "focal_point_a", "ngo_drafter", "outsider", "viewer"])
def test_everyone_logged_in_edits_their_own_settings(request, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    page = client.get(SETTINGS)
    assert page.status_code == 200 and user.email in page.content.decode()
    response = client.post(SETTINGS, {"digest": "weekly", "language": "ru"})
    assert response.status_code == 302
    saved = NotificationSettings.objects.get(user=user)
    assert (saved.digest, saved.language) == ("weekly", "ru")
    assert NotificationSettings.objects.count() == 1  # nobody else's


def test_a_bad_choice_in_the_settings_is_refused_and_changes_nothing(focal_point_a):
    client = client_for(focal_point_a)
    client.post(SETTINGS, {"digest": "daily", "language": "en"})
    response = client.post(SETTINGS, {"digest": "hourly", "language": "en"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert NotificationSettings.objects.get(user=focal_point_a).digest == "daily"


# --- Unsubscribe -------------------------------------------------------------------------


def test_the_unsubscribe_link_asks_then_unsubscribes_without_login(focal_point_a):
    url = reverse("observations:unsubscribe", args=[reminders.unsubscribe_token(focal_point_a.pk)])
    page = client_for().get(url)
    assert page.status_code == 200 and 'id="unsubscribe-form"' in page.content.decode()
    assert not NotificationSettings.objects.filter(user=focal_point_a, digest="off").exists()  # GET changes nothing
    one_click = Client(enforce_csrf_checks=True)  # a mail client's one-click POST carries no CSRF token
    response = one_click.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and 'id="unsubscribe-done"' in response.content.decode()
    saved = NotificationSettings.objects.get(user=focal_point_a)
    assert saved.digest == "off" and saved.unsubscribed_at is not None


@pytest.mark.parametrize("token", ["forged", "eyJ1IjoxfQ:1v4vJI:NgtjoOQ6DMd8EyZzMhAoTIiwTkRw5dg-1GKBSTwJc3U"])
def test_a_forged_unsubscribe_token_gets_a_clear_sentence_and_changes_nothing(focal_point_a, token):
    url = reverse("observations:unsubscribe", args=[token])
    for response in (client_for().get(url), client_for().post(url)):
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert not NotificationSettings.objects.filter(digest="off").exists()


def test_the_token_of_one_person_unsubscribes_only_that_person(focal_point_a, focal_point_b):
    client_for().post(reverse("observations:unsubscribe", args=[reminders.unsubscribe_token(focal_point_b.pk)]))
    assert NotificationSettings.objects.get(user=focal_point_b).digest == "off"
    assert not NotificationSettings.objects.filter(user=focal_point_a).exists()


# --- Outbox ------------------------------------------------------------------------------


def test_the_outbox_needs_a_login(db):
    response = client_for().get(OUTBOX)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("who", ["focal_point_a", "ngo_drafter", "outsider", "viewer"])
def test_only_coordinators_see_the_outbox(request, who, failed_kg):
    client = client_for(request.getfixturevalue(who))
    assert client.get(OUTBOX).status_code == 403
    assert client.post(reverse("observations:notification_resend", args=[failed_kg.pk])).status_code == 403
    failed_kg.refresh_from_db()
    assert failed_kg.status == NotificationStatus.FAILED


def test_the_coordinator_sees_the_digests_of_their_state_only(coordinator, failed_kg, failed_tj):
    page = client_for(coordinator).get(OUTBOX).content.decode()
    assert f'id="notification-{failed_kg.pk}"' in page and "550 5.1.1 No such mailbox" in page
    assert f'id="notification-{failed_tj.pk}"' not in page and "Tajikistan" not in page


def test_the_coordinator_sends_a_failed_digest_again(coordinator, failed_kg):
    client = client_for(coordinator)
    url = reverse("observations:notification_resend", args=[failed_kg.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    failed_kg.refresh_from_db()
    assert failed_kg.status == NotificationStatus.RETRYING and failed_kg.attempts == 0
    # Only a failed digest may be sent again.
    response = client.post(url, follow=True)
    assert "Only a failed digest can be sent again" in response.content.decode()
    failed_kg.refresh_from_db()
    assert failed_kg.status == NotificationStatus.RETRYING


def test_a_coordinator_of_another_state_cannot_resend(coordinator_other_state, failed_kg, failed_tj):
    client = client_for(coordinator_other_state)
    assert client.post(reverse("observations:notification_resend", args=[failed_kg.pk])).status_code == 404
    assert client.post(reverse("observations:notification_resend", args=[999999])).status_code == 404
    failed_kg.refresh_from_db()
    assert failed_kg.status == NotificationStatus.FAILED
    assert client.post(reverse("observations:notification_resend", args=[failed_tj.pk])).status_code == 302


# --- Schedule ----------------------------------------------------------------------------


def test_the_schedule_needs_a_login(db):
    response = client_for().get(SCHEDULE)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("who", ["focal_point_a", "ngo_drafter", "outsider", "viewer"])
def test_only_coordinators_edit_the_schedule(request, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(SCHEDULE).status_code == 403
    assert client.post(SCHEDULE, {"kind": "internal", "internal-days_before": "3",
                                  "internal-overdue_every_days": "1"}).status_code == 403
    assert not ReminderSchedule.objects.exists()


def test_the_coordinator_edits_the_schedule_of_their_state(coordinator):
    client = client_for(coordinator)
    page = client.get(SCHEDULE).content.decode()
    assert "90, 30, 14, 7, 1, 0" in page and 'id="schedule-internal"' in page
    response = client.post(SCHEDULE, {"kind": "internal", "state": "KG", "internal-days_before": "21, 7, 0, 7",
                                      "internal-overdue_every_days": "3"})
    assert response.status_code == 302
    saved = ReminderSchedule.objects.get(state="KG", kind="internal")
    assert saved.days_before == [21, 7, 0] and saved.overdue_every_days == 3 and saved.updated_by == coordinator


def test_a_bad_schedule_gets_a_clear_sentence_and_changes_nothing(coordinator):
    response = client_for(coordinator).post(SCHEDULE, {"kind": "follow_up", "state": "KG",
                                                       "follow_up-days_before": "90, soon",
                                                       "follow_up-overdue_every_days": "7"})
    assert response.status_code == 400
    assert "“soon” is not a number of days" in response.content.decode()
    assert not ReminderSchedule.objects.exists()


def test_a_coordinator_cannot_edit_another_states_schedule(coordinator, coordinator_other_state):
    client = client_for(coordinator)
    assert client.get(SCHEDULE + "?state=TJ").status_code == 404
    assert client.post(SCHEDULE, {"kind": "internal", "state": "TJ", "internal-days_before": "1",
                                  "internal-overdue_every_days": "1"}).status_code == 404
    assert not ReminderSchedule.objects.exists()


# --- Admin -------------------------------------------------------------------------------


def test_the_admin_lists_the_outbox_and_sends_failed_digests_again(failed_kg, failed_tj):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client = client_for(admin)
    page = client.get(reverse("admin:observations_notification_changelist")).content.decode()
    assert "550 5.1.1 No such mailbox" in page and "Tajikistan" in page
    response = client.post(reverse("admin:observations_notification_changelist"),
                           {"action": "send_again", "_selected_action": [failed_kg.pk]})
    assert response.status_code == 302
    failed_kg.refresh_from_db()
    failed_tj.refresh_from_db()
    assert failed_kg.status == NotificationStatus.RETRYING and failed_tj.status == NotificationStatus.FAILED


def test_the_admin_outbox_is_closed_to_coordinators(coordinator, failed_kg):
    response = client_for(coordinator).get(reverse("admin:observations_notification_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]
