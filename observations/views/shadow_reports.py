"""Views of the NGO shadow report: the draft (its NGO's members read it, its drafters edit it;
for everyone else, superusers included, it does not exist: 404) and what the NGO published
(the snapshot taken at publication, readable by any signed-in user). Permissions through
``observations.permissions`` only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import permissions as perms
from ..choices import ImplementationStatus, NgoAssessment, ParagraphKind, text_dir
from ..exports import shadow_report as shadow_export
from ..exports.common import committee_text, heading_paths, new_headings, reference
from ..exports.docx import DOCX_CONTENT_TYPE
from ..exports.wordcount import WordCount
from ..forms.reports import ShadowEntryForm, ShadowReportForm, StartShadowReportForm
from ..models import (
    Paragraph,
    Recommendation,
    ShadowEntry,
    ShadowReport,
    ShadowReportPublication,
    SubParagraph,
)
from ..selectors.documents import document_languages
from ..services import reports as shadow_services
from .reports import document_or_404, download, report_language

# Paragraph kinds an NGO comments on in its shadow report (others can still be reached
# by their address, and are listed once they have an entry).
SHADOW_KINDS = (ParagraphKind.CONCERN, ParagraphKind.RECOMMENDATION)




def _member_report(request, pk) -> ShadowReport:
    """The draft, for the members of its NGO; for anyone else it does not exist."""
    return get_object_or_404(
        perms.shadow_reports_readable_by(request.user).select_related("organization", "document__committee"), pk=pk,
    )


def _drafter_report(request, pk) -> ShadowReport:
    report = _member_report(request, pk)
    if not perms.can_edit_shadow_report(request.user, report):
        raise PermissionDenied(_("Only the NGO's drafters edit its shadow report."))
    return report


@login_required
@require_POST
def shadow_report_start(request, slug):
    document = document_or_404(slug)
    organizations = perms.drafting_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied(_("Only NGO drafters write shadow reports."))
    form = StartShadowReportForm(request.POST, organizations=organizations)
    if not form.is_valid():
        messages.error(request, _("Choose one of your organizations."))
        return redirect("observations:document_reports", slug=document.slug)
    language, _available = report_language(request, document)
    report, created = shadow_services.start_report(
        organization=form.cleaned_data["organization"], document=document, user=request.user, language=language,
    )
    if created:
        messages.success(request, _("Shadow report started. Only members of %(org)s can see it until you publish it.")
                         % {"org": report.organization})
    return redirect(report)


def _shadow_rows(report, entries):
    """The document's paragraphs an NGO may write on, in order, with the entries written."""
    document = report.document
    language = report.language
    by_target = {(e.paragraph_id, e.subparagraph_id): e for e in entries}
    with_entries = {e.paragraph_id for e in entries}
    paragraphs = (
        Paragraph.objects.filter(document=document)
        .prefetch_related(Prefetch("subparagraphs", queryset=SubParagraph.objects.order_by("position")))
        .order_by("number")
    )
    paths = heading_paths(document, language)
    rows, shown = [], []
    for paragraph in paragraphs:
        if paragraph.kind not in SHADOW_KINDS and paragraph.pk not in with_entries:
            continue
        headings = paths.get(paragraph.heading_id, [])
        rows.append({
            "headings": [title for _level, title in new_headings(shown, headings)],
            "paragraph": paragraph,
            "text": paragraph.text_in(language),
            "kind": paragraph.get_kind_display(),
            "entry": by_target.get((paragraph.pk, None)),
            "subparagraphs": [
                {"sub": sub, "label": sub.label_in(language), "text": sub.text_in(language),
                 "entry": by_target.get((paragraph.pk, sub.pk))}
                for sub in paragraph.subparagraphs.all()
            ],
        })
        shown = list(headings)
    return rows


UNDO_SECONDS = 15 * 60  # how long after a deletion its Undo is offered


def _undo_key(report) -> str:
    return f"shadow-undo:{report.pk}"


def _pending_undo(request, report) -> dict | None:
    """The entry this person deleted from ``report`` in the last minutes, if any."""
    undo = request.session.get(_undo_key(report))
    if undo and timezone.now().timestamp() - undo.get("at", 0) <= UNDO_SECONDS:
        return undo
    return None


