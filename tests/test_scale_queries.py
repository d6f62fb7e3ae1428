"""Every main page costs the same number of SQL queries whatever the size of the data:

(a) with more documents (each assigned and reported on), and
(b) with a longer document — more paragraphs and recommendations, a longer history of
    progress updates in every review state, and so more history entries.

Each page is read three times by the same person: on the small world, after (a), and after
(b); the three query counts must be equal. A page that reads something row by row shows up
here as a count that grows. Pages that already have such a test for both sizes elsewhere
(the document list, search) are not repeated here.

The cache is a private in-memory one per test, so that the reports (built once per change
of their data, see ``services.reports``) are measured both when they are built and when
they are served from the cache.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from observations.choices import DeadlineKind, ImplementationStatus, ParagraphKind
from observations.models import (
    Assignment,
    CalendarFeed,
    Deadline,
    DeadlineItem,
    Document,
    Paragraph,
    Recommendation,
    SubParagraph,
)
from observations.selectors.tracking import is_follow_up
from observations.services import tracking as services
from observations.services.tracking import MeasureData
from tests.factories import make_document

AS_OF = dt.date(2025, 3, 1)
STATUSES = [ImplementationStatus.IN_PROGRESS, ImplementationStatus.PARTIALLY_IMPLEMENTED,
            ImplementationStatus.IMPLEMENTED]


@pytest.fixture(autouse=True)
def private_cache(settings):
    """An in-memory cache of this test's own (clearing it touches nobody else's keys)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"scale-{uuid.uuid4().hex}"}}
    yield
    cache.clear()


# --- Growing the data ----------------------------------------------------------------------


def report_on(document, people, rounds=2):
    """Assign every recommendation of ``document`` not yet assigned (lead and supporting
    ministry in turn) and write ``rounds`` updates per recommendation through the services:
    validated with a measure, returned, submitted and draft in turn, and the Committee's
    grade on the follow-up ones. Every step writes its history entries."""
    coordinator, orgs, users = people["coordinator"], people["orgs"], people["users"]
    recommendations = list(document.recommendations.select_related("document", "paragraph", "subparagraph")
                           .order_by("position"))
    assigned = set(Assignment.objects.filter(recommendation__document=document)
                   .values_list("recommendation_id", flat=True))
    for i, rec in enumerate(recommendations):
        lead, other = orgs[i % 2], orgs[(i + 1) % 2]
        if rec.pk not in assigned:
            services.assign(rec, lead=lead, supporting=[other], by=coordinator)
        else:
            lead = rec.assignment.lead
        author = users[lead.pk]
        for r in range(rounds):
            update = services.create_update(
                rec, organization=lead, by=author, status=STATUSES[(i + r) % 3],
                narrative=f"Round {r} on {rec.code}: the working group met.", language="en", as_of=AS_OF,
                measures=[MeasureData("law", f"Law {i}.{r}", AS_OF)],
            )
            services.add_evidence(update, by=author, link=f"https://example.org/{i}/{r}", description="Text")
            step = (i + r) % 4
            if step == 3:
                continue  # stays a draft
            services.submit_update(update, by=author)
            if step == 0:
                services.validate_update(update, by=coordinator)
            elif step == 1:
                services.return_update(update, by=coordinator, comment="Give dates.")
        if is_follow_up(rec):
            services.record_assessment(rec, grade="B", letter_date=AS_OF, letter_symbol=f"G/SO {i}", by=coordinator)


def more_documents(people, n=3):
    """(a) ``n`` more documents of the same State, reported on."""
    for i in range(n):
        document = make_document(symbol=f"CMW/C/M{i:02d}/CO/1")
        report_on(document, people)


