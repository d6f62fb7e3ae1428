"""What the scale tests share (loaded by tests/conftest.py): a private cache per test, the
small world they start from, and the ways its data grows — more documents, and a longer
document with a longer history of updates in every review state."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from observations.choices import DeadlineKind, ImplementationStatus, ParagraphKind
from observations.models import (
    Assignment,
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


@pytest.fixture
def private_cache(settings):
    """An in-memory cache of this test's own (clearing it touches nobody else's keys)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"scale-{uuid.uuid4().hex}"}}
    yield
    cache.clear()


# --- Growing the data ----------------------------------------------------------------------


def report_on(document, scale_people, rounds=2):
    """Assign every recommendation of ``document`` not yet assigned (lead and supporting
    ministry in turn) and write ``rounds`` updates per recommendation through the services:
    validated with a measure, returned, submitted and draft in turn, and the Committee's
    grade on the follow-up ones. Every step writes its history entries."""
    coordinator, orgs, users = scale_people["coordinator"], scale_people["orgs"], scale_people["users"]
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


def more_documents(scale_people, n=3):
    """(a) ``n`` more documents of the same State, reported on."""
    for i in range(n):
        document = make_document(symbol=f"CMW/C/M{i:02d}/CO/1")
        report_on(document, scale_people)


def longer_document(document, scale_people, paragraphs=8):
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
    report_on(document, scale_people, rounds=2)


@pytest.fixture
def scale_people(coordinator, ministry_a, ministry_b, focal_point_a, focal_point_b):
    return {"coordinator": coordinator, "orgs": [ministry_a, ministry_b],
            "users": {ministry_a.pk: focal_point_a, ministry_b.pk: focal_point_b}}


@pytest.fixture
def small_world(assigned_document, scale_people, ngo_drafter, coordinator):
    """The eight-paragraph document, assigned, with one round of updates, its public
    page on and an NGO's shadow report started."""
    from observations.services import documents as document_services
    from observations.services import reports as report_services

    report_on(assigned_document, scale_people, rounds=1)
    document_services.set_public_page(assigned_document, True, by=coordinator)
    report_services.start_report(organization=ngo_drafter.memberships.get().organization,
                                 document=assigned_document, user=ngo_drafter)
    return Document.objects.get(pk=assigned_document.pk)



# --- Addresses ---------------------------------------------------------------------------


def page_url(name, *args, query=""):
    return reverse(f"observations:{name}", args=args) + query


def follow_up_pk(document):
    return Deadline.objects.get(document=document, kind=DeadlineKind.FOLLOW_UP).pk