@login_required
@require_POST
def shadow_entry_undo(request, pk):
    """Undo the last deletion of an entry: write the deleted entry back."""
    report = _drafter_report(request, pk)
    undo = _pending_undo(request, report)
    if undo is None:
        messages.error(request, _("There is no deleted entry to restore: Undo is offered for %(minutes)d minutes "
                                  "after a deletion, on the computer where it was made.")
                       % {"minutes": UNDO_SECONDS // 60})
        return redirect(report)
    try:
        shadow_services.restore_entry(report=report, deleted=undo, user=request.user)
    except shadow_services.EditConflict:
        messages.error(request, _("Not restored: someone wrote a new entry on %(ref)s since. Nothing was changed.")
                       % {"ref": undo["ref"]})
        return redirect(report)
    except ObjectDoesNotExist:  # the paragraph went with a corrected version of the document
        messages.error(request, _("Not restored: %(ref)s is no longer in the document.") % {"ref": undo["ref"]})
    else:
        messages.success(request, _("Entry on %(ref)s restored.") % {"ref": undo["ref"]})
    del request.session[_undo_key(report)]
    return redirect(report)


def shadow_report(request, pk):
    report = _member_report(request, pk)
    content = shadow_export.build_content(report)
    entries = list(ShadowEntry.objects.filter(report=report).select_related("updated_by"))
    latest = report.publications.first()
    return render(request, "observations/reports/shadow_report.html", {
        "report": report,
        "document": report.document,
        "rows": _shadow_rows(report, entries),
        "count": content.count(),
        "own_words": content.own_word_count,
        "entry_count": len(entries),
        "may_draft": perms.can_edit_shadow_report(request.user, report),
        "language_dir": text_dir(report.language),
        "latest_publication": latest,
        "colours": NgoAssessment.colours(),
        "undo": _pending_undo(request, report) if perms.can_edit_shadow_report(request.user, report) else None,
    })


def _entry_target(report, number, letter):
    paragraph = get_object_or_404(
        Paragraph.objects.filter(document=report.document).prefetch_related("subparagraphs"), number=number,
    )
    subparagraph = get_object_or_404(SubParagraph, paragraph=paragraph, letter=letter) if letter else None
    return paragraph, subparagraph


@require_http_methods(["GET", "POST"])
def shadow_entry(request, pk, number, letter=None):
    """Write or edit the NGO's entry on one paragraph or sub-paragraph."""
    report = _drafter_report(request, pk)
    paragraph, subparagraph = _entry_target(report, number, letter)
    entry = ShadowEntry.objects.filter(report=report, paragraph=paragraph, subparagraph=subparagraph).select_related(
        "updated_by").first()
    conflict = None
    if request.method == "POST" and request.POST.get("action") == "delete":
        if entry is None:
            return redirect(report)
        if request.POST.get("confirm") != "yes":
            # Deleting cannot be undone: first say what goes, and ask once more.
            return render(request, "observations/reports/shadow_entry_delete.html", {
                "report": report, "document": report.document, "entry": entry,
                "reference": reference(report.document.symbol, paragraph.number,
                                       subparagraph.letter if subparagraph else ""),
            })
        try:
            deleted = shadow_services.delete_entry(entry=entry, version=int(request.POST.get("version") or 0),
                                                   user=request.user)
        except (ValueError, shadow_services.EditConflict):
            messages.error(request, _("Not deleted: someone else changed this entry since you opened it. "
                                      "Here is the text saved now."))
            return redirect(request.path)
        ref = reference(report.document.symbol, paragraph.number, subparagraph.letter if subparagraph else "")
        # The deleted text waits in this person's session a few minutes, for Undo on the report page.
        request.session[_undo_key(report)] = {**deleted, "ref": ref, "at": timezone.now().timestamp()}
        messages.success(request, _("Entry on %(ref)s deleted.") % {"ref": ref})
        return redirect(report)
    if request.method == "POST":
        form = ShadowEntryForm(request.POST)
        if form.is_valid():
            try:
                shadow_services.save_entry(
                    report=report, paragraph=paragraph, subparagraph=subparagraph, data=form.cleaned_data,
                    version=form.cleaned_data["version"], user=request.user,
                )
            except shadow_services.EditConflict as exc:
                conflict = exc.current
                # Keep what this person wrote; the next save knowingly replaces the version shown.
                data = request.POST.copy()
                data["version"] = conflict.version if conflict else 0
                form = ShadowEntryForm(data)
                form.is_valid()
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved your entry on %(ref)s.") % {
                    "ref": reference(report.document.symbol, paragraph.number, subparagraph.letter if subparagraph else "")})
                return redirect(f"{report.get_absolute_url()}#p{paragraph.number}{subparagraph.letter if subparagraph else ''}")
    else:
        form = ShadowEntryForm(initial=ShadowEntryForm.initial_for(entry))
    language = report.language
    official = []
    if perms.can_see_official_status(request.user, report.document):
        recommendations = Recommendation.objects.filter(paragraph=paragraph).select_related("paragraph", "subparagraph")
        if subparagraph is not None:
            recommendations = recommendations.filter(subparagraph=subparagraph)
        official = [(r.code, r.get_status_display(), ImplementationStatus.colour_of(r.status))
                    for r in recommendations.order_by("position")]
    return render(request, "observations/reports/shadow_entry.html", {
        "official": official,
        "report": report,
        "document": report.document,
        "paragraph": paragraph,
        "subparagraph": subparagraph,
        "reference": reference(report.document.symbol, paragraph.number, subparagraph.letter if subparagraph else ""),
        "committee_lines": committee_text(paragraph, subparagraph, language).split("\n"),
        "language": language,
        "language_dir": text_dir(language),
        "entry": entry,
        "form": form,
        "conflict": conflict,
        "conflict_evidence": "\n".join(
            f"{link['url']} {link.get('title', '')}".strip() for link in (conflict.evidence if conflict else [])
        ),
    }, status=409 if conflict is not None else 200)


