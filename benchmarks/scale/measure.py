"""Measuring the pages: over HTTP against a server (gunicorn, or a test server), and once
in-process for their SQL.

- ``page_specs`` lists every main page with the user who reads it and the Django admin
  changelist of the same rows (signed in as the data set's superuser).
- ``sessions`` signs the users in by writing their sessions in the database (the server
  reads the same database and must share ``SECRET_KEY``).
- ``sequential``: one client; page and admin changelist requested one after the other,
  request by request, ``rounds`` times each after one warm-up request.
- ``concurrent``: ``clients`` threads on one page at a time, ``per_client`` requests each.
- ``sql_profile``: each page (and its admin changelist) once in-process with
  ``django.test.Client`` and ``CaptureQueriesContext``: number of queries and the time
  spent executing them.
- ``seed_import``, ``reminder_planning``: the seed pair's import (rolled back) and a day's
  reminder planning (deciding only, and with the outbox written, rolled back).
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from .build import ADMIN_USERNAME, SEED_FILES, SEED_STATE


@dataclass
class Page:
    key: str
    label: str
    role: str  # which signed-in user reads it: anonymous, coordinator, focal_point, ngo, admin
    path: str
    admin: str  # the admin changelist of the same rows
    samples: list = field(default_factory=list)
    admin_samples: list = field(default_factory=list)
    concurrent: dict = field(default_factory=dict)
    sql: dict = field(default_factory=dict)
    admin_sql: dict = field(default_factory=dict)
    status: int | None = None
    admin_status: int | None = None


def _q(**params) -> str:
    return "?" + urlencode(params)


def subjects() -> dict:
    """The rows the pages are measured on: a long document of the seed's State, its people,
    the recommendation with the longest history."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from observations.choices import DeadlineKind, OrganizationKind, Role
    from observations.models import (
        CalendarFeed,
        Deadline,
        Document,
        Membership,
        Organization,
        Paragraph,
        Recommendation,
    )

    documents = Document.objects.filter(state=SEED_STATE).annotate(n=Count("recommendations"))
    document = documents.order_by("-n", "pk").first()
    if not document.public_page:
        Document.objects.filter(pk=document.pk).update(public_page=True)
    paragraph = (Paragraph.objects.filter(document=document, recommendations__subparagraph__isnull=False)
                 .order_by("number").first() or Paragraph.objects.filter(document=document).order_by("number").first())
    long_rec = (Recommendation.objects.filter(document__state=SEED_STATE).annotate(n=Count("updates"))
                .order_by("-n", "pk").first())

    def member(kind, role):
        m = (Membership.objects.filter(organization__state=SEED_STATE, organization__kind=kind, role=role)
             .select_related("user", "organization").order_by("organization_id", "user_id").first())
        return m

    ministry = (Organization.objects.filter(state=SEED_STATE, kind=OrganizationKind.MINISTRY)
                .annotate(n=Count("lead_assignments")).order_by("-n", "pk").first())
    focal = (Membership.objects.filter(organization=ministry, role=Role.FOCAL_POINT).select_related("user")
             .order_by("user_id").first())
    coordinator = member(OrganizationKind.COORDINATING_BODY, Role.COORDINATOR)
    ngo = member(OrganizationKind.NGO, Role.NGO_DRAFTER)
    feed, _ = CalendarFeed.objects.get_or_create(user=coordinator.user)
    shadow = shadow_report(ngo, document) if ngo else None
    follow_up = Deadline.objects.filter(document=document, kind=DeadlineKind.FOLLOW_UP).order_by("due_date").first()
    return {
        "document": document,
        "paragraph": paragraph,
        "long_recommendation": long_rec,
        "ministry": ministry,
        "follow_up": follow_up,
        "feed": feed,
        "shadow_report": shadow,
        "users": {
            "anonymous": None,
            "coordinator": coordinator.user,
            "focal_point": focal.user if focal else None,
            "ngo": ngo.user if ngo else coordinator.user,
            "admin": get_user_model().objects.get(username=ADMIN_USERNAME),
        },
    }


