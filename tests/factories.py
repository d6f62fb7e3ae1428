"""Small documents and people built directly with the ORM, for tests that do not need
the importer. Names follow the domain: a document with follow-up paragraphs, a
coordinating body, ministries, an NGO."""

import datetime as dt
from itertools import count

from django.contrib.auth import get_user_model

from observations.choices import DeadlineKind, HeadingKind, OrganizationKind, ParagraphKind, Role
from observations.models import (
    Committee,
    Deadline,
    DeadlineItem,
    Document,
    Heading,
    Membership,
    Organization,
    Paragraph,
    Recommendation,
    SubParagraph,
)

_seq = count(1)


def make_document(
    symbol="CMW/C/XYZ/CO/1",
    state="KG",
    follow_up=(4, 6),
    adoption_date=dt.date(2024, 12, 6),
    follow_up_due=dt.date(2026, 12, 6),
    next_report_due=dt.date(2029, 12, 6),
) -> Document:
    """A document of eight paragraphs under two topics of one cluster:
    1 introduction; 2 positive aspect; 3 concern; 4 recommendation with (a), (b);
    5 concern; 6 recommendation without sub-paragraphs; 7 follow-up (procedural);
    8 next periodic report (procedural). Follow-up on ``follow_up`` paragraphs."""
    document = Document.objects.create(
        symbol=symbol,
        committee=Committee.objects.get(code="CMW"),
        state=state,
        periodic_report=1,
        periodic_report_last=1,
        adoption_date=adoption_date,
    )
    section = Heading.objects.create(document=document, kind=HeadingKind.SECTION, key="C", position=0,
                                     titles={"en": "Principal subjects of concern and recommendations"},
                                     first_paragraph=3, last_paragraph=8)
    cluster = Heading.objects.create(document=document, parent=section, kind=HeadingKind.CLUSTER, key="1",
                                     position=1, titles={"en": "General measures of implementation"},
                                     first_paragraph=3, last_paragraph=6)
    topic_a = Heading.objects.create(document=document, parent=cluster, kind=HeadingKind.TOPIC, position=2,
                                     titles={"en": "Data collection"}, first_paragraph=3, last_paragraph=4)
    topic_b = Heading.objects.create(document=document, parent=cluster, kind=HeadingKind.TOPIC, position=3,
                                     titles={"en": "Non-discrimination"}, first_paragraph=5, last_paragraph=6)
    kinds = {
        1: ParagraphKind.INTRODUCTION, 2: ParagraphKind.POSITIVE_ASPECT, 3: ParagraphKind.CONCERN,
        4: ParagraphKind.RECOMMENDATION, 5: ParagraphKind.CONCERN, 6: ParagraphKind.RECOMMENDATION,
        7: ParagraphKind.PROCEDURAL, 8: ParagraphKind.PROCEDURAL,
    }
    headings = {3: topic_a, 4: topic_a, 5: topic_b, 6: topic_b}
    paragraphs = {}
    for number, kind in kinds.items():
        paragraphs[number] = Paragraph.objects.create(
            document=document, number=number, kind=kind, heading=headings.get(number, section),
            text={"en": f"Paragraph {number} text.", "ar": f"نص الفقرة {number}."},
        )
    position = 0
    for number in (4, 6):
        paragraph = paragraphs[number]
        if number == 4:
            for i, (letter, label) in enumerate((("a", "أ"), ("b", "ب"))):
                sub = SubParagraph.objects.create(
                    paragraph=paragraph, letter=letter, position=i, labels={"en": letter, "ar": label},
                    text={"en": f"Do thing {letter}.", "ar": f"افعل {label}."},
                )
                Recommendation.objects.create(document=document, paragraph=paragraph, subparagraph=sub,
                                              position=position)
                position += 1
        else:
            Recommendation.objects.create(document=document, paragraph=paragraph, position=position)
            position += 1
    follow = Deadline.objects.create(document=document, kind=DeadlineKind.FOLLOW_UP, due_date=follow_up_due,
                                     period_months=24, stated_in=paragraphs[7])
    for number in follow_up:
        DeadlineItem.objects.create(deadline=follow, paragraph=paragraphs[number])
    Deadline.objects.create(document=document, kind=DeadlineKind.NEXT_PERIODIC_REPORT, due_date=next_report_due,
                            stated_in=paragraphs[8], report_number=2)
    return document


def make_organization(name, kind=OrganizationKind.MINISTRY, state="KG") -> Organization:
    return Organization.objects.create(name=name, kind=kind, state=state)


def make_user(username, organization=None, role=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.org", **extra
    )
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role or Role.VIEWER)
    return user
