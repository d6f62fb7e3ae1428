"""What the shadow report tests share: the NGO's report started on the document with a follow-up,
entries written through the services (and a report drafted out of order), an entry's address
and form, and the report's state as the pages show it."""


import pytest
from django.urls import reverse

from observations.choices import NgoAssessment
from observations.models import ShadowEntry, ShadowReport, ShadowReportPublication
from observations.services import reports as shadow_services


@pytest.fixture
def report(document_with_follow_up, ngo, ngo_drafter):
    report, _created = shadow_services.start_report(organization=ngo, document=document_with_follow_up,
                                                     user=ngo_drafter)
    return report


def _entry(report, user, number, letter=None, **data):
    paragraph = report.document.paragraphs.get(number=number)
    sub = paragraph.subparagraphs.get(letter=letter) if letter else None
    values = {"assessment": NgoAssessment.NOT_IMPLEMENTED, "narrative": "", "evidence": [], "proposals": ""}
    values.update(data)
    return shadow_services.save_entry(report=report, paragraph=paragraph, subparagraph=sub, data=values, version=0,
                                      user=user)


@pytest.fixture
def drafted(report, ngo_drafter):
    """Entries written out of order: 6, then 4(b), then 4 as a whole."""
    _entry(report, ngo_drafter, 6, narrative="SECRET-SIX: nothing changed for migrants in detention.",
           proposals="Ask how many migrants were detained in 2025.")
    _entry(report, ngo_drafter, 4, "b", assessment=NgoAssessment.PARTIALLY_IMPLEMENTED,
           narrative="SECRET-4B: a pilot only.",
           evidence=[{"url": "https://example.org/pilot", "title": "Pilot evaluation [2025]"}])
    _entry(report, ngo_drafter, 4, assessment=NgoAssessment.INSUFFICIENT_INFORMATION, narrative="SECRET-4: no data.")
    return report


def _entry_url(report, number, letter=None):
    if letter:
        return reverse("observations:shadow_entry_sub", args=[report.pk, number, letter])
    return reverse("observations:shadow_entry", args=[report.pk, number])


def _form(narrative, version, assessment=NgoAssessment.NOT_IMPLEMENTED, evidence="", proposals=""):
    return {"assessment": assessment, "narrative": narrative, "evidence": evidence, "proposals": proposals,
            "version": version, "action": "save"}


def _state(report):
    report = ShadowReport.objects.get(pk=report.pk)
    entries = list(ShadowEntry.objects.filter(report=report).order_by("pk").values_list(
        "pk", "assessment", "narrative", "proposals", "version"))
    return (report.title, report.introduction, report.version, report.published_at, entries,
            ShadowReportPublication.objects.count())
