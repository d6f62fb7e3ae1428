"""Calendar feeds (RFC 5545, through ``icalendar``): every deadline an all-day event on its
effective date, its state in the summary and description, a stable UID and a link.

``person_events`` / ``organization_events`` choose the deadlines; ``calendar_bytes`` writes
the file. Each list is read in a fixed number of queries, whatever its length.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import OrganizationKind
from ..models import Assignment, Deadline, Recommendation
from ..permissions import ASSIGNABLE_KINDS, access_for
from ..selectors.deadlines import committee_state, recommendation_internal_state, with_internal_state

PRODID = "-//Follow-up Tracker//Deadlines//EN"


def uid_domain() -> str:
    return getattr(settings, "CALENDAR_UID_DOMAIN", "follow-up-tracker")


@dataclass
class FeedEvent:
    uid: str
    date: dt.date
    summary: str
    description: str
    path: str


def _committee_events(deadlines, today) -> list[FeedEvent]:
    events = []
    for deadline in deadlines:
        date = deadline.effective_date
        if date is None:
            continue
        state = committee_state(deadline, today)
        what = deadline.get_kind_display()
        lines = [f"{deadline.document.symbol} — {what}", state.text]
        items = ", ".join(str(item) for item in deadline.items.all())
        if items:
            lines.append(_("Paragraphs: %(items)s") % {"items": items})
        if deadline.extended_to and deadline.due_date:
            lines.append(_("Originally due on %(date)s; Committee's letter %(reference)s of %(letter)s.") % {
                "date": deadline.due_date.isoformat(), "reference": deadline.extension_letter_reference,
                "letter": deadline.extension_letter_date.isoformat() if deadline.extension_letter_date else "—",
            })
        events.append(FeedEvent(
            uid=f"committee-deadline-{deadline.pk}@{uid_domain()}",
            date=date,
            summary=f"{deadline.document.symbol}: {what} — {state.text}",
            description="\n".join(lines),
            path=reverse("observations:deadline_detail", args=[deadline.pk]),
        ))
    return events


def _internal_events(recommendations, today) -> list[FeedEvent]:
    events = []
    for recommendation in recommendations:
        assignment = recommendation.assignment
        state = recommendation_internal_state(recommendation, today)
        label = _("%(code)s (%(symbol)s): internal deadline") % {
            "code": recommendation.code, "symbol": recommendation.document.symbol,
        }
        supporting = ", ".join(str(o) for o in assignment.supporting.all())
        lines = [label, state.text, _("Lead: %(name)s") % {"name": assignment.lead}]
        if supporting:
            lines.append(_("Supporting: %(names)s") % {"names": supporting})
        events.append(FeedEvent(
            uid=f"internal-deadline-{assignment.pk}@{uid_domain()}",
            date=assignment.internal_deadline,
            summary=f"{label} — {state.text}",
            description="\n".join(lines),
            path=reverse("observations:recommendation_detail", args=[recommendation.pk]),
        ))
    return events


def committee_deadlines_for_states(states=None) -> list:
    """Committee deadlines of the documents of ``states`` (all States when None)."""
    deadlines = Deadline.objects.select_related("document").prefetch_related(
        "items", "items__paragraph", "items__subparagraph"
    ).order_by("due_date", "document__symbol", "kind")
    if states is not None:
        deadlines = deadlines.filter(document__state__in=list(states))
    return list(deadlines)


def internal_deadlines_for_organizations(org_ids=None) -> list:
    """Recommendations with an internal deadline assigned (lead or supporting) to the
    organizations (all when None), annotated for their state."""
    recommendations = Recommendation.objects.filter(assignment__internal_deadline__isnull=False)
    if org_ids is not None:
        org_ids = list(org_ids)
        supporting = Assignment.supporting.through.objects.filter(
            assignment__recommendation_id=OuterRef("pk"), organization_id__in=org_ids
        )
        recommendations = recommendations.filter(Q(assignment__lead_id__in=org_ids) | Q(Exists(supporting)))
    recommendations = with_internal_state(
        recommendations.select_related("document", "paragraph", "subparagraph", "assignment", "assignment__lead")
        .prefetch_related("assignment__supporting")
        .order_by("assignment__internal_deadline", "document", "position")
    )
    return list(recommendations)


def person_events(user, today=None) -> list[FeedEvent]:
    """A person's deadlines: the Committee's, for the States they coordinate or view; the
    internal ones of the recommendations assigned to their organizations."""
    today = today or timezone.localdate()
    if user is None or not user.is_active:
        return []
    access = access_for(user)
    if access.is_superuser:
        return _committee_events(committee_deadlines_for_states(), today)
    events = []
    if access.reader_states:
        events += _committee_events(committee_deadlines_for_states(access.reader_states), today)
    if access.assigned_reader_org_ids:
        events += _internal_events(internal_deadlines_for_organizations(access.assigned_reader_org_ids), today)
    return events


def organization_events(organization, today=None) -> list[FeedEvent]:
    """An organization's deadlines: internal ones for an organization that is assigned
    recommendations; the Committee's for the coordinating body and NGOs of the State."""
    today = today or timezone.localdate()
    if not organization.is_active:
        return []
    if organization.kind in ASSIGNABLE_KINDS:
        return _internal_events(internal_deadlines_for_organizations([organization.pk]), today)
    if organization.kind in (OrganizationKind.COORDINATING_BODY, OrganizationKind.NGO):
        return _committee_events(committee_deadlines_for_states([str(organization.state)]), today)
    return []


def calendar_bytes(events, *, name: str, base_url: str, now=None) -> bytes:
    """The feed as an RFC 5545 file."""
    now = now or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("summary", item.summary)
        url = base_url.rstrip("/") + item.path
        event.add("description", f"{item.description}\n{url}")
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
