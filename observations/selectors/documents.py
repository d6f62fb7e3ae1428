"""What the document pages show: the reader's language, and the document as rows in reading
order (headings, paragraphs, sub-paragraphs) with one cell per language shown, the
recommendations' status where the reader may see it, and the related symbols."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..choices import HeadingKind, Language, text_dir
from ..models import Document, Footnote, Heading, Paragraph, Recommendation, SubParagraph
from ..permissions import can_see_official_status, opens_public_face, recommendations_visible_to
from ..templatetags.document_tags import number_label

# The six UN languages in the UN's own order (Arabic, Chinese, English, French, Russian, Spanish).
UN_LANGUAGE_ORDER = list(Language.values)


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


def heading_path(heading: Heading | None, headings: dict[int, Heading]) -> list[Heading]:
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
        for heading in heading_path(by_id.get(paragraph.heading_id), by_id):
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
        for r in document.recommendations.only("pk", "document_id", "paragraph_id", "subparagraph_id", "status")
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
