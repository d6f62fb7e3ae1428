"""Reports (each report, its .docx and the reports page's word counts) are built once per
change of their data and kept: a change of anything a report reads gives the new text at
once, and an unchanged report is never built again. The cache is a private in-memory one
per test (``tests.scale_support.private_cache``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from observations.choices import DeadlineKind, ImplementationStatus
from observations.models import (
    Deadline,
    Document,
)
from observations.services import tracking as services
from tests.scale_support import AS_OF, follow_up_pk, page_url

pytestmark = pytest.mark.usefixtures("private_cache")


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


def _validate_an_update(client, document, scale_people, superuser):
    rec = document.recommendations.get(paragraph__number=6)
    author = scale_people["users"][rec.assignment.lead_id]
    update = services.create_update(rec, organization=rec.assignment.lead, by=author,
                                    status=ImplementationStatus.IMPLEMENTED, narrative="NEWLY-VALIDATED: done.",
                                    language="en", as_of=AS_OF)
    services.submit_update(update, by=author)
    services.validate_update(update, by=scale_people["coordinator"])
    return "NEWLY-VALIDATED"


def _rename_an_organization_in_the_admin(client, document, scale_people, superuser):
    from tests.test_audit_log import admin_change

    client.force_login(superuser)
    admin_change(client, "organization", scale_people["orgs"][0], name="Ministry of Renamed Affairs")
    return "Ministry of Renamed Affairs"


def _add_a_measure_around_the_services(client, document, scale_people, superuser):
    """Even a write that records no history entry (a script, a data fix) is seen."""
    from observations.models import Measure, ProgressUpdate

    update = ProgressUpdate.objects.filter(recommendation__document=document, review_state="validated").first()
    Measure.objects.create(update=update, position=9, kind="budget", description="ADDED-MEASURE: a budget line")
    return "ADDED-MEASURE"


def _set_a_status_and_a_date_in_bulk(client, document, scale_people, superuser):
    """A bulk update records no history entry either."""
    document.recommendations.filter(paragraph__number=6).update(status=ImplementationStatus.IMPLEMENTED)
    Deadline.objects.filter(document=document, kind=DeadlineKind.FOLLOW_UP).update(due_date=dt.date(2028, 5, 9))
    return "9 May 2028"


def _move_the_deadline_in_the_admin(client, document, scale_people, superuser):
    from tests.test_audit_log import admin_change

    client.force_login(superuser)
    admin_change(client, "deadline", Deadline.objects.get(document=document, kind=DeadlineKind.FOLLOW_UP),
                 due_date="2027-03-01")
    return "1 March 2027"


@pytest.mark.parametrize("change", [_validate_an_update, _rename_an_organization_in_the_admin,
                                    _add_a_measure_around_the_services,
                                    _set_a_status_and_a_date_in_bulk, _move_the_deadline_in_the_admin],
                         ids=lambda change: change.__name__.strip("_").replace("_", " "))
def test_a_change_of_what_a_report_reads_changes_the_kept_report(client, small_world, scale_people, coordinator, change):
    from django.test import Client

    from tests.factories import make_user

    superuser = make_user("root", is_staff=True, is_superuser=True)
    reader = Client()
    reader.force_login(coordinator)
    pages = [page_url("follow_up_report", small_world.slug, follow_up_pk(small_world)),
             page_url("periodic_report", small_world.slug)]

    def shown():
        return "".join(reader.get(page).content.decode() for page in pages)

    before = _report_texts(small_world)
    page_before = shown()
    assert _report_texts(small_world) == before  # kept, and unchanged
    new_text = change(client, small_world, scale_people, superuser)
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
    follow_up = follow_up_pk(small_world)
    pages = [page_url("document_reports", small_world.slug), page_url("follow_up_report", small_world.slug, follow_up),
             page_url("periodic_report", small_world.slug),
             reverse("observations:follow_up_report_docx", args=[small_world.slug, follow_up]),
             page_url("periodic_report_docx", small_world.slug)]
    for _round in range(3):
        for page in pages:
            assert client.get(page).status_code == 200
    assert sorted(calls) == ["build_follow_up", "build_periodic", "to_docx", "to_docx"]
