"""The scale benchmark (benchmarks/scale/): its data set is what the services would have
written, at the size asked for, and a tiny run of its measuring part gives a row of
numbers per page."""

import json
from collections import Counter, defaultdict

import pytest

from benchmarks.scale import build, measure_all, report
from benchmarks.scale.database import database_name


def test_scale_one_is_the_size_of_the_issue():
    plan = build.Plan.for_scale(1)
    assert (plan.documents, plan.states, plan.organizations, plan.users) == (300, 100, 300, 3000)
    plan = build.Plan.for_scale(10)
    assert (plan.documents, plan.organizations, plan.users) == (3000, 3000, 30000)
    assert plan.states == 249  # every State django-countries knows
    assert database_name(0.01) == "tracker_benchmark_0_01"
    assert database_name(1) == "tracker_benchmark_1"


@pytest.fixture
def tiny(db):
    from observations.committees import sync_committees
    from observations.models import Committee

    sync_committees(Committee)
    return build.populate(0.01, log=lambda line: None)


def test_counts_match_the_scale(tiny):
    counts = tiny["counts"]
    plan = build.Plan.for_scale(0.01)
    assert counts["documents"] == plan.documents == 3
    seed_recommendations = 44  # CMW/C/KGZ/CO/2 as imported
    recommendations = seed_recommendations + (plan.documents - 1) * build.PER_DOCUMENT
    assert counts["recommendations"] == recommendations
    assert counts["organizations"] == plan.organizations
    assert counts["users"] == plan.users + 1  # and the superuser of the admin changelists
    assert counts["memberships"] == plan.users
    assert counts["assignments"] == recommendations
    long_extra = 2 * (build.LONG_HISTORY_CHAINS - 4)
    assert counts["progress_updates"] == 10 * recommendations + long_extra
    assert counts["measures"] == counts["progress_updates"]
    # 21 entries a recommendation, the long history's extra chains (5 entries each, every
    # validation changing the status), the Committee's grades and one import per document.
    assert counts["history_entries"] == (21 * recommendations + 5 * build.LONG_HISTORY_CHAINS - 19
                                         + counts["assessments"] + counts["documents"])
    assert tiny["seed_import_seconds"] > 0


def test_every_update_is_written_by_an_assigned_organization(tiny):
    from observations.choices import Role
    from observations.models import Assignment, Membership, ProgressUpdate

    assigned = defaultdict(set)
    for a in Assignment.objects.prefetch_related("supporting"):
        assigned[a.recommendation_id] |= {a.lead_id, *(o.pk for o in a.supporting.all())}
    focal_points = set(Membership.objects.filter(role=Role.FOCAL_POINT).values_list("user_id", "organization_id"))
    updates = list(ProgressUpdate.objects.select_related("recommendation__document"))
    assert updates
    for u in updates:
        assert u.organization_id in assigned[u.recommendation_id]
        assert (u.author_id, u.organization_id) in focal_points
        assert u.recommendation.document.adoption_date <= u.as_of <= build.TODAY


def test_versions_reviews_and_official_status_follow_the_workflow(tiny):
    from observations.choices import ReviewState
    from observations.models import ProgressUpdate, Recommendation

    by_id = {u.pk: u for u in ProgressUpdate.objects.all()}
    states = Counter(u.review_state for u in by_id.values())
    recommendations = Recommendation.objects.count()
    assert states[ReviewState.DRAFT] == recommendations
    assert states[ReviewState.SUBMITTED] == recommendations
    assert states[ReviewState.RETURNED] == states[ReviewState.VALIDATED]
    for u in by_id.values():
        if u.previous_id:  # a correction: the next version of a returned update, in its chain
            previous = by_id[u.previous_id]
            assert (previous.chain, previous.version + 1, previous.review_state) == (u.chain, u.version, "returned")
            assert previous.reviewed_at < u.created_at
        if u.review_state == ReviewState.DRAFT:
            assert u.submitted_at is None and u.reviewed_at is None
        else:
            assert u.submitted_at and u.submitted_by_id == u.author_id
        if u.review_state in (ReviewState.RETURNED, ReviewState.VALIDATED):
            assert u.reviewed_at > u.submitted_at and u.reviewed_by_id
    latest = {}
    for u in sorted(by_id.values(), key=lambda u: (u.reviewed_at or u.created_at, u.pk)):
        if u.review_state == ReviewState.VALIDATED:
            latest[u.recommendation_id] = u.status
    for r in Recommendation.objects.all():
        assert r.status == latest[r.pk]


