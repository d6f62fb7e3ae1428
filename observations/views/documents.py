"""Views for the document pages: the list of documents, a document in one language or two
side by side, and one paragraph in every language.

Concluding observations are published UN documents: anyone may read them, signed in or
not. Only the importer's findings on each language version are kept for staff.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from ..choices import DeadlineKind, text_dir
from ..filtersets.documents import DocumentFilterForm, DocumentFilterSet
from ..models import (
    Citation,
    Deadline,
    DeadlineItem,
    Document,
    Footnote,
    LanguageVersion,
    Reference,
    SubParagraph,
)
from ..permissions import (
    can_read_state_tracking,
    can_see_import_findings,
)
from ..selectors.deadlines import with_next_deadline
from ..selectors.documents import (
    Cell,
    Row,
    Text,
    build_rows,
    choose_language,
    document_languages,
    heading_path,
    localized,
    related_symbols,
    subparagraph_label,
    tracking_for,
)
from ..tables.documents import DocumentTable
from ..templatetags.document_tags import number_label
from .base import ObjectListView

# --- The list ----------------------------------------------------------------------------


def documents_with_next_deadline(today=None):
    """Documents annotated with ``next_due``: the effective date of their earliest deadline
    not yet met, an overdue one included (``selectors.deadlines.with_next_deadline``)."""
    return with_next_deadline(Document.objects.all())


class DocumentListView(ObjectListView):
    filterset = DocumentFilterSet
    filterset_form = DocumentFilterForm
    table = DocumentTable
    template_name = "observations/documents/document_list.html"
    export_label = "documents"

    def get_queryset(self, request):
        return (
            documents_with_next_deadline()
            .select_related("committee")
            .prefetch_related(
                Prefetch("versions", queryset=LanguageVersion.objects.only("id", "document_id", "language")),
                "deadlines",
            )
        )


def _deadlines_with_items():
    return Deadline.objects.select_related("stated_in").prefetch_related(
        Prefetch("items", queryset=DeadlineItem.objects.select_related("paragraph", "subparagraph"))
    )


def _versions():
    # Never load the original files here: only their description.
    return LanguageVersion.objects.defer("original").select_related("imported_by")


def _language_links(request, languages, language, compare):
    """Query strings for the language switcher, keeping the other choice."""
    links = []
    for code in languages:
        query = f"?lang={code}" + (f"&compare={compare}" if compare and compare != code else "")
        links.append({"code": code, "query": query, "active": code == language})
    compare_links = [
        {"code": code, "query": f"?lang={language}&compare={code}", "active": code == compare}
        for code in languages if code != language
    ]
    return links, compare_links


def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.select_related("committee").prefetch_related(
            Prefetch("versions", queryset=_versions()),
            Prefetch("deadlines", queryset=_deadlines_with_items()),
        ),
        slug=slug,
    )
    paragraphs = list(
        document.paragraphs.prefetch_related(
            Prefetch("subparagraphs", queryset=SubParagraph.objects.order_by("position")),
            Prefetch("citations", queryset=Citation.objects.order_by("kind", "id")),
            Prefetch("references", queryset=Reference.objects.select_related("target__document")),
        )
    )
    headings = list(document.headings.all())
    footnotes = list(document.footnotes.all())

    available = document_languages(document, paragraphs)
    language = choose_language(request.GET.get("lang"), available)
    compare = request.GET.get("compare")
    if compare not in available or compare == language:
        compare = None
    shown = [language] + ([compare] if compare else [])

    deadlines = list(document.deadlines.all())
    follow_up = set()
    for deadline in deadlines:
        if deadline.kind == DeadlineKind.FOLLOW_UP:
            for item in deadline.items.all():
                follow_up.add((item.paragraph_id, None))
                if item.subparagraph_id:
                    follow_up.add((item.paragraph_id, item.subparagraph_id))

    rows = build_rows(document, paragraphs, headings, footnotes, follow_up, shown,
                      tracking=tracking_for(request.user, document))
    note_rows = [
        Row("footnote", note.anchor,
            [Cell(lang, text_dir(lang), localized(note.text, lang), str(note.number), primary=i == 0)
             for i, lang in enumerate(shown)], obj=note)
        for note in footnotes
    ]
    language_links, compare_links = _language_links(request, available, language, compare)
    versions = {v.language: v for v in document.versions.all()}
    title = versions[language].title if language in versions else ""
    context = {
        "document": document,
        "language": language,
        "language_dir": text_dir(language),
        "compare": compare,
        "shown": shown,
        "available": available,
        "language_links": language_links,
        "compare_links": compare_links,
        "title": Text(title, language) if title else None,
        "title_footnotes": [n for n in footnotes if n.paragraph_id is None],
        "versions": list(document.versions.all()),
        "related": related_symbols(document),
        "deadlines": deadlines,
        "rows": rows,
        "note_rows": note_rows,
        "show_findings": can_see_import_findings(request.user),
        "may_track": can_read_state_tracking(request.user, document.state),
    }
    return render(request, "observations/documents/document_detail.html", context)


# --- The paragraph page ------------------------------------------------------------------


def paragraph_detail(request, slug, number):
    document = get_object_or_404(
        Document.objects.select_related("committee").prefetch_related(Prefetch("versions", queryset=_versions())),
        slug=slug,
    )
    paragraph = get_object_or_404(
        document.paragraphs.prefetch_related(
            Prefetch("subparagraphs", queryset=SubParagraph.objects.order_by("position")),
            Prefetch("citations", queryset=Citation.objects.select_related("subparagraph").order_by("kind", "id")),
            Prefetch("references", queryset=Reference.objects.select_related("target__document", "subparagraph")),
            Prefetch("footnotes", queryset=Footnote.objects.select_related("subparagraph").order_by("number")),
        ),
        number=number,
    )
    available = document_languages(document, [paragraph])
    language = choose_language(request.GET.get("lang"), available)
    ordered = [language] + [code for code in available if code != language]

    headings = {h.pk: h for h in document.headings.all()}
    path = heading_path(headings.get(paragraph.heading_id), headings)
    subparagraphs = list(paragraph.subparagraphs.all())
    notes = list(paragraph.footnotes.all())
    blocks = [
        {
            "lang": lang,
            "dir": text_dir(lang),
            "label": number_label(paragraph.number, lang),
            "text": localized(paragraph.text, lang),
            "path": [localized(h.titles, lang) for h in path],
            "subparagraphs": [
                {"anchor": f"{paragraph.anchor}{s.letter}", "label": subparagraph_label(s, lang),
                 "text": localized(s.text, lang), "positions": s.footnote_positions,
                 "notes": [n for n in notes if n.subparagraph_id == s.pk]}
                for s in subparagraphs
            ],
        }
        for lang in ordered
    ]
    items = list(
        DeadlineItem.objects.filter(paragraph=paragraph).select_related("deadline", "subparagraph")
        .order_by("deadline__due_date", "subparagraph__position")
    )
    deadlines = {}
    for item in items:
        deadlines.setdefault(item.deadline.pk, {"deadline": item.deadline, "subparagraphs": []})
        if item.subparagraph_id:
            deadlines[item.deadline.pk]["subparagraphs"].append(item.subparagraph)
    neighbours = set(document.paragraphs.filter(number__in=[number - 1, number + 1]).values_list("number", flat=True))
    context = {
        "document": document,
        "paragraph": paragraph,
        "language": language,
        "blocks": blocks,
        "path": path,
        "chapeau_notes": [n for n in notes if n.subparagraph_id is None],
        "footnotes": [{"note": n, "texts": [localized(n.text, lang) for lang in ordered]} for n in notes],
        "references_out": list(paragraph.references.all()),
        "references_in": list(
            Reference.objects.filter(target=paragraph).select_related("paragraph__document", "subparagraph")
            .order_by("paragraph__document__adoption_date", "paragraph__number")
        ),
        "citations": list(paragraph.citations.all()),
        "deadlines": list(deadlines.values()),
        "follow_up": any(d["deadline"].kind == DeadlineKind.FOLLOW_UP for d in deadlines.values()),
        "permalink": request.build_absolute_uri(paragraph.get_absolute_url()),
        "previous_number": number - 1 if number - 1 in neighbours else None,
        "next_number": number + 1 if number + 1 in neighbours else None,
    }
    return render(request, "observations/documents/paragraph_detail.html", context)
