# ruff: noqa: F811  (the smtp fixture is imported from the support module)
"""Deadline reminders on the demo: who gets a digest on the seed's dates, in which language,
with which links, once; a met deadline stops its reminders. Mail goes to a real SMTP
server on loopback; the clock is frozen at the seed's dates."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from observations.models import Notification
from observations.models.notifications import NotificationStatus
from observations.services import notifications as reminders
from tests.test_reminders_support import UTC, load_demo, parts, smtp  # noqa: F401  (fixture)

COORDINATOR, LABOUR, FOREIGN, OMBUDS = (f"{u}@example.org" for u in ("coordinator", "labour", "foreign",
                                                                      "ombudsperson"))


def at(day: dt.date, hour=6):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC), tick=False)


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def demo(seed_pair):
    return load_demo(seed_pair)


def test_90_days_before_the_follow_up_deadline_each_coordinator_and_lead_gets_one_digest(demo, smtp):
    with at(dt.date(2025, 10, 4)):
        output = run("--date", "2025-10-04")
    assert "planned" in output
    # The coordinator, the two lead ministries; the Ombudsperson supports three recommendations
    # whose internal deadline (3 November) is 30 days away.
    assert smtp.addresses() == sorted([COORDINATOR, FOREIGN, LABOUR, OMBUDS])

    coordinator = smtp.to(COORDINATOR)[0]
    text, html = parts(coordinator)
    assert coordinator["Content-Language"] == "en"
    assert "CMW/C/KGZ/CO/2" in text and "Follow-up information" in text
    assert "Jan. 2, 2026" in text and "in 90 days" in text
    assert "Ministry of Foreign Affairs" in text  # who has no validated information yet
    assert 'dir="ltr"' in html and "https://tracker.example.org/tracking/documents/CMW_C_KGZ_CO_2/" in html
    assert "https://tracker.example.org/notifications/settings/" in text
    unsubscribe = str(coordinator["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe.startswith("https://tracker.example.org/notifications/unsubscribe/")
    assert coordinator["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text

    labour = smtp.to(LABOUR)[0]
    text, html = parts(labour)
    assert labour["Content-Language"] == "ru"
    assert "2 января 2026" in text  # dates in the reader's language
    assert 'lang="ru"' in html
    lead_codes = {"20(a)", "30", "52(b)"}
    assert all(code in text for code in lead_codes)
    assert "https://tracker.example.org/tracking/recommendations/" in html

    foreign = smtp.to(FOREIGN)[0]
    text, html = parts(foreign)
    assert foreign["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in html
    assert "يناير" in text  # January, in Arabic

    ombuds_text, _ = parts(smtp.to(OMBUDS)[0])
    assert "supporting organization" in ombuds_text and "20(a)" in ombuds_text

    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENT}
    message_ids = {m["Message-ID"] for m in smtp.messages}
    assert message_ids == {n.message_id for n in Notification.objects.all()}

    with at(dt.date(2025, 10, 4), hour=7):
        run("--date", "2025-10-04")
    assert len(smtp.messages) == 4  # running it again delivers nothing
    assert Notification.objects.count() == 4


def test_a_day_without_a_scheduled_reminder_sends_nothing(demo, smtp):
    with at(dt.date(2025, 10, 5)):
        output = run()
    assert smtp.messages == [] and Notification.objects.count() == 0
    assert "nothing to send" in output


@pytest.mark.parametrize(
    ("day", "phrase"),
    [(dt.date(2025, 12, 3), "in 30 days"), (dt.date(2026, 1, 2), "due today"),
     (dt.date(2026, 1, 9), "overdue by 7 days")],
)
def test_the_seed_dates_remind_the_coordinator_of_the_follow_up_deadline(demo, smtp, day, phrase):
    with at(day):
        run()
    text, _ = parts(smtp.to(COORDINATOR)[0])
    assert phrase in text and "Follow-up information" in text


def test_eleven_months_late_the_coordinator_reads_who_is_late_until_the_deadline_is_met(demo, smtp):
    follow_up = demo.deadlines.get(kind="follow_up")
    with at(dt.date(2026, 12, 1)):
        run()
    text, html = parts(smtp.to(COORDINATOR)[0])
    assert "overdue by 333 days" in text
    assert "Late (no validated information):" in text
    assert "Ministry of Foreign Affairs" in text and "Ministry of Labour, Social Security and Migration" in text
    assert "Internal deadlines passed: who is late" in text
    assert "late since Nov. 3, 2025" in text
    assert f"c:{follow_up.pk}" in Notification.objects.get(recipient__username="coordinator").keys

    # A week later the overdue reminder comes again...
    with at(dt.date(2026, 12, 8)):
        run()
    assert len(smtp.to(COORDINATOR)) == 2
    # ...until the State submits and the coordinator records it.
    follow_up.met_on, follow_up.met_symbol = dt.date(2026, 12, 9), "CMW/C/KGZ/CO/2/Add.1"
    follow_up.save()
    with at(dt.date(2026, 12, 15)):
        run()
    later = Notification.objects.filter(day=dt.date(2026, 12, 15))
    assert all(f"c:{follow_up.pk}" not in n.keys for n in later)
    coordinator_texts = [parts(m)[0] for m in smtp.to(COORDINATOR)[2:]]
    assert all("Follow-up information" not in t for t in coordinator_texts)
    # The internal deadlines are still not met: those reminders go on.
    assert any("who is late" in t for t in coordinator_texts)


def test_who_is_late_is_named_in_the_language_of_the_reader(demo, smtp):
    from observations.models import NotificationSettings, Organization

    foreign = Organization.objects.get(name="Ministry of Foreign Affairs")
    foreign.names = {"ru": "Министерство иностранных дел"}
    foreign.save()
    labour = Organization.objects.get(name="Ministry of Labour, Social Security and Migration")
    NotificationSettings.objects.filter(user__username="coordinator").update(language="ru")
    with at(dt.date(2026, 12, 1)):
        run()
    text, _ = parts(smtp.to(COORDINATOR)[0])
    assert "Министерство иностранных дел" in text and "Ministry of Foreign Affairs" not in text
    assert str(labour) in text  # no Russian name recorded: as the lists show it
    # The late organizations of the follow-up deadline and the internal escalations both.
    assert text.count("Министерство иностранных дел") >= 2


def test_dry_run_prints_one_line_per_recipient_and_writes_nothing(demo, smtp):
    with at(dt.date(2025, 10, 4)):
        output = run("--date", "2025-10-04", "--dry-run")
    lines = [line for line in output.splitlines() if "<" in line]
    assert len(lines) == 4
    assert any(line.startswith("Aida Coordinator <coordinator@example.org> [en]") for line in lines)
    assert any("[ar]" in line and "foreign@example.org" in line for line in lines)
    assert Notification.objects.count() == 0 and smtp.messages == []


def test_a_bad_date_is_refused_with_a_sentence(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--date", "4 October")


def test_a_submission_awaiting_review_stops_reminders_to_that_organization_until_returned(demo):
    from django.contrib.auth import get_user_model

    from observations.models import Assignment, ProgressUpdate
    from observations.services import tracking as services

    day = dt.date(2025, 10, 4)
    labour = get_user_model().objects.get(username="labour")
    assignment = Assignment.objects.get(recommendation__paragraph__number=30)
    key = f"i:{assignment.pk}:{assignment.lead_id}"
    assert key in next(d.keys for d in reminders.plan_day(day, dry_run=True).digests if d.person.user_id == labour.pk)
    with at(dt.date(2025, 9, 20)):
        update = services.create_update(assignment.recommendation, organization=assignment.lead, by=labour,
                                        status="in_progress", narrative="Work has begun.", language="en",
                                        as_of=dt.date(2025, 9, 20))
        services.submit_update(update, by=labour)
    digests = {d.person.user_id: d for d in reminders.plan_day(day, dry_run=True).digests}
    assert key not in digests[labour.pk].keys
    with at(dt.date(2025, 9, 21)):
        services.return_update(ProgressUpdate.objects.get(pk=update.pk), by=get_user_model().objects.get(
            username="coordinator"), comment="Say which law.")
    digests = {d.person.user_id: d for d in reminders.plan_day(day, dry_run=True).digests}
    assert key in digests[labour.pk].keys


def test_weekly_and_off_settings(demo):
    from observations.models import NotificationSettings

    NotificationSettings.objects.filter(user__username="labour").update(digest="weekly")
    NotificationSettings.objects.filter(user__username__in=["coordinator", "foreign"]).update(digest="off")
    saturday = dt.date(2025, 10, 4)
    people = {d.person.name: d for d in reminders.plan_day(saturday, dry_run=True).digests}
    assert "Bakyt Labour" not in people  # weekly: Mondays only
    assert "Cholpon Foreign" not in people  # off
    # Off still keeps the Committee's deadlines for coordinators.
    assert [g["type"] for g in people["Aida Coordinator"].groups.values()] == ["committee"]
    monday = dt.date(2025, 10, 6)
    people = {d.person.name: d for d in reminders.plan_day(monday, dry_run=True).digests}
    assert {g["type"] for g in people["Bakyt Labour"].groups.values()} == {"committee", "internal"}


def test_the_schedule_of_the_state_decides_the_days(demo):
    from observations.models import ReminderSchedule

    day = dt.date(2025, 10, 4)
    ReminderSchedule.objects.create(state="KG", kind="follow_up", days_before=[60, 0], overdue_every_days=0)
    ReminderSchedule.objects.create(state="KG", kind="internal", days_before=[5], overdue_every_days=0)
    assert reminders.plan_day(day, dry_run=True).digests == []
    people = {d.person.name for d in reminders.plan_day(dt.date(2025, 11, 3), dry_run=True).digests}
    assert people == {"Aida Coordinator", "Bakyt Labour", "Cholpon Foreign"}  # 60 days before
    # overdue_every_days = 0: nothing once passed.
    assert reminders.plan_day(dt.date(2026, 12, 1), dry_run=True).digests == []