def shadow_report(member, document):
    """The NGO's shadow report on the document, written once through the services with an
    entry on every recommendation."""
    from observations.services import reports as shadow

    report, created = shadow.start_report(organization=member.organization, document=document, user=member.user)
    if created:
        assessments = ["partially_implemented", "not_implemented", "insufficient_information", "implemented"]
        for n, r in enumerate(document.recommendations.select_related("paragraph", "subparagraph").order_by("position")):
            shadow.save_entry(report=report, paragraph=r.paragraph, subparagraph=r.subparagraph, version=0,
                              user=member.user, data={
                                  "assessment": assessments[n % len(assessments)],
                                  "narrative": "Migrant workers we met in three regions report no change yet; "
                                               "the measures announced have not reached them.",
                                  "proposals": "Publish the implementing regulations and a budget line."})
    return report


def page_specs(s: dict) -> list[Page]:
    from django.urls import reverse

    d = s["document"]
    slug = d.slug
    a = "/admin/observations/"
    doc_recs = f"{a}recommendation/" + _q(document__id__exact=d.pk)
    doc_assign = f"{a}assignment/" + _q(recommendation__document__id__exact=d.pk)
    validated = f"{a}progressupdate/" + _q(recommendation__document__id__exact=d.pk, review_state__exact="validated")
    filtered = _q(status="implemented", sort="-internal_deadline")
    r = "observations:"
    pages = [
        Page("document_list", "document list", "coordinator", reverse(r + "document_list"), f"{a}document/"),
        Page("document", "document page", "coordinator", reverse(r + "document_detail", args=[slug]), doc_recs),
        Page("paragraph", "paragraph page", "coordinator",
             reverse(r + "paragraph_detail", args=[slug, s["paragraph"].number]),
             f"{a}subparagraph/" + _q(paragraph__id__exact=s["paragraph"].pk)),
    ]
    for dim in ("paragraphs", "themes", "organizations", "deadlines"):
        pages.append(Page(f"dashboard_{dim}", f"dashboard by {dim}", "coordinator",
                          reverse(r + "tracking_dashboard_by", args=[slug, dim]), doc_assign))
    pages += [
        Page("recommendations", "recommendations (filter, sort)", "coordinator",
             reverse(r + "tracking_recommendations", args=[slug]) + filtered, doc_assign + "&o=-3"),
        Page("my_work_coordinator", "My work, coordinator", "coordinator", reverse(r + "my_work"),
             f"{a}document/" + _q(state=SEED_STATE)),
        Page("my_work_focal_point", "My work, focal point", "focal_point", reverse(r + "my_work"),
             f"{a}assignment/" + _q(lead__id__exact=s["ministry"].pk)),
        Page("my_work_ngo", "My work, NGO", "ngo", reverse(r + "my_work"), f"{a}document/" + _q(state=SEED_STATE)),
        Page("ngo_reports", "reports page, NGO", "ngo", reverse(r + "document_reports", args=[slug]),
             f"{a}shadowreport/" + _q(q=d.symbol)),
        Page("review_queue", "review queue", "coordinator", reverse(r + "review_queue"),
             f"{a}progressupdate/" + _q(review_state__exact="submitted")),
        Page("long_history", "recommendation, long history", "coordinator",
             reverse(r + "recommendation_detail", args=[s["long_recommendation"].pk]),
             f"{a}historyentry/" + _q(recommendation__id__exact=s["long_recommendation"].pk)),
        Page("reports", "reports page", "coordinator", reverse(r + "document_reports", args=[slug]), validated),
    ]
    if s["shadow_report"] is not None:
        pages.append(Page("ngo_shadow_report", "shadow report, NGO", "ngo",
                          reverse(r + "shadow_report", args=[s["shadow_report"].pk]),
                          f"{a}shadowreport/" + _q(q=d.symbol)))
    if s["follow_up"] is not None:
        pages += [
            Page("follow_up_report", "follow-up report", "coordinator",
                 reverse(r + "follow_up_report", args=[slug, s["follow_up"].pk]), validated),
            Page("follow_up_docx", "follow-up report .docx", "coordinator",
                 reverse(r + "follow_up_report_docx", args=[slug, s["follow_up"].pk]), validated),
        ]
    pages += [
        Page("periodic_report", "periodic report", "coordinator", reverse(r + "periodic_report", args=[slug]),
             validated),
        Page("periodic_docx", "periodic report .docx", "coordinator",
             reverse(r + "periodic_report_docx", args=[slug]), validated),
        Page("search", "search", "coordinator", reverse(r + "search") + _q(q="migrant workers"),
             f"{a}paragraph/" + _q(q="migrant workers")),
        Page("export_csv", "recommendations .csv (filtered)", "coordinator",
             reverse(r + "tracking_recommendations", args=[slug]) + filtered + "&_export=csv", doc_assign),
        Page("export_xlsx", "recommendations .xlsx (filtered)", "coordinator",
             reverse(r + "tracking_recommendations", args=[slug]) + filtered + "&_export=xlsx", doc_assign),
        Page("calendar_feed", "calendar feed (coordinator)", "anonymous",
             reverse(r + "calendar_feed", args=[s["feed"].token]),
             f"{a}deadline/" + _q(q=d.symbol.split("/")[2])),
        Page("public_page", "public page", "anonymous", reverse(r + "public_page", args=[slug]), doc_recs),
    ]
    return pages


