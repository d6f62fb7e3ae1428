"""Views for the document pages: the list of documents, a document in one language or two
side by side, and one paragraph in every language.

Concluding observations are published UN documents: anyone may read them, signed in or
not. Only the importer's findings on each language version are kept for staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..choices import DeadlineKind, HeadingKind, Language, text_dir
from ..filtersets.documents import DocumentFilterForm, DocumentFilterSet
from ..models import (
    Citation,
    Deadline,
    DeadlineItem,
    Document,
    Footnote,
    Heading,
    LanguageVersion,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
)
from ..permissions import (
    can_read_state_tracking,
    can_see_import_findings,
    can_see_official_status,
    opens_public_face,
    recommendations_visible_to,
)
from ..selectors.deadlines import with_next_deadline
from ..tables.documents import DocumentTable
from ..templatetags.document_tags import number_label
from .base import ObjectListView

# The six UN languages in the UN's own order (Arabic, Chinese, English, French, Russian, Spanish).
UN_LANGUAGE_ORDER = list(Language.values)


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

    def get_queryset(self, request):
        return (
            documents_with_next_deadline()
            .select_related("committee")
            .prefetch_related(
                Prefetch("versions", queryset=LanguageVersion.objects.only("id", "document_id", "language")),
                "deadlines",
            )
        )


# --- Language choice ---------------------------------------------------------------------


def document_languages(document: Document, paragraphs=()) -> list[str]:
    """The languages the document is available in, in UN order. From its imported
    versions; for a document built without files, from the languages of its text."""
    codes = {v.language for v in document.versions.all()}
    if not codes:
        for paragraph in paragraphs:
            codes.update(code for code, text in paragraph.text.items() if text)
    return sorted(codes, key=lambda c: UN_LANGUAGE_ORDER.index(c) if c in UN_LANGUAGE_ORDER else len(UN_LANGUAGE_ORDER))


def choose_language(requested: str | None, available: list[str]) -> str:
    """The reader's choice if available; else the interface language, English, the first."""
    if requested in available:
        return requested
    interface = (translation.get_language() or "").split("-")[0]
    for code in (interface, "en"):
        if code in available:
            return code
    return available[0] if available else "en"


@dataclass
class Text:
    """Text in one language; ``lang``/``dir`` say which, when a fallback was used."""

    text: str
    lang: str
    fallback: bool = False

    @property
    def dir(self) -> str:
        return text_dir(self.lang)


def localized(texts: dict, language: str) -> Text:
    if texts and texts.get(language):
        return Text(texts[language], language)
    for code in ("en", *UN_LANGUAGE_ORDER):
        if texts and texts.get(code):
            return Text(texts[code], code, fallback=True)
    return Text("", language)


# --- The document page -------------------------------------------------------------------


@dataclass
class Cell:
    """One language column of a row (a heading, a paragraph, a sub-paragraph, a footnote)."""

    lang: str
    dir: str
    text: Text
    label: str = ""
    primary: bool = False  # the reader's language: carries the ids and the extras


@dataclass
class Row:
    kind: str  # "heading" | "paragraph" | "subparagraph"
    anchor: str
    cells: list[Cell]
    obj: object = None
    follow_up: bool = False
    footnotes: list = field(default_factory=list)
    citations: list = field(default_factory=list)
    references: list = field(default_factory=list)
    recommendation: Recommendation | None = None  # the tracked unit, when the reader may see it
    tracking_link: bool = False  # whether the reader may open its tracking page


def subparagraph_label(sub: SubParagraph, language: str) -> str:
    return f"({sub.label_in(language)})"


def _heading_path(heading: Heading | None, headings: dict[int, Heading]) -> list[Heading]:
    path = []
    while heading is not None:
        path.append(heading)
        heading = headings.get(heading.parent_id)
    return list(reversed(path))


def _heading_cell(heading: Heading, language: str, primary: bool) -> Cell:
    label = heading.label_in(language) if heading.kind != HeadingKind.TOPIC else ""
    return Cell(language, text_dir(language), localized(heading.titles, language), label=label, primary=primary)


