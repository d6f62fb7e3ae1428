"""Calendar feeds: a secret address per person and per organization, every deadline an
all-day event on its effective date with its state, read by calendar programs (parsed here
with ``icalendar``)."""

import datetime as dt

import icalendar
import lxml.html
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from observations.choices import DeadlineKind, ImplementationStatus
from observations.models import CalendarFeed
from observations.selectors.tracking import follow_up_exists
from observations.services import deadlines as deadline_services
from observations.services import tracking as tracking_services

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC), tick=False)


def url(name, *args):
    return reverse(f"observations:{name}", args=args)


def feed_path(client, user, target="personal") -> str:
    """Create (or renew) the feed through the page, and read its address off the page."""
    client.force_login(user)
    assert client.post(url("calendar_regenerate"), {"feed": target}).status_code == 302
    tree = lxml.html.fromstring(client.get(url("calendar_feeds")).content.decode())
    if target == "personal":
        address = tree.get_element_by_id("personal-feed-url").get("value")
    else:
        address = tree.get_element_by_id(f"feed-url-{target}").get("value")
    client.logout()
    return address.removeprefix("http://testserver")


def read_feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def seed(seed_pair, coordinator, ministry_a, ministry_b, focal_point_a):
    """The seed with its first follow-up recommendation led by ministry A (internal deadline
    3 November 2025), the second by ministry B with ministry A supporting, a third by B."""
    first, second, third = list(seed_pair.recommendations.filter(follow_up_exists()).order_by("position"))[:3]
    with at(dt.date(2025, 10, 4)):
        tracking_services.assign(first, lead=ministry_a, by=coordinator)
        tracking_services.assign(second, lead=ministry_b, supporting=[ministry_a], by=coordinator,
                                 internal_deadline=dt.date(2025, 12, 3))
        tracking_services.assign(third, lead=ministry_b, by=coordinator, internal_deadline=dt.date(2025, 12, 3))
    return seed_pair, first, second, third


def test_a_coordinators_feed_has_the_committees_deadlines_with_their_state(client, seed, coordinator):
    document, *_ = seed
    path = feed_path(client, coordinator)
    with at(TODAY):
        calendar = read_feed(client, path)
    events = list(calendar.walk("VEVENT"))
    by_start = {event.decoded("dtstart"): event for event in events}
    assert sorted(by_start) == [dt.date(2026, 1, 2), dt.date(2029, 1, 2)]
    follow_up = by_start[dt.date(2026, 1, 2)]
    assert follow_up.decoded("dtend") == dt.date(2026, 1, 3)  # all-day
    assert str(follow_up["summary"]) == "CMW/C/KGZ/CO/2: Follow-up information — overdue by 333 days"
    assert "Paragraphs: 12" in str(follow_up["description"])
    deadline = document.deadlines.get(kind=DeadlineKind.FOLLOW_UP)
    assert str(follow_up["url"]) == "http://testserver" + url("deadline_detail", deadline.pk)
    assert "due in 763 days" in str(by_start[dt.date(2029, 1, 2)]["summary"])


def test_the_uid_is_stable_and_the_event_follows_the_deadline_life(client, seed, coordinator):
    document, *_ = seed
    path = feed_path(client, coordinator)
    follow_up = document.deadlines.get(kind=DeadlineKind.FOLLOW_UP)
    report = document.deadlines.get(kind=DeadlineKind.NEXT_PERIODIC_REPORT)
    with at(TODAY):
        before = events_by_uid(read_feed(client, path))
        deadline_services.mark_met(follow_up, on=dt.date(2026, 1, 5), symbol="CMW/C/KGZ/CO/2/Add.1", by=coordinator)
        deadline_services.extend(report, to=dt.date(2029, 6, 30), letter_date=dt.date(2026, 11, 2),
                                 letter_reference="G/SO 215/51", by=coordinator)
        after = events_by_uid(read_feed(client, path))
    assert set(before) == set(after) and len(after) == 2
    met = after[f"committee-deadline-{follow_up.pk}@follow-up-tracker"]
    assert "met on Jan. 5, 2026 (CMW/C/KGZ/CO/2/Add.1)" in str(met["summary"])
    extended = after[f"committee-deadline-{report.pk}@follow-up-tracker"]
    assert extended.decoded("dtstart") == dt.date(2029, 6, 30)  # the effective date
    assert "extended to June 30, 2029" in str(extended["summary"])
    assert "G/SO 215/51" in str(extended["description"])