def sessions(users: dict) -> dict:
    """A session cookie per role, written in the database the server reads."""
    from django.conf import settings
    from django.test import Client

    cookies = {}
    for role, user in users.items():
        if user is None:
            cookies[role] = None
            continue
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


# --- HTTP --------------------------------------------------------------------------------


def fetch(base: str, path: str, cookie: str | None) -> tuple[int, float, int]:
    """One GET on a new connection: (status, seconds to the last byte, bytes)."""
    from django.conf import settings

    parts = urlsplit(base)
    headers = {"Host": parts.netloc, "Accept-Language": "en"}
    if cookie:
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
    start = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        status = response.status
    finally:
        conn.close()
    return status, time.perf_counter() - start, len(body)


def sequential(base: str, pages: list[Page], cookies: dict, rounds: int, *, warm: bool = True, log=print) -> None:
    """Page, admin changelist, next page…, ``rounds`` times (after one uncounted round)."""
    admin = cookies["admin"]
    for n in range(-1 if warm else 0, rounds):
        for page in pages:
            status, seconds, _size = fetch(base, page.path, cookies[page.role])
            admin_status, admin_seconds, _size = fetch(base, page.admin, admin)
            page.status, page.admin_status = page.status or status, page.admin_status or admin_status
            if status != page.status or admin_status != page.admin_status:
                raise RuntimeError(f"{page.key}: answered {status} / {admin_status}")
            if n >= 0:
                page.samples.append(seconds)
                page.admin_samples.append(admin_seconds)
        if n >= 0:
            log(f"  sequential round {n + 1}/{rounds}")


