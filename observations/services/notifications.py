"""Deadline reminders: deciding who is due a digest on a day, and sending one digest.

Planning (``plan_day``) reads everything it needs in a fixed number of queries whatever
the number of deadlines, assignments or people (internal deadlines narrowed in SQL to
those on a schedule's trigger date or passed, organizations already done left out),
decides on tuples rather than model instances — each organization's groups worked out
once and shared, unchanged, by its focal points; page paths from URL prefixes reversed
once; each date written once — and writes one outbox row per person in one INSERT inside
one transaction, every shared group encoded as JSON once. The row's unique key (recipient,
day) means a second planning of the same day, even at the same moment, adds nothing.

Who is reminded of what:

- Committee deadlines (follow-up information, next periodic report, other requests) not
  yet met: the coordinators of that State, on the days of the State's schedule for that
  kind, whatever their digest setting. The follow-up deadline also goes to the focal
  points of the lead organizations of follow-up recommendations without validated
  information.
- Internal deadlines (``Assignment.internal_deadline``): the focal points of the lead
  organization, and of supporting organizations (a section of their own). An
  organization is done once it has an update submitted or validated on the
  recommendation; a returned update puts it back on the list. Overdue internal deadlines
  also go, as "who is late and since when", to the State's coordinators.
- While overdue a reminder repeats every N days (default 7): it is due when no digest
  of the last N - 1 days carried it.
- Digest *weekly*: one digest on Mondays with everything that fell due in the week.
  *Off*: nothing, except the Committee's deadlines for coordinators.

Sending lives in ``services.outbox`` (``send``, ``claim``, ``due_for_sending``, ``resend``,
``write_planned``), settings and unsubscribe in ``services.notification_settings``; both
are re-exported here so that callers have one module for reminders.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q

from ..choices import DigestFrequency, NotificationStatus, ReminderKind, ReviewState
from ..models import Assignment, Deadline, DeadlineItem, Notification, ProgressUpdate
from ..models.notifications import DEFAULT_OVERDUE_EVERY
from .notification_settings import (  # noqa: F401  (re-exported: settings, unsubscribe, schedule)
    UNSUBSCRIBE_SALT,
    save_schedule,
    settings_for,
    unsubscribe,
    unsubscribe_token,
    user_for_token,
)
from .outbox import (  # noqa: F401  (re-exported: the sending side of reminders)
    MAX_ATTEMPTS,
    SendOutcome,
    backoff_seconds,
    claim,
    classify,
    due_for_sending,
    resend,
    send,
    sending_timeout,
    write_planned,
)
from .reminder_planning import (  # noqa: F401  (re-exported: the pieces of planning)
    DEFAULT_SCHEDULE,
    WEEKLY_DAY,
    Digest,
    Person,
    PlanResult,
    Schedule,
    _code,
    _done_exists,
    _path_maker,
    _people,
    encode_items,
    schedule_for,
    schedules,
)


def plan_day(day: dt.date, *, dry_run: bool = False, on_planned=None) -> PlanResult:
    """Decide the digests of ``day`` and write them to the outbox (unless ``dry_run``).
    ``on_planned(ids)`` runs once the transaction has committed."""
    table = schedules()
    people, coordinators, focal_points = _people()
    _recommendation_path = _path_maker("observations:recommendation_detail")
    recommendation_urls: dict = {}

    def recommendation_url(rec_id) -> str:
        url = recommendation_urls.get(rec_id)
        if url is None:
            url = recommendation_urls[rec_id] = _recommendation_path(rec_id)
        return url

    isoformats: dict = {}

    def iso(date: dt.date) -> str:
        text = isoformats.get(date)
        if text is None:
            text = isoformats[date] = date.isoformat()
        return text
    _dashboard_path = _path_maker("observations:tracking_dashboard")  # coordinators
    _document_path = _path_maker("observations:document_detail")
    digests: dict = {}
    weekly_today = day.weekday() == WEEKLY_DAY

    def digest_for(person: Person) -> Digest:
        if person.user_id not in digests:
            digests[person.user_id] = Digest(person)
        return digests[person.user_id]

    for person in people.values():
        if person.digest == DigestFrequency.OFF:
            person.window = 0
        elif person.digest == DigestFrequency.WEEKLY:
            person.window = 7 if weekly_today else 0

    max_every = max([DEFAULT_OVERDUE_EVERY] + [s.overdue_every for s in table.values()])
    recent = defaultdict(dict)  # user id -> {key: last day a digest carried it}
    already = set()  # users who already have today's digest
    for user_id, row_day, keys in Notification.objects.filter(
        day__gte=day - dt.timedelta(days=max(max_every - 1, 0)), day__lte=day
    ).values_list("recipient_id", "day", "keys"):
        if row_day == day:
            already.add(user_id)
        else:
            carried = recent[user_id]
            for k in keys or []:
                if carried.get(k) is None or carried[k] < row_day:
                    carried[k] = row_day

    since_for = {every: day - dt.timedelta(days=every - 1) for every in range(1, max_every + 1)}
    nothing: dict = {}

    if already:  # today's digest is written for them: nothing more to work out
        for lists in (coordinators, focal_points):
            for owner, members in list(lists.items()):
                lists[owner] = [p for p in members if p.user_id not in already]

    def overdue_due(person: Person, key: str, schedule: Schedule) -> bool:
        if schedule.overdue_every <= 0:
            return False
        last = recent.get(person.user_id, nothing).get(key)
        return last is None or last < since_for[schedule.overdue_every]

    def is_due(person, key, schedule, due, window) -> bool:
        if due >= day:
            return schedule.hits(due, day, window)
        return window > 0 and overdue_due(person, key, schedule)

    # Committee deadlines (one query).
    deadlines = list(
        Deadline.objects.filter(met_on__isnull=True)
        .values_list("id", "kind", "due_date", "extended_to", "document_id", "document__state",
                     "document__symbol", "document__slug")
    )
    undated = defaultdict(list)
    follow_up_due = {}  # document id -> (deadline id, due, state, symbol, slug, overdue)
    for pk, kind, due_date, extended_to, doc_id, state, symbol, slug in deadlines:
        due = extended_to or due_date
        if due is None:
            undated[state].append({"deadline": pk, "kind": kind, "document": symbol,
                                   "url": _document_path(slug)})
            continue
        schedule = schedule_for(table, state, kind)
        key = f"c:{pk}"
        base = dict(type="committee", kind=kind, document=symbol, state=state, due=due.isoformat(),
                    overdue=due < day, url=_dashboard_path(slug))
        for person in coordinators.get(state, []):
            if is_due(person, key, schedule, due, 1):
                digest = digest_for(person)
                digest.group(key, role="coordinator", **base)
                digest.keys.add(key)
                digest.states.add(state)
        if kind == ReminderKind.FOLLOW_UP:
            follow_up_due[doc_id] = (pk, due, state, symbol, slug)

    # Follow-up recommendations without validated information, for the follow-up deadlines (one query).
    if follow_up_due:
        is_follow_up = Exists(DeadlineItem.objects.filter(
            deadline__kind=ReminderKind.FOLLOW_UP, paragraph_id=OuterRef("recommendation__paragraph_id"),
        ).filter(Q(subparagraph__isnull=True) | Q(subparagraph_id=OuterRef("recommendation__subparagraph_id"))))
        validated = Exists(ProgressUpdate.objects.filter(recommendation_id=OuterRef("recommendation_id"),
                                                         review_state=ReviewState.VALIDATED))
        missing = (
            Assignment.objects.filter(recommendation__document_id__in=list(follow_up_due))
            .filter(is_follow_up).exclude(validated)
            .values_list("recommendation_id", "recommendation__document_id", "recommendation__paragraph__number",
                         "recommendation__subparagraph__letter", "lead_id", "lead__name", "lead__short_name")
            .order_by("recommendation__position")
        )
        fresh_due = {}  # (key, window) -> due for someone whose recent digests carried nothing
        for rec_id, doc_id, number, letter, lead_id, lead_name, lead_short in missing:
            pk, due, state, symbol, slug = follow_up_due[doc_id]
            key = f"c:{pk}"
            code = _code(number, letter)
            schedule = schedule_for(table, state, ReminderKind.FOLLOW_UP)
            for person in coordinators.get(state, []):
                digest = digests.get(person.user_id)
                if digest and key in digest.groups:
                    late = digest.groups[key].setdefault("late", {})  # organization id -> [name, codes]
                    late.setdefault(str(lead_id), [lead_short or lead_name, []])[1].append(code)
            for person in focal_points.get(lead_id, []):
                window = person.window
                if person.user_id in recent:
                    due_now = is_due(person, key, schedule, due, window)
                else:
                    due_now = fresh_due.get((key, window))
                    if due_now is None:
                        due_now = fresh_due[(key, window)] = is_due(person, key, schedule, due, window)
                if due_now:
                    digest = digest_for(person)
                    group = digest.group(key, type="committee", role="lead", kind=ReminderKind.FOLLOW_UP,
                                         document=symbol, state=state, due=due.isoformat(), overdue=due < day,
                                         url=_document_path(slug))
                    group["items"].append({"code": code, "url": recommendation_url(rec_id)})
                    digest.keys.add(key)
                    digest.states.add(state)

    # Internal deadlines: lead and supporting organizations not done yet (two queries).
    trigger_dates = {day + dt.timedelta(days=d - i) for s in list(table.values()) + [DEFAULT_SCHEDULE]
                     for d in s.days_before for i in range(7)}
    near = Q(internal_deadline__in=sorted(trigger_dates)) | Q(internal_deadline__lt=day)
    fields = ("recommendation_id", "recommendation__document__state", "recommendation__document__symbol",
              "recommendation__document__slug", "recommendation__paragraph__number", "recommendation__subparagraph__letter", "internal_deadline")
    leads = (Assignment.objects.filter(near).exclude(_done_exists("lead_id"))
             .values_list("id", "lead_id", "lead__name", "lead__short_name", *fields))
    through = Assignment.supporting.through
    supporting = (
        through.objects.filter(Q(assignment__internal_deadline__in=sorted(trigger_dates))
                               | Q(assignment__internal_deadline__lt=day))
        .annotate(recommendation_id=F("assignment__recommendation_id"))
        .exclude(_done_exists("organization_id"))
        .values_list("assignment_id", "organization_id", "organization__name", "organization__short_name",
                     *[f"assignment__{f}" for f in fields])
    )
    escalations: dict = {}  # (state, symbol, slug, organization id, due, role) -> [organization, codes]
    entries = defaultdict(list)  # organization id -> what it may be reminded of today
    for role, rows in (("lead", leads), ("supporting", supporting)):
        for (assignment_id, org_id, org_name, org_short, rec_id, state, symbol, slug, number, letter, due) in rows:
            schedule = schedule_for(table, state, ReminderKind.INTERNAL)
            overdue = due < day
            hit = (False, not overdue and schedule.hits(due, day, 1),
                   not overdue and weekly_today and schedule.hits(due, day, 7))
            if org_id in focal_points and (overdue or hit[1] or hit[2]):
                due_text = iso(due)
                entries[org_id].append((
                    f"i:{symbol}:{due_text}:{role}", state, f"i:{assignment_id}:{org_id}", overdue, schedule, hit,
                    {"code": _code(number, letter), "url": recommendation_url(rec_id)},
                    dict(type="internal", role=role, kind=ReminderKind.INTERNAL, document=symbol, state=state,
                         due=due_text, overdue=overdue),
                ))
            if overdue:
                entry = escalations.setdefault((state, symbol, slug, org_id, due, role), [org_short or org_name, []])
                entry[1].append(_code(number, letter))

    def internal_for(org_entries, window, carried):
        """The internal-deadline groups of one organization for a person reading ``window``
        days back, given the keys their recent digests carried."""
        groups, keys, states = {}, [], set()
        slot = 1 if window == 1 else 2
        for group_key, state, key, overdue, schedule, hit, item, values in org_entries:
            if overdue:
                last = carried.get(key) if carried else None
                if schedule.overdue_every <= 0 or (last is not None and last >= since_for[schedule.overdue_every]):
                    continue
            elif not hit[slot]:
                continue
            group = groups.get(group_key)
            if group is None:
                group = groups[group_key] = dict(values, key=group_key, items=[])
            group["items"].append(item)
            keys.append(key)
            states.add(state)
        return groups, keys, states

    for org_id, org_entries in entries.items():
        shared = {}  # window -> the groups of a person without recent digests (most people)
        for person in focal_points[org_id]:
            if not person.window:
                continue
            carried = recent.get(person.user_id)
            if carried:
                groups, keys, states = internal_for(org_entries, person.window, carried)
            else:
                if person.window not in shared:
                    shared[person.window] = internal_for(org_entries, person.window, None)
                groups, keys, states = shared[person.window]
            if not groups:
                continue
            digest = digest_for(person)
            mine_all = digest.groups
            if not mine_all:
                mine_all.update(groups)  # shared with the organization's other focal points
            else:
                for group_key, group in groups.items():
                    mine = mine_all.get(group_key)
                    mine_all[group_key] = group if mine is None else dict(mine, items=mine["items"] + group["items"])
            digest.keys.update(keys)
            digest.states.update(states)

    # Overdue internal deadlines, for the coordinators: who is late and since when.
    for (state, symbol, slug, org_id, due, role), (organization, codes) in sorted(
            escalations.items(), key=lambda e: (e[0][0], e[0][1], e[0][4], e[1][0])):
        schedule = schedule_for(table, state, ReminderKind.INTERNAL)
        due_text = iso(due)
        key = f"e:{symbol}:{org_id}:{due_text}:{role}"
        item = None
        for person in coordinators.get(state, ()):
            if not person.window:
                continue
            if person.user_id in recent:
                if not overdue_due(person, key, schedule):
                    continue
            elif schedule.overdue_every <= 0:
                continue
            if item is None:
                item = {"code": ", ".join(codes), "url": _dashboard_path(slug), "organization": organization,
                        "organization_id": org_id, "since": due_text, "supporting": role == "supporting"}
            digest = digest_for(person)
            group = digest.group(f"e:{symbol}", type="escalation", role="coordinator", kind=ReminderKind.INTERNAL,
                                 document=symbol, state=state, overdue=True)
            group["items"].append(item)
            digest.keys.add(key)
            digest.states.add(state)

    result = []
    for user_id, digest in sorted(digests.items()):
        if user_id in already or not digest.groups:
            continue
        for state in sorted(digest.person.coordinator_states & digest.states):
            for entry in undated.get(state, []):
                digest.group(f"u:{entry['deadline']}", type="undated", role="coordinator", state=state, **entry)
        result.append(digest)
    plan = PlanResult(day=day, digests=result)
    if dry_run or not result:
        return plan
    encode_items(result)
    with transaction.atomic():
        write_planned(day, result)
        plan.notification_ids = list(
            Notification.objects.filter(day=day, status=NotificationStatus.PLANNED).values_list("id", flat=True)
        )
        plan.created = len(plan.notification_ids)
        if on_planned is not None:
            ids = list(plan.notification_ids)
            transaction.on_commit(lambda: on_planned(ids))
    return plan