def test_history_is_what_the_services_write(tiny):
    from observations.models import Assignment, HistoryEntry, ProgressUpdate

    entries = list(HistoryEntry.objects.exclude(action="imported"))
    per_update = Counter((e.update_id, e.action) for e in entries if e.update_id)
    for u in ProgressUpdate.objects.select_related("organization"):
        submitted = per_update[(u.pk, "update_submitted")]
        assert submitted == (0 if u.review_state == "draft" else 1)
        assert per_update[(u.pk, "update_returned")] == (1 if u.review_state == "returned" else 0)
        assert per_update[(u.pk, "update_validated")] == (1 if u.review_state == "validated" else 0)
    assert Counter(e.action for e in entries)["assigned"] == Assignment.objects.count()
    for e in entries:
        assert e.recommendation_id and e.document_id == e.recommendation.document_id
        assert e.object_id == e.recommendation_id and e.actor_id
    for e in HistoryEntry.objects.filter(action="update_submitted")[:50]:
        assert e.after["organization"] == str(e.update.organization) and e.after["version"] == e.update.version
    for e in HistoryEntry.objects.filter(action="status_changed")[:50]:
        assert e.before["status"] != e.after["status"] == e.update.status


def test_documents_are_complete_clones_with_their_deadlines(tiny):
    from observations.choices import DeadlineKind
    from observations.models import Assignment, Deadline, Document, Paragraph
    from observations.selectors.tracking import follow_up_exists

    for document in Document.objects.all():
        numbers = list(Paragraph.objects.filter(document=document).order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        positions = list(document.recommendations.order_by("position").values_list("position", flat=True))
        assert positions == list(range(len(positions)))
        assert document.versions.count() == 2 and document.history.filter(action="imported").count() == 1
        follow_up = Deadline.objects.get(document=document, kind=DeadlineKind.FOLLOW_UP)
        assert follow_up.items.exists() and follow_up.due_date > document.adoption_date
        for a in Assignment.objects.filter(recommendation__document=document,
                                           recommendation__in=document.recommendations.filter(follow_up_exists())):
            assert a.internal_deadline == max(document.adoption_date, follow_up.due_date - build.dt.timedelta(days=60))
            assert a.lead.state == document.state


def test_a_tiny_run_measures_every_page_against_the_test_server(live_server, committees):
    build.populate(0.002, log=lambda line: None)  # the seed document alone, with its people
    result = measure_all(live_server.url, rounds=1, clients=2, per_client=1, warm=False, seed_runs=1,
                         admin_sql=False, log=lambda line: None)
    result = json.loads(json.dumps(result, default=str))
    rows = {row["key"]: row for row in result["pages"]}
    expected = {"document_list", "document", "paragraph", "dashboard_paragraphs", "dashboard_themes",
                "dashboard_organizations", "dashboard_deadlines", "recommendations", "my_work_coordinator",
                "my_work_focal_point", "my_work_ngo", "ngo_reports", "ngo_shadow_report", "review_queue", "long_history", "reports",
                "follow_up_report", "follow_up_docx", "periodic_report", "periodic_docx", "search", "export_csv",
                "export_xlsx", "calendar_feed", "public_page"}
    assert set(rows) == expected
    for row in rows.values():
        assert row["status"] == 200 and row["admin"]["status"] == 200, row
        for key in ("p50_ms", "p95_ms", "p99_ms", "throughput_sequential", "sql_ms", "ratio_to_admin_p95"):
            assert isinstance(row[key], (int, float)) and row[key] > 0, (row["key"], key)
        assert row["sql_queries"] > 0 and row["admin"]["p95_ms"] > 0
        assert row["concurrent"]["requests"] == 2 and row["concurrent"]["throughput"] > 0
    assert result["concurrent"]["requests"] == 2 * len(expected)
    assert all(s > 0 for s in result["seed_import_seconds"])
    assert result["reminder_planning"]["decide_queries"] > 0
    lines = report.table_lines(result["pages"])
    assert len(lines) == 2 + len(expected)