def build_rows(document: Document, paragraphs: list[Paragraph], headings: list[Heading],
               footnotes: list[Footnote], follow_up: set, languages: list[str],
               tracking: dict | None = None) -> list[Row]:
    """The document as rows in reading order: headings, paragraphs, sub-paragraphs, each
    with one cell per shown language (one, or two side by side). ``tracking`` maps
    (paragraph id, sub-paragraph id) to (recommendation, whether its page may be opened)."""
    tracking = tracking or {}
    by_id = {h.pk: h for h in headings}
    notes_by_place: dict[tuple, list[Footnote]] = {}
    for note in footnotes:
        notes_by_place.setdefault((note.paragraph_id, note.subparagraph_id), []).append(note)

    rows: list[Row] = []
    emitted: set[int] = set()
    pending = sorted(headings, key=lambda h: h.position)

    def emit(heading: Heading):
        # Headings that carry no paragraph of their own still appear, in their place.
        for earlier in pending:
            if earlier.position >= heading.position:
                break
            if earlier.pk not in emitted:
                emit_one(earlier)
        emit_one(heading)

    def emit_one(heading: Heading):
        emitted.add(heading.pk)
        rows.append(Row("heading", heading.anchor, [
            _heading_cell(heading, lang, i == 0) for i, lang in enumerate(languages)
        ], obj=heading))

    for paragraph in paragraphs:
        for heading in _heading_path(by_id.get(paragraph.heading_id), by_id):
            if heading.pk not in emitted:
                emit(heading)
        citations = list(paragraph.citations.all())
        rows.append(Row(
            "paragraph", paragraph.anchor,
            [Cell(lang, text_dir(lang), localized(paragraph.text, lang), number_label(paragraph.number, lang),
                  primary=i == 0) for i, lang in enumerate(languages)],
            obj=paragraph,
            follow_up=(paragraph.pk, None) in follow_up,
            footnotes=notes_by_place.get((paragraph.pk, None), []),
            citations=[c for c in citations if c.subparagraph_id is None],
            references=[r for r in paragraph.references.all() if r.subparagraph_id is None],
            **_tracking_fields(tracking.get((paragraph.pk, None))),
        ))
        for sub in paragraph.subparagraphs.all():
            rows.append(Row(
                "subparagraph", f"{paragraph.anchor}{sub.letter}",
                [Cell(lang, text_dir(lang), localized(sub.text, lang), subparagraph_label(sub, lang),
                      primary=i == 0) for i, lang in enumerate(languages)],
                obj=sub,
                follow_up=(paragraph.pk, sub.pk) in follow_up,
                footnotes=notes_by_place.get((paragraph.pk, sub.pk), []),
                citations=[c for c in citations if c.subparagraph_id == sub.pk],
                references=[r for r in paragraph.references.all() if r.subparagraph_id == sub.pk],
                **_tracking_fields(tracking.get((paragraph.pk, sub.pk))),
            ))
    for heading in pending:
        if heading.pk not in emitted:
            emit_one(heading)
    return rows


def _tracking_fields(entry) -> dict:
    if entry is None:
        return {}
    recommendation, linked = entry
    return {"recommendation": recommendation, "tracking_link": linked}


def tracking_for(user, document: Document) -> dict:
    """The recommendations of ``document`` the reader may see the status of, keyed by
    (paragraph id, sub-paragraph id), each with whether its tracking page is open to them."""
    if not user.is_authenticated:
        return {}
    show_status = can_see_official_status(user, document)
    full = set(recommendations_visible_to(user, document.recommendations.all()).values_list("pk", flat=True))
    if not show_status and not full:
        return {}
    public_face = opens_public_face(user, document)
    return {
        (r.paragraph_id, r.subparagraph_id): (r, public_face or r.pk in full)
        for r in document.recommendations.only("pk", "paragraph_id", "subparagraph_id", "status")
        if show_status or r.pk in full
    }


def related_symbols(document: Document) -> list[dict]:
    """The document's related symbols, each linked when that document is in the tracker."""
    named = [
        (_("State party's report"), document.state_report_symbol),
        (_("List of issues prior to reporting"), document.list_of_issues_symbol),
        (_("Previous concluding observations"), document.previous_observations_symbol),
    ]
    named = [(label, symbol) for label, symbol in named if symbol]
    found = {}
    if named:
        found = {
            d.symbol: d for d in Document.objects.filter(symbol__in=[s for _l, s in named]).only("id", "symbol", "slug")
        }
    return [
        {"label": label, "symbol": symbol, "url": found[symbol].get_absolute_url() if symbol in found else None}
        for label, symbol in named
    ]


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
    path = _heading_path(headings.get(paragraph.heading_id), headings)
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
