"""Views for the reports pages: a document's reports page, the State's follow-up and
periodic report drafts (coordinators of the State). The NGO shadow report's views are in
``views.shadow_reports``.

Who may do what, checked here on every request, per object:

- State's reports: ``permissions.can_prepare_state_reports`` (coordinators of the
  document's State, superusers); anyone else gets 403.
- A shadow report draft: readable by the members of its NGO
  (``permissions.shadow_reports_readable_by``), editable by its NGO drafters
  (``permissions.can_edit_shadow_report``); for everyone else, signed in or not, it does
  not exist (404), superusers included: the draft is the NGO's alone.
- A published shadow report: the snapshot taken at publication, readable by any signed-in
  user.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import permissions as perms
from ..choices import DeadlineKind, text_dir
from ..exports import shadow_report as shadow_export
from ..exports import state_report
from ..exports.docx import DOCX_CONTENT_TYPE
from ..exports.wordcount import WordCount
from ..forms.reports import StartShadowReportForm
from ..models import (
    Deadline,
    Document,
    ShadowReport,
    ShadowReportPublication,
)
from ..selectors.documents import choose_language, document_languages


def document_or_404(slug) -> Document:
    return get_object_or_404(Document.objects.select_related("committee").prefetch_related("versions"), slug=slug)


def report_language(request, document) -> tuple[str, list[str]]:
    available = document_languages(document, document.paragraphs.only("id", "document_id", "text")[:1])
    return choose_language(request.GET.get("lang"), available), available


def download(content: bytes | str, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- The reports page of a document ---------------------------------------------------------


@login_required
def document_reports(request, slug):
    """What reports exist for a document and what the user may export, with word counts."""
    document = document_or_404(slug)
    user = request.user
    language, available = report_language(request, document)
    state_exports = []
    may_prepare = perms.can_prepare_state_reports(user, document)
    if may_prepare:
        deadlines = Deadline.objects.filter(document=document, kind=DeadlineKind.FOLLOW_UP).select_related(
            "document__committee").order_by("due_date")
        for deadline in deadlines:
            deadline.document = document
            summary = state_report.follow_up_summary(deadline, language)
            state_exports.append({"deadline": deadline, "report": summary, "count": summary.count})
        periodic = state_report.periodic_summary(document, language)
        periodic_export = {"report": periodic, "count": periodic.count}
    else:
        periodic_export = None

    own_reports = []
    for report in (
        perms.shadow_reports_readable_by(user).filter(document=document).select_related("organization", "document")
    ):
        content = shadow_export.build_content(report)
        own_reports.append({
            "report": report, "count": content.count(), "entries": len(content.parts),
            "may_draft": perms.can_edit_shadow_report(user, report),
        })
    started = {entry["report"].organization_id for entry in own_reports}
    startable = perms.drafting_organizations(user).exclude(pk__in=started)
    published = (
        ShadowReport.objects.published().filter(document=document).select_related("organization")
        .prefetch_related(Prefetch("publications", queryset=ShadowReportPublication.objects.only(
            "id", "report_id", "published_at", "word_count"), to_attr="publication_list"))
    )
    context = {
        "document": document,
        "language": language,
        "available": available,
        "may_prepare": may_prepare,
        "state_exports": state_exports,
        "periodic_export": periodic_export,
        "own_reports": own_reports,
        "start_form": StartShadowReportForm(organizations=startable) if startable.exists() else None,
        "published": [
            {"report": r, "publication": r.publication_list[0],
             "count": WordCount(r.publication_list[0].word_count, shadow_export.word_limit())}
            for r in published if r.publication_list
        ],
        "shadow_limit": shadow_export.word_limit(),
    }
    return render(request, "observations/reports/document_reports.html", context)


# --- The State's reports --------------------------------------------------------------------


def _prepare(request, slug) -> Document:
    document = document_or_404(slug)
    if not perms.can_prepare_state_reports(request.user, document):
        raise PermissionDenied(_("Only the coordinators of this State prepare its reports."))
    return document


def _follow_up_deadline(document, pk) -> Deadline:
    deadline = get_object_or_404(Deadline, pk=pk, document=document, kind=DeadlineKind.FOLLOW_UP)
    deadline.document = document
    return deadline


def _state_report_page(request, document, report, download_url, available, *, summary, key):
    return render(request, "observations/reports/state_report.html", {
        "document": document, "report": report, "count": summary.count, "download_url": download_url,
        "available": available, "language": report.language, "language_dir": text_dir(report.language),
        "report_key": key,
    })


@login_required
def follow_up_report(request, slug, deadline):
    document = _prepare(request, slug)
    deadline = _follow_up_deadline(document, deadline)
    language, available = report_language(request, document)
    report = state_report.follow_up_report(deadline, language)
    download_url = reverse("observations:follow_up_report_docx", args=[document.slug, deadline.pk])
    return _state_report_page(request, document, report, download_url, available,
                              summary=state_report.follow_up_summary(deadline, language),
                              key=state_report.follow_up_key(deadline, language))


@login_required
def follow_up_report_docx(request, slug, deadline):
    document = _prepare(request, slug)
    deadline = _follow_up_deadline(document, deadline)
    language, _available = report_language(request, document)
    content, name = state_report.follow_up_docx(deadline, language)
    return download(content, name, DOCX_CONTENT_TYPE)


@login_required
def periodic_report(request, slug):
    document = _prepare(request, slug)
    language, available = report_language(request, document)
    report = state_report.periodic_report(document, language)
    download_url = reverse("observations:periodic_report_docx", args=[document.slug])
    return _state_report_page(request, document, report, download_url, available,
                              summary=state_report.periodic_summary(document, language),
                              key=state_report.periodic_key(document, language))


@login_required
def periodic_report_docx(request, slug):
    document = _prepare(request, slug)
    language, _available = report_language(request, document)
    content, name = state_report.periodic_docx(document, language)
    return download(content, name, DOCX_CONTENT_TYPE)
