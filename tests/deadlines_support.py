"""What the deadline tests share: a day to travel to, readers of the returned HTML, the pages'
URLs, a document's follow-up and report deadlines, a deadline's life (met, extended) and its
history."""

import datetime as dt

import lxml.html
import time_machine
from django.urls import reverse

from observations.choices import DeadlineKind
from observations.models import Deadline, HistoryEntry


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC), tick=False)


def page(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def text_of(element):
    return " ".join(element.text_content().split())


def url(name, *args):
    return reverse(f"observations:{name}", args=args)


def follow_up_of(document) -> Deadline:
    return document.deadlines.get(kind=DeadlineKind.FOLLOW_UP)


def report_of(document) -> Deadline:
    return document.deadlines.get(kind=DeadlineKind.NEXT_PERIODIC_REPORT)


LIFE = ("met_on", "met_symbol", "extended_to", "extension_letter_date", "extension_letter_reference")


def life_of(deadline) -> dict:
    return Deadline.objects.filter(pk=deadline.pk).values(*LIFE).get()


def history_of(deadline):
    return HistoryEntry.objects.filter(object_id=deadline.pk, content_type__model="deadline").order_by("at", "id")
