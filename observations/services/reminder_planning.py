"""The pieces of a day's reminder planning (``services.notifications.plan_day``): the
schedules, the people who may be reminded, a digest and its groups, and the JSON text of
the groups for the outbox, each group encoded once however many digests share it."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from ..choices import OrganizationKind, ReviewState, Role
from ..models import Membership, ProgressUpdate, ReminderSchedule
from ..models.notifications import (
    DEFAULT_DAYS_BEFORE,
    DEFAULT_OVERDUE_EVERY,
    DigestFrequency,
)
from ..permissions import ASSIGNABLE_KINDS

WEEKLY_DAY = 0  # Monday


# --- Schedules ------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    days_before: frozenset = frozenset(DEFAULT_DAYS_BEFORE)
    overdue_every: int = DEFAULT_OVERDUE_EVERY

    def hits(self, due: dt.date, day: dt.date, window: int = 1) -> bool:
        """A reminder before (or on) the deadline falls on ``day`` or, for a weekly digest,
        on one of the ``window`` days ending on it."""
        return any((due - (day - dt.timedelta(days=i))).days in self.days_before for i in range(window))


DEFAULT_SCHEDULE = Schedule()


def schedules() -> dict:
    """(state, kind) -> Schedule, one query."""
    return {
        (str(s.state), s.kind): Schedule(frozenset(int(d) for d in s.days_before), s.overdue_every_days)
        for s in ReminderSchedule.objects.all()
    }


def schedule_for(table: dict, state: str, kind: str) -> Schedule:
    return table.get((state, kind), DEFAULT_SCHEDULE)


# --- Planning -------------------------------------------------------------------------


@dataclass
class Person:
    user_id: int
    name: str
    email: str
    digest: str
    language: str
    coordinator_states: set = field(default_factory=set)
    organizations: set = field(default_factory=set)
    window: int = 1  # days a reminder other than the Committee's may look back today; 0: none


@dataclass
class Digest:
    person: Person
    groups: dict = field(default_factory=dict)  # group key -> group dict (possibly shared: never change it)
    keys: set = field(default_factory=set)
    states: set = field(default_factory=set)
    items_text: str | None = None  # the groups as JSON, filled in just before the outbox is written

    def group(self, key: str, **values) -> dict:
        if key not in self.groups:
            self.groups[key] = dict(values, key=key, items=[])
        return self.groups[key]

    @property
    def summary(self) -> str:
        parts = []
        for g in self.groups.values():
            what = "late organizations" if g["type"] == "escalation" else g.get("kind", "")
            when = "no date" if g["type"] == "undated" else (g.get("due") or "")
            count = len(g["items"]) or len(g.get("late", {}))
            parts.append(f"{g['document']} {what} {when}{' overdue' if g.get('overdue') else ''}"
                         f"{f' ({count})' if count else ''}".replace("  ", " "))
        return "; ".join(parts)


@dataclass
class PlanResult:
    day: dt.date
    digests: list
    created: int = 0
    notification_ids: list = field(default_factory=list)


def _people() -> tuple[dict, dict, dict]:
    """Everyone who may be reminded (one query): people by id, coordinators by State,
    focal points by organization."""
    rows = (
        Membership.objects.filter(organization__is_active=True, user__is_active=True)
        .filter(
            Q(organization__kind=OrganizationKind.COORDINATING_BODY, role=Role.COORDINATOR)
            | Q(organization__kind__in=list(ASSIGNABLE_KINDS), role__in=[Role.FOCAL_POINT, Role.COORDINATOR])
        )
        .values_list("user_id", "organization_id", "organization__kind", "organization__state", "user__email",
                     "user__first_name", "user__last_name", "user__username",
                     "user__notification_settings__digest", "user__notification_settings__language")
    )
    people, coordinators, focal_points = {}, defaultdict(list), defaultdict(list)
    for user_id, org_id, kind, state, email, first, last, username, digest, language in rows:
        person = people.get(user_id)
        if person is None:
            name = f"{first} {last}".strip() or username
            person = people[user_id] = Person(user_id, name, email or "", digest or DigestFrequency.DAILY,
                                              language or settings.LANGUAGE_CODE)
        if kind == OrganizationKind.COORDINATING_BODY:
            person.coordinator_states.add(state)
            coordinators[state].append(person)
        else:
            person.organizations.add(org_id)
            focal_points[org_id].append(person)
    return people, coordinators, focal_points


def _done_exists(organization_ref: str):
    """The organization has information awaiting review or validated on the recommendation."""
    return Exists(ProgressUpdate.objects.filter(
        recommendation_id=OuterRef("recommendation_id"), organization_id=OuterRef(organization_ref),
        review_state__in=[ReviewState.SUBMITTED, ReviewState.VALIDATED],
    ))


def _code(number, letter) -> str:
    return f"{number}({letter})" if letter else str(number)


def _path_maker(name: str):
    """A function writing the page path for an id or slug, reversing the URL only once."""
    marker = 987654321  # fits both the int and the str converters
    return reverse(name, args=[marker]).replace(str(marker), "{}").format


def encode_items(digests: list) -> None:
    """Each digest's groups as the JSON text of a list, every group encoded once however
    many digests share it (the same text ``json.dumps`` gives for the whole list)."""
    texts: dict = {}
    for digest in digests:
        parts = []
        for group in digest.groups.values():
            text = texts.get(id(group))
            if text is None:
                text = texts[id(group)] = json.dumps(group, ensure_ascii=False)
            parts.append(text)
        digest.items_text = "[" + ", ".join(parts) + "]"