@require_http_methods(["GET", "POST"])
def shadow_report_edit(request, pk):
    """The report's title, introduction and language."""
    report = _drafter_report(request, pk)
    languages = document_languages(report.document, report.document.paragraphs.only("id", "document_id", "text")[:1])
    conflict = None
    if request.method == "POST":
        form = ShadowReportForm(request.POST, languages=languages)
        if form.is_valid():
            try:
                report = shadow_services.save_report_details(
                    report=report, data=form.cleaned_data, version=form.cleaned_data["version"], user=request.user,
                )
            except shadow_services.EditConflict as exc:
                conflict = exc.current
                data = request.POST.copy()
                data["version"] = conflict.version
                form = ShadowReportForm(data, languages=languages)
                form.is_valid()
            else:
                messages.success(request, _("Report details saved."))
                return redirect(report)
    else:
        form = ShadowReportForm(initial={
            "title": report.title, "introduction": report.introduction, "language": report.language,
            "version": report.version,
        }, languages=languages)
    return render(request, "observations/reports/shadow_report_edit.html", {
        "report": report, "document": report.document, "form": form, "conflict": conflict,
    }, status=409 if conflict is not None else 200)


def _export(content, fmt: str) -> HttpResponse:
    if fmt == "md":
        return download(shadow_export.to_markdown(content), shadow_export.file_name(content, "md"),
                         "text/markdown; charset=utf-8")
    if fmt == "docx":
        return download(shadow_export.to_docx(content), shadow_export.file_name(content, "docx"), DOCX_CONTENT_TYPE)
    raise Http404


def shadow_report_export(request, pk, fmt):
    """The current draft as Markdown or .docx, for the NGO's members."""
    report = _member_report(request, pk)
    return _export(shadow_export.build_content(report), fmt)


@require_POST
def shadow_report_publish(request, pk):
    report = _drafter_report(request, pk)
    publication = shadow_services.publish(report=report, user=request.user)
    messages.success(request, _("Published: signed-in users of the tracker can now read this version "
                                "(%(words)s words). Later edits stay private until you publish again.")
                     % {"words": WordCount(publication.word_count, 0).words_display})
    return redirect(report)


def _publication(pk) -> ShadowReportPublication:
    report = get_object_or_404(ShadowReport.objects.published().select_related("organization", "document"), pk=pk)
    publication = report.publications.first()
    if publication is None:
        raise Http404
    return publication


@login_required
def shadow_publication(request, pk):
    """The published version of a shadow report (never the draft)."""
    publication = _publication(pk)
    content = shadow_export.ShadowContent.from_json(publication.content)
    return render(request, "observations/reports/shadow_publication.html", {
        "report": publication.report,
        "document": publication.report.document,
        "publication": publication,
        "content": content,
        "count": WordCount(publication.word_count, shadow_export.word_limit()),
        "language_dir": text_dir(content.language),
        "colours": NgoAssessment.colours(),
    })


@login_required
def shadow_publication_export(request, pk, fmt):
    publication = _publication(pk)
    return _export(shadow_export.ShadowContent.from_json(publication.content), fmt)