def concurrent(base: str, pages: list[Page], cookies: dict, clients: int, per_client: int, log=print) -> dict:
    """Each page with ``clients`` threads at once; returns the whole run's figures."""
    total_requests, total_time = 0, 0.0
    for page in pages:
        samples, lock = [], threading.Lock()

        def work(page=page, samples=samples, lock=lock):
            for _ in range(per_client):
                seconds = fetch(base, page.path, cookies[page.role])[1]
                with lock:
                    samples.append(seconds)

        threads = [threading.Thread(target=work) for _ in range(clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        page.concurrent = {"clients": clients, "requests": len(samples), "seconds": round(wall, 3),
                           "throughput": round(len(samples) / wall, 2), **percentiles(samples)}
        total_requests += len(samples)
        total_time += wall
    log(f"  concurrent: {total_requests} requests in {total_time:.1f} s")
    return {"clients": clients, "requests": total_requests, "seconds": round(total_time, 2),
            "throughput": round(total_requests / total_time, 2) if total_time else None}


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def percentiles(samples: list[float]) -> dict:
    ms = [s * 1000 for s in samples]
    return {
        "p50_ms": _round(percentile(ms, 0.50)),
        "p95_ms": _round(percentile(ms, 0.95)),
        "p99_ms": _round(percentile(ms, 0.99)),
        "mean_ms": _round(statistics.fmean(ms)) if ms else None,
    }


def _round(value):
    return round(value, 1) if value is not None else None


# --- In-process: SQL per page ------------------------------------------------------------


def sql_profile(pages: list[Page], users: dict, host: str = "127.0.0.1", warm: bool = True,
                admin: bool = True) -> None:
    from django.db import connection
    from django.test import Client

    clients = {}
    for role, user in users.items():
        client = Client(HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients[role] = client

    def run(client, path):
        if warm:
            client.get(path)  # caches, compiled templates
        timings = []

        def timed(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append((time.perf_counter() - start, sql, params, many))

        with connection.execute_wrapper(timed):
            start = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - start
        slowest = max(timings, default=(0, "", None, False), key=lambda t: t[0])
        return {"status": response.status_code, "queries": len(timings),
                "sql_ms": round(sum(t[0] for t in timings) * 1000, 2), "in_process_ms": round(elapsed * 1000, 1),
                "slowest_query_ms": round(slowest[0] * 1000, 2), "slowest_query": slowest[1][:400],
                "slowest_query_plan": explain(slowest[1], slowest[2]) if slowest[1] and not slowest[3] else None}

    for page in pages:
        page.sql = run(clients[page.role], page.path)
        if admin:
            page.admin_sql = run(clients["admin"], page.admin)


def explain(sql: str, params, lines: int = 30) -> list[str] | None:
    """PostgreSQL's plan of a read, as run (EXPLAIN ANALYZE), its first ``lines`` lines."""
    from django.db import connection

    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            return [row[0] for row in cursor.fetchall()][:lines]
    except Exception as exc:  # noqa: BLE001 — a plan is information, never a failure of the run
        return [f"EXPLAIN failed: {exc}"]


def seed_import(runs: int = 3) -> list[float]:
    """The seed pair imported under another symbol, rolled back; seconds per run."""
    from django.db import transaction

    from observations.services.imports import UploadedText, import_files

    from .build import SEED_DIR

    class Rollback(Exception):
        pass

    seconds = []
    files = [UploadedText(name, (SEED_DIR / name).read_bytes()) for name in SEED_FILES]
    for n in range(runs):
        try:
            with transaction.atomic():
                start = time.perf_counter()
                import_files(files, symbol=f"CMW/C/KGZ/CO/{90 + n}")
                seconds.append(round(time.perf_counter() - start, 3))
                raise Rollback
        except Rollback:
            pass
    return seconds


def reminder_planning() -> dict:
    """Today's reminders planned: deciding only, then with the outbox written (rolled back)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from observations.services.notifications import plan_day

    class Rollback(Exception):
        pass

    day = timezone.localdate()
    result = {"day": day.isoformat()}
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        plan = plan_day(day, dry_run=True)
        result["decide_seconds"] = round(time.perf_counter() - start, 3)
    result["digests"] = len(plan.digests)
    result["decide_queries"] = len(queries)
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                plan_day(day)
                result["plan_and_write_seconds"] = round(time.perf_counter() - start, 3)
            result["plan_and_write_queries"] = len(queries)
            raise Rollback
    except Rollback:
        pass
    return result


def peak_rss_mb(pids) -> dict:
    """Peak resident memory (VmHWM) of processes, in MB."""
    peaks = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        peaks[pid] = round(int(line.split()[1]) / 1024, 1)
        except OSError:
            continue
    return peaks