def longer_document(document, people, paragraphs=8):
    """(b) ``paragraphs`` more recommendation paragraphs in ``document`` (every other one
    with sub-paragraphs (a)–(c), every third one named by the follow-up deadline), then
    two more rounds of updates on every recommendation of the document."""
    heading = document.paragraphs.get(number=6).heading
    follow_up = Deadline.objects.get(document=document, kind=DeadlineKind.FOLLOW_UP)
    last = document.paragraphs.order_by("-number").first().number
    position = document.recommendations.order_by("-position").first().position
    for k in range(1, paragraphs + 1):
        paragraph = Paragraph.objects.create(document=document, number=last + k, kind=ParagraphKind.RECOMMENDATION,
                                             heading=heading, text={"en": f"Paragraph {last + k} text.",
                                                                    "ar": f"نص الفقرة {last + k}."})
        if k % 2:
            for j, letter in enumerate("abc"):
                sub = SubParagraph.objects.create(paragraph=paragraph, letter=letter, position=j,
                                                  labels={"en": letter}, text={"en": f"Do {letter}."})
                position += 1
                Recommendation.objects.create(document=document, paragraph=paragraph, subparagraph=sub,
                                              position=position)
        else:
            position += 1
            Recommendation.objects.create(document=document, paragraph=paragraph, position=position)
        if k % 3 == 0:
            DeadlineItem.objects.create(deadline=follow_up, paragraph=paragraph)
    report_on(document, people, rounds=2)


@pytest.fixture
def people(coordinator, ministry_a, ministry_b, focal_point_a, focal_point_b):
    return {"coordinator": coordinator, "orgs": [ministry_a, ministry_b],
            "users": {ministry_a.pk: focal_point_a, ministry_b.pk: focal_point_b}}


@pytest.fixture
def small_world(assigned_document, people, ngo_drafter, coordinator):
    """The eight-paragraph document, assigned, with one round of updates, its public
    page on and an NGO's shadow report started."""
    from observations.services import documents as document_services
    from observations.services import reports as report_services

    report_on(assigned_document, people, rounds=1)
    document_services.set_public_page(assigned_document, True, by=coordinator)
    report_services.start_report(organization=ngo_drafter.memberships.get().organization,
                                 document=assigned_document, user=ngo_drafter)
    return Document.objects.get(pk=assigned_document.pk)


# --- The pages -----------------------------------------------------------------------------


def _url(name, *args, query=""):
    return reverse(f"observations:{name}", args=args) + query


def _follow_up_pk(document):
    return Deadline.objects.get(document=document, kind=DeadlineKind.FOLLOW_UP).pk


def _rec6(document):
    return document.recommendations.get(paragraph__number=6).pk


def _feed(user):
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return _url("calendar_feed", feed.token)