def test_a_focal_points_feed_has_their_organizations_internal_deadlines(client, seed, focal_point_a, ministry_a):
    document, first, second, third = seed
    path = feed_path(client, focal_point_a)
    with at(dt.date(2025, 10, 4)):
        update = tracking_services.create_update(
            first, organization=ministry_a, by=focal_point_a, status=ImplementationStatus.IN_PROGRESS,
            narrative="A working group drafted amendments.", language="en", as_of=dt.date(2025, 10, 4))
        tracking_services.submit_update(update, by=focal_point_a)
    with at(TODAY):
        events = events_by_uid(read_feed(client, path))
    assert set(events) == {f"internal-deadline-{first.assignment.pk}@follow-up-tracker",
                           f"internal-deadline-{second.assignment.pk}@follow-up-tracker"}
    lead = events[f"internal-deadline-{first.assignment.pk}@follow-up-tracker"]
    assert lead.decoded("dtstart") == dt.date(2025, 11, 3)
    assert str(lead["summary"]) == f"{first.code} (CMW/C/KGZ/CO/2): internal deadline — submitted, awaiting review"
    supporting = events[f"internal-deadline-{second.assignment.pk}@follow-up-tracker"]
    assert "overdue by 363 days" in str(supporting["summary"])
    assert "Supporting: Ministry of Labour" in str(supporting["description"])


def test_an_organizations_feed(client, seed, focal_point_b, ministry_b):
    document, first, second, third = seed
    path = feed_path(client, focal_point_b, target=ministry_b.pk)
    with at(TODAY):
        events = events_by_uid(read_feed(client, path))
    assert set(events) == {f"internal-deadline-{second.assignment.pk}@follow-up-tracker",
                           f"internal-deadline-{third.assignment.pk}@follow-up-tracker"}
    assert CalendarFeed.objects.get(organization=ministry_b).last_read_at is not None


def test_a_new_address_invalidates_the_old_one(client, seed, coordinator):
    old = feed_path(client, coordinator)
    new = feed_path(client, coordinator)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(user=coordinator).count() == 1


def test_another_persons_token_gives_their_feed_not_yours(client, seed, coordinator, focal_point_b):
    mine = feed_path(client, coordinator)
    theirs = feed_path(client, focal_point_b)
    with at(TODAY):
        their_events = events_by_uid(read_feed(client, theirs))
        my_events = events_by_uid(read_feed(client, mine))
    assert not set(their_events) & set(my_events)
    assert all(uid.startswith("internal-deadline-") for uid in their_events)
    assert all(uid.startswith("committee-deadline-") for uid in my_events)
    assert client.get(url("calendar_feed", "guessed-" + "x" * 30)).status_code == 404


def test_a_person_who_left_gets_an_empty_feed(client, seed, coordinator):
    path = feed_path(client, coordinator)
    coordinator.is_active = False
    coordinator.save()
    with at(TODAY):
        assert list(read_feed(client, path).walk("VEVENT")) == []


def test_organization_feeds_are_managed_by_their_members_only(client, seed, ngo_drafter, viewer, ministry_a,
                                                              coordinating_body):
    client.force_login(ngo_drafter)
    response = client.post(url("calendar_regenerate"), {"feed": ministry_a.pk})
    assert response.status_code == 403
    assert "Only members of Ministry of Labour, Social Security and Migration may manage" in response.content.decode()
    assert client.post(url("calendar_regenerate"), {"feed": "999999"}).status_code == 404
    assert client.post(url("calendar_regenerate"), {"feed": "everything"}).status_code == 404
    client.force_login(viewer)
    assert client.post(url("calendar_regenerate"), {"feed": coordinating_body.pk}).status_code == 403
    assert not CalendarFeed.objects.filter(organization__isnull=False).exists()
    client.logout()
    response = client.post(url("calendar_regenerate"), {"feed": "personal"})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get(url("calendar_feeds")).status_code == 302
    assert not CalendarFeed.objects.exists()


def test_the_feed_reads_in_the_same_number_of_queries_for_few_or_many_assignments(client, seed, coordinator,
                                                                                  ministry_a, focal_point_a):
    document, first, second, third = seed
    path = feed_path(client, focal_point_a)

    def queries():
        with at(TODAY), CaptureQueriesContext(connection) as captured:
            read_feed(client, path)
        return len(captured)

    few = queries()
    for recommendation in document.recommendations.exclude(pk__in=[first.pk, second.pk, third.pk])[:20]:
        tracking_services.assign(recommendation, lead=ministry_a, by=coordinator)
    many = queries()
    assert len(events_by_uid(read_feed(client, path))) == 22
    assert few == many
