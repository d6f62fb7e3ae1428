"""How fast a day's reminders are planned at scale: prints figures, asserts nothing.

    .venv/bin/python benchmarks/reminders.py [--assignments 300000] [--people 30000]

Creates a throwaway PostgreSQL database next to the one DATABASE_URL names (default
postgres://postgres@127.0.0.1:5432/postgres), migrates it, fills it in bulk — States with
a coordinating body, ministries with focal points, documents with follow-up and
periodic-report deadlines, one assignment per recommendation (a third with a supporting
organization), one internal deadline per document (a tenth of the assignments their own)
between four months before the planned day and twenty months after, some
updates submitted or validated — then plans one day (outbox rows written) and prints the
time and the number of SQL queries. The database is dropped at the end.

Measured on the shared 2-core development machine (load average 5–7), 30,000 digests with
864,329 items: deciding 11.2 s (14.3 s before organizations' groups were shared and
encoded once), planning with the outbox written 33.9 s (42.2 s before); 7 reads, 13
queries in all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DEBUG", "1")

DAY = dt.date(2026, 1, 9)
STATES = ["KG", "TJ", "KZ", "UZ", "AM", "GE", "AZ", "MD", "UA", "BY", "MN", "AF", "PK", "IN", "BD", "LK", "NP",
          "TH", "VN", "PH", "ID", "MY", "KH", "LA", "MM", "EG", "MA", "DZ", "TN", "JO", "LB", "SN", "ML", "NE",
          "BF", "GH", "NG", "KE", "UG", "TZ", "MX", "GT", "HN", "SV", "NI", "CO", "EC", "PE", "BO", "PY"]
PER_DOCUMENT = 100  # recommendations (one paragraph each)
COORDINATORS_PER_STATE = 3


def admin_dsn(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def build(n_assignments: int, n_people: int) -> None:
    from django.contrib.auth import get_user_model

    from observations.choices import OrganizationKind, ReviewState, Role
    from observations.models import (
        Assignment,
        Committee,
        Deadline,
        DeadlineItem,
        Document,
        Membership,
        Organization,
        Paragraph,
        ProgressUpdate,
        Recommendation,
    )

    rng = random.Random(7)
    batch = 10_000
    committee = Committee.objects.get(code="CMW")
    n_documents = max(n_assignments // PER_DOCUMENT, 1)
    docs_per_state = max(n_documents // len(STATES), 1)
    focal_points = n_people - COORDINATORS_PER_STATE * len(STATES)
    orgs_per_state = max(focal_points // 10 // len(STATES), 1)

    bodies = Organization.objects.bulk_create(
        [Organization(name=f"Council {s}", kind=OrganizationKind.COORDINATING_BODY, state=s) for s in STATES])
    ministries = Organization.objects.bulk_create(
        [Organization(name=f"Ministry {i} {s}", kind=OrganizationKind.MINISTRY, state=s)
         for s in STATES for i in range(orgs_per_state)], batch_size=batch)
    by_state = {s: [m for m in ministries if m.state == s] for s in STATES}
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"person{i}", email=f"person{i}@example.org", password="!") for i in range(n_people)],
        batch_size=batch)
    memberships = []
    for i, user in enumerate(users):
        if i < COORDINATORS_PER_STATE * len(STATES):
            memberships.append(Membership(user=user, organization=bodies[i % len(STATES)], role=Role.COORDINATOR))
        else:
            memberships.append(Membership(user=user, organization=ministries[i % len(ministries)],
                                          role=Role.FOCAL_POINT))
    Membership.objects.bulk_create(memberships, batch_size=batch)

    documents = Document.objects.bulk_create(
        [Document(symbol=f"CMW/C/{s}/CO/{k + 1}", slug=f"CMW_C_{s}_CO_{k + 1}", committee=committee, state=s,
                  adoption_date=DAY - dt.timedelta(days=rng.randint(200, 900)))
         for s in STATES for k in range(docs_per_state)], batch_size=batch)
    paragraphs = Paragraph.objects.bulk_create(
        [Paragraph(document=d, number=n + 1, kind="recommendation", text={"en": "Text."})
         for d in documents for n in range(PER_DOCUMENT)], batch_size=batch)
    recommendations = Recommendation.objects.bulk_create(
        [Recommendation(document_id=p.document_id, paragraph=p, position=p.number) for p in paragraphs],
        batch_size=batch)
    deadlines, follow_ups = [], []
    for d in documents:
        follow = Deadline(document=d, kind="follow_up", due_date=DAY + dt.timedelta(days=rng.randint(-300, 300)))
        deadlines += [follow, Deadline(document=d, kind="next_periodic_report",
                                       due_date=DAY + dt.timedelta(days=rng.randint(-30, 1500)))]
        follow_ups.append(follow)
    Deadline.objects.bulk_create(deadlines, batch_size=batch)
    first_paragraphs = {}
    for p in paragraphs:
        if p.number <= 4:
            first_paragraphs.setdefault(p.document_id, []).append(p)
    DeadlineItem.objects.bulk_create(
        [DeadlineItem(deadline=f, paragraph=p) for f in follow_ups for p in first_paragraphs[f.document_id]],
        batch_size=batch)
    state_of = {d.pk: d.state for d in documents}
    # One internal date per document (as the default rule gives), a tenth of the assignments their own.
    internal_of = {d.pk: DAY + dt.timedelta(days=rng.randint(-120, 610)) for d in documents}
    assignments = []
    for r in recommendations:
        orgs = by_state[state_of[r.document_id]]
        own = rng.random() < 0.1
        internal = DAY + dt.timedelta(days=rng.randint(-120, 610)) if own else internal_of[r.document_id]
        assignments.append(Assignment(recommendation=r, lead=rng.choice(orgs), internal_deadline=internal))
    Assignment.objects.bulk_create(assignments, batch_size=batch)
    Through = Assignment.supporting.through
    Through.objects.bulk_create(
        [Through(assignment_id=a.pk, organization_id=rng.choice(by_state[state_of[a.recommendation.document_id]]).pk)
         for a in assignments[::3]], batch_size=batch)
    updates = []
    for a in rng.sample(assignments, len(assignments) // 5):
        updates.append(ProgressUpdate(recommendation_id=a.recommendation_id, organization_id=a.lead_id,
                                      status="in_progress", narrative="Done.", language="en", as_of=DAY,
                                      review_state=rng.choice([ReviewState.SUBMITTED, ReviewState.VALIDATED,
                                                               ReviewState.RETURNED])))
    ProgressUpdate.objects.bulk_create(updates, batch_size=batch)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--assignments", type=int, default=300_000)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--verbose", action="store_true", help="Print each query with its time.")
    parser.add_argument("--keep", action="store_true", help="Keep the database (its name is printed).")
    parser.add_argument("--reuse", metavar="NAME", help="Plan on a database kept by an earlier --keep run.")
    args = parser.parse_args()

    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = args.reuse or f"bench_reminders_{os.getpid()}"
    if not args.reuse:
        with psycopg.connect(admin_dsn(base, "postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = admin_dsn(base, name)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from observations.models import Assignment, Membership
        from observations.services.notifications import plan_day

        if not args.reuse:
            call_command("migrate", verbosity=0)
            start = time.perf_counter()
            build(args.assignments, args.people)
            print(f"data made in {time.perf_counter() - start:.1f} s (database {name})")
        from observations.models import Notification

        Notification.objects.all().delete()  # a kept database: plan the day afresh
        print(f"data: {Assignment.objects.count()} assignments, "
              f"{Membership.objects.values('user').distinct().count()} people")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        start = time.perf_counter()
        plan_day(DAY)
        print(f"(uncounted run: {time.perf_counter() - start:.2f} s)")
        Notification.objects.all().delete()
        for label, dry_run in (("dry run (decide only)", True), ("plan and write the outbox", False)):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                plan = plan_day(DAY, dry_run=dry_run)
                elapsed = time.perf_counter() - start
            items = sum(len(g["items"]) + len(g.get("late", {})) for d in plan.digests for g in d.groups.values())
            print(f"{label}: {elapsed:.2f} s, {len(queries)} SQL queries, {len(plan.digests)} digests, "
                  f"{items} items")
            if args.verbose:
                for query in queries.captured_queries:
                    print(f"  {float(query['time']):7.3f} s  {query['sql'][:150]}")
        connection.close()
    finally:
        if not (args.keep or args.reuse):
            with psycopg.connect(admin_dsn(base, "postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