# (name, who reads it, its address from the document, whether it is built once per change)
PAGES = [
    ("document page", "coordinator", lambda d: _url("document_detail", d.slug, query="?lang=en&compare=ar"), False),
    ("paragraph page", "coordinator", lambda d: _url("paragraph_detail", d.slug, 6), False),
    ("dashboard by paragraph", "coordinator", lambda d: _url("tracking_dashboard", d.slug), False),
    ("dashboard by theme", "coordinator", lambda d: _url("tracking_dashboard_by", d.slug, "themes"), False),
    ("dashboard by organization", "coordinator",
     lambda d: _url("tracking_dashboard_by", d.slug, "organizations"), False),
    ("dashboard by deadline", "coordinator", lambda d: _url("tracking_dashboard_by", d.slug, "deadlines"), False),
    ("recommendations, filtered and sorted", "coordinator",
     lambda d: _url("tracking_recommendations", d.slug, query="?follow_up=on&sort=-status"), False),
    ("recommendations CSV", "coordinator",
     lambda d: _url("tracking_recommendations", d.slug, query="?follow_up=on&sort=-status&_export=csv"), False),
    ("recommendations XLSX", "coordinator",
     lambda d: _url("tracking_recommendations", d.slug, query="?follow_up=on&_export=xlsx"), False),
    ("my work, coordinator", "coordinator", lambda d: _url("my_work"), False),
    ("my work, focal point", "focal_point_a", lambda d: _url("my_work"), False),
    ("my work, focal point, CSV", "focal_point_a", lambda d: _url("my_work", query="?_export=csv"), False),
    ("my work, NGO", "ngo_drafter", lambda d: _url("my_work"), False),
    ("review queue", "coordinator", lambda d: _url("review_queue"), False),
    ("recommendation with its history, coordinator", "coordinator",
     lambda d: _url("recommendation_detail", _rec6(d)), False),
    ("recommendation with its history, focal point", "focal_point_b",
     lambda d: _url("recommendation_detail", _rec6(d)), False),
    ("reports page, coordinator", "coordinator", lambda d: _url("document_reports", d.slug), True),
    ("reports page, NGO", "ngo_drafter", lambda d: _url("document_reports", d.slug), False),
    ("follow-up report", "coordinator", lambda d: _url("follow_up_report", d.slug, _follow_up_pk(d)), True),
    ("follow-up report .docx", "coordinator",
     lambda d: reverse("observations:follow_up_report_docx", args=[d.slug, _follow_up_pk(d)]), True),
    ("periodic report", "coordinator", lambda d: _url("periodic_report", d.slug), True),
    ("periodic report .docx", "coordinator", lambda d: _url("periodic_report_docx", d.slug), True),
    ("calendar feed, focal point", "focal_point_a", lambda d: _feed(d._reader), False),
    ("public page", None, lambda d: _url("public_page", d.slug), False),
]


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(("who", "address", "built_once"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_the_page_costs_the_same_queries_with_more_documents_and_a_longer_document(
        client, request, small_world, people, who, address, built_once):
    reader = request.getfixturevalue(who) if who else None
    if reader is not None:
        client.force_login(reader)
    document = small_world
    document._reader = reader

    def count():
        if built_once:
            cache.clear()  # the cost of building the page; the cached cost is measured below
        return _count(client, address(document))

    client.get(address(document))  # the first request of a process fills Django's own caches
    small = count()
    more_documents(people)
    with_more_documents = count()
    longer_document(document, people)
    with_a_longer_document = count()
    assert (small, with_more_documents, with_a_longer_document) == (small, small, small)


@pytest.mark.parametrize(("who", "address"), [p[1:3] for p in PAGES if p[3]], ids=[p[0] for p in PAGES if p[3]])
def test_a_report_served_again_is_not_built_again(client, request, small_world, people, who, address):
    """The second request for an unchanged report reads only what tells whether its data
    changed: fewer queries than building it, and the same at both sizes."""
    client.force_login(request.getfixturevalue(who))
    document = small_world
    client.get(address(document))  # the first request of a process fills Django's own caches
    cache.clear()
    built = _count(client, address(document))
    served = _count(client, address(document))
    assert served < built
    longer_document(document, people)
    cache.clear()
    assert _count(client, address(document)) == built
    assert _count(client, address(document)) == served


# --- A kept report is never stale --------------------------------------------------------------


def _report_texts(document):
    """What the State's reports say now, read through the cache as the pages read them:
    both reports and the text of both .docx files."""
    import io

    import docx

    from observations.exports import state_report

    deadline = Deadline.objects.select_related("document__committee").get(document=document,
                                                                           kind=DeadlineKind.FOLLOW_UP)
    document = Document.objects.select_related("committee").get(pk=document.pk)
    deadline.document = document
    follow_up = state_report.follow_up_report(deadline, "en")
    periodic = state_report.periodic_report(document, "en")
    files = [state_report.follow_up_docx(deadline, "en")[0], state_report.periodic_docx(document, "en")[0]]
    words = [state_report.follow_up_summary(deadline, "en").count.words,
             state_report.periodic_summary(document, "en").count.words]
    return {
        "follow-up": "\n".join(follow_up.texts()),
        "periodic": "\n".join(periodic.texts()),
        "docx": ["\n".join(p.text for p in docx.Document(io.BytesIO(f)).paragraphs) for f in files],
        "words": words,
    }


def _validate_an_update(client, document, people, superuser):
    rec = document.recommendations.get(paragraph__number=6)
    author = people["users"][rec.assignment.lead_id]
    update = services.create_update(rec, organization=rec.assignment.lead, by=author,
                                    status=ImplementationStatus.IMPLEMENTED, narrative="NEWLY-VALIDATED: done.",
                                    language="en", as_of=AS_OF)
    services.submit_update(update, by=author)
    services.validate_update(update, by=people["coordinator"])
    return "NEWLY-VALIDATED"


def _rename_an_organization_in_the_admin(client, document, people, superuser):
    from tests.test_audit_log import admin_change

    client.force_login(superuser)
    admin_change(client, "organization", people["orgs"][0], name="Ministry of Renamed Affairs")
    return "Ministry of Renamed Affairs"


def _add_a_measure_around_the_services(client, document, people, superuser):
    """Even a write that records no history entry (a script, a data fix) is seen."""
    from observations.models import Measure, ProgressUpdate

    update = ProgressUpdate.objects.filter(recommendation__document=document, review_state="validated").first()
    Measure.objects.create(update=update, position=9, kind="budget", description="ADDED-MEASURE: a budget line")
    return "ADDED-MEASURE"


def _set_a_status_and_a_date_in_bulk(client, document, people, superuser):
    """A bulk update records no history entry either."""
    document.recommendations.filter(paragraph__number=6).update(status=ImplementationStatus.IMPLEMENTED)
    Deadline.objects.filter(document=document, kind=DeadlineKind.FOLLOW_UP).update(due_date=dt.date(2028, 5, 9))
    return "9 May 2028"


def _move_the_deadline_in_the_admin(client, document, people, superuser):
    from tests.test_audit_log import admin_change

    client.force_login(superuser)
    admin_change(client, "deadline", Deadline.objects.get(document=document, kind=DeadlineKind.FOLLOW_UP),
                 due_date="2027-03-01")
    return "1 March 2027"


@pytest.mark.parametrize("change", [_validate_an_update, _rename_an_organization_in_the_admin,
                                    _add_a_measure_around_the_services,
                                    _set_a_status_and_a_date_in_bulk, _move_the_deadline_in_the_admin],
                         ids=lambda change: change.__name__.strip("_").replace("_", " "))
def test_a_change_of_what_a_report_reads_changes_the_kept_report(client, small_world, people, coordinator, change):
    from django.test import Client

    from tests.factories import make_user

    superuser = make_user("root", is_staff=True, is_superuser=True)
    reader = Client()
    reader.force_login(coordinator)
    pages = [_url("follow_up_report", small_world.slug, _follow_up_pk(small_world)),
             _url("periodic_report", small_world.slug)]

    def shown():
        return "".join(reader.get(page).content.decode() for page in pages)

    before = _report_texts(small_world)
    page_before = shown()
    assert _report_texts(small_world) == before  # kept, and unchanged
    new_text = change(client, small_world, people, superuser)
    assert new_text not in page_before
    assert new_text in shown()  # the pages' kept rendering follows too
    after = _report_texts(small_world)
    assert new_text not in before["follow-up"] + before["periodic"]
    assert new_text in after["follow-up"] or new_text in after["periodic"]
    assert any(new_text in text for text in after["docx"])
    assert after["docx"] != before["docx"]
    built_fresh = _fresh_texts(small_world)
    assert after == built_fresh


def _fresh_texts(document):
    cache.clear()
    return _report_texts(document)


def test_an_unchanged_report_is_built_once(client, small_world, coordinator, monkeypatch):
    from observations.exports import state_report

    calls = []
    for name in ("build_follow_up", "build_periodic", "to_docx"):
        real = getattr(state_report, name)
        monkeypatch.setattr(state_report, name, lambda *a, _real=real, _name=name, **k: calls.append(_name)
                            or _real(*a, **k))
    client.force_login(coordinator)
    follow_up = _follow_up_pk(small_world)
    pages = [_url("document_reports", small_world.slug), _url("follow_up_report", small_world.slug, follow_up),
             _url("periodic_report", small_world.slug),
             reverse("observations:follow_up_report_docx", args=[small_world.slug, follow_up]),
             _url("periodic_report_docx", small_world.slug)]
    for _round in range(3):
        for page in pages:
            assert client.get(page).status_code == 200
    assert sorted(calls) == ["build_follow_up", "build_periodic", "to_docx", "to_docx"]


# --- What the faster rendering still does ------------------------------------------------------


def test_the_review_queue_validates_with_its_own_form_under_csrf_checks(small_world, coordinator):
    """The queue's Validate buttons are built without a template per row: the form still
    carries the CSRF token, and posting it validates the update."""
    import lxml.html
    from django.test import Client

    from observations.choices import ReviewState
    from observations.models import ProgressUpdate

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    waiting = ProgressUpdate.objects.filter(review_state=ReviewState.SUBMITTED).order_by("submitted_at", "id")
    first = waiting.first()
    tree = lxml.html.fromstring(client.get(_url("review_queue")).content.decode())
    forms = tree.xpath('//table[@id="review-table"]//form')
    assert len(forms) == waiting.count() > 0
    form = forms[0]
    assert form.get("action") == _url("update_validate", first.pk)
    assert [a.get("href") for a in form.getparent().xpath("./a")] == [
        _url("update_return", first.pk), first.get_absolute_url()]
    data = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
    response = client.post(form.get("action"), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.review_state == ReviewState.VALIDATED


def test_the_dashboard_bars_and_cells_are_what_the_templates_render(client, small_world, coordinator):
    import lxml.html
    from django.template.loader import render_to_string

    from observations.selectors.tracking import status_rollup

    client.force_login(coordinator)
    tree = lxml.html.fromstring(client.get(_url("tracking_dashboard", small_world.slug)).content.decode())
    rows = tree.xpath('//table[@id="rollup-table"]/tbody/tr')
    rollup = status_rollup(small_world)
    bars = [lxml.html.tostring(row.xpath("./td")[-1], encoding="unicode") for row in rows]
    expected = render_to_string("observations/tracking/_status_bar.html", {"counts": rollup.paragraphs[6]}).strip()
    assert any(expected in bar for bar in bars)
    assert tree.xpath('//table[@id="rollup-table"]/tbody/tr/td[@class="text-end"]')


# --- The indexes the pages rely on ---------------------------------------------------------------


def _plan(sql, params=()) -> str:
    with connection.cursor() as cursor:
        # With sequential scans off, a table is read through an index that matches the
        # condition when there is one (the plan names it) — whatever the size of the data.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_review_states_and_the_history_are_read_through_their_indexes(small_world, coordinator, focal_point_a):
    from observations import permissions as perms
    from observations.selectors.reports import _params, _sql
    from observations.selectors.tracking import reported_exists

    queue = perms.review_queue_for(coordinator)
    sql, params = queue.query.sql_with_params()
    plan = _plan(sql + " LIMIT 50", params)
    assert "update_queue_idx" in plan or "update_submitted_" in plan, plan  # a partial index of the review state
    reported = Recommendation.objects.filter(reported_exists())
    assert "update_reported_rec_idx" in _plan(*reported.query.sql_with_params())
    assert "history_document_id_idx" in _plan(_sql(), _params(small_world))
    work = perms.assignments_for(focal_point_a)
    plan = _plan(*work.query.sql_with_params())
    assert "update_submitted_" in plan and "update_reported_rec_idx" in plan, plan
