"""Write the structure of parsed language versions into one document, table by table in bulk.

``StoredStructure`` reads what a document already holds, one query per table;
``StructureWriter`` brings headings, paragraphs, sub-paragraphs, footnotes, recommendations,
deadlines, references and citations in line with the parsed versions. Rows are matched by
their number (letter, position, kind) and updated in place, so that whatever is attached to
an unchanged paragraph stays attached; a row that people's work points at is never deleted.
The number of queries does not depend on the size of the document.
"""

from __future__ import annotations

from ..choices import ParagraphKind
from ..importer.model import ParsedDocument
from ..models import (
    Citation,
    Deadline,
    DeadlineItem,
    Document,
    Footnote,
    Heading,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
)
from .attached_work import refuse_if_worked_on

# The fields the importer sets on a deadline; what happens to it afterwards (met, extended)
# belongs to the coordinators and survives a corrected import.
DEADLINE_IMPORT_FIELDS = ["due_date", "computed", "period_months", "stated_in", "report_number",
                          "report_number_last", "precision", "description"]
# What the importer sets on the rows it updates in place.
WRITTEN_FIELDS = {
    Heading: ["kind", "key", "articles", "first_paragraph", "last_paragraph", "parent", "titles", "labels"],
    Paragraph: ["kind", "heading", "text", "footnote_positions"],
    SubParagraph: ["position", "text", "labels", "footnote_positions"],
    Footnote: ["text", "paragraph", "subparagraph"],
    Deadline: DEADLINE_IMPORT_FIELDS,
}


def _state(obj, fields) -> tuple:
    """The values of ``fields`` on ``obj`` (a related row by its primary key)."""
    values = []
    for name in fields:
        field = obj._meta.get_field(name)
        if field.is_relation and field.is_cached(obj):
            related = field.get_cached_value(obj)
            values.append(related.pk if related is not None else None)
        else:
            values.append(getattr(obj, field.attname))
    return tuple(values)


def _remember(rows):
    """Note what each stored row holds, so that only rows the import changes are written."""
    for row in rows:
        row._stored_state = _state(row, WRITTEN_FIELDS[type(row)])
    return rows


def bulk_update_changed(model, rows) -> None:
    """One UPDATE of the stored ``rows`` whose written fields the import changed."""
    fields = WRITTEN_FIELDS[model]
    model.objects.bulk_update([r for r in rows if _state(r, fields) != r._stored_state], fields)


class StoredStructure:
    """What a document holds before the import, each table read once."""

    def __init__(self, document: Document | None):
        self.headings: dict[int, Heading] = {}
        self.paragraphs: dict[int, Paragraph] = {}
        self.subparagraphs: dict[int, dict[str, SubParagraph]] = {}  # paragraph number -> letter -> row
        self.footnotes: dict[int, Footnote] = {}
        self.recommendations: list[Recommendation] = []
        self.deadlines: list[Deadline] = []
        if document is None or document.pk is None:
            return
        self.headings = {h.position: h for h in _remember(document.headings.all())}
        self.paragraphs = {p.number: p for p in _remember(document.paragraphs.all())}
        numbers = {p.pk: p.number for p in self.paragraphs.values()}
        subs = SubParagraph.objects.filter(paragraph__document=document).order_by("paragraph_id", "position")
        for sub in _remember(subs):
            self.subparagraphs.setdefault(numbers[sub.paragraph_id], {})[sub.letter] = sub
        self.footnotes = {f.number: f for f in _remember(document.footnotes.all())}
        self.recommendations = list(document.recommendations.order_by("position"))
        self.deadlines = _remember(list(document.deadlines.all()))

    def skeleton(self) -> dict[int, list[str]]:
        """{paragraph number: sub-paragraph letters in order}, as the importer's checks compare it."""
        return {number: list(self.subparagraphs.get(number, {})) for number in sorted(self.paragraphs)}


def _positions(parsed) -> list[list[int]]:
    """Where the footnote markers of a parsed paragraph or sub-paragraph stand: [[number, offset], ...]."""
    return [[number, offset] for number, offset in parsed.footnote_positions]


class StructureWriter:
    """Brings one document's imported rows in line with the parsed versions (the lead one
    gives the structure; every version gives its texts)."""

    def __init__(self, document: Document, docs: list[ParsedDocument], lead: ParsedDocument,
                 stored: StoredStructure):
        self.document = document
        self.docs = docs
        self.lead = lead
        self.stored = stored
        self.changes: dict[str, list[str]] = {}
        self.paragraphs: dict[int, Paragraph] = {}
        self.subparagraphs: dict[tuple[int, str], SubParagraph] = {}

    def note(self, language: str, message: str):
        self.changes.setdefault(language, []).append(message)

    def sync(self) -> dict[str, list[str]]:
        headings = self._sync_headings()
        self._sync_paragraphs(headings)
        footnotes = self._sync_footnotes()
        self._sync_recommendations()
        self._sync_deadlines()
        self._write_references_and_citations(footnotes)
        return self.changes

    def _sub(self, number: int, letter: str | None) -> SubParagraph | None:
        return self.subparagraphs.get((number, letter)) if letter else None

    # --- headings ---------------------------------------------------------------------------

    def _sync_headings(self) -> list[Heading]:
        stored = dict(self.stored.headings)
        result: list[Heading] = []
        for position, parsed in enumerate(self.lead.headings):
            heading = stored.pop(position, None) or Heading(document=self.document, position=position)
            heading.kind = parsed.kind
            heading.key = parsed.key
            heading.articles = parsed.articles
            heading.first_paragraph = parsed.first_paragraph
            heading.last_paragraph = parsed.last_paragraph
            heading.parent = result[parsed.parent] if parsed.parent is not None else None
            titles, labels = dict(heading.titles or {}), dict(heading.labels or {})
            for doc in self.docs:
                h = doc.headings[position]
                if titles.get(doc.language) not in (None, h.title):
                    self.note(doc.language, f"heading “{h.title}” changed")
                titles[doc.language] = h.title
                labels[doc.language] = h.label
            heading.titles, heading.labels = titles, labels
            result.append(heading)
        if stored:
            Heading.objects.filter(pk__in=[h.pk for h in stored.values()]).delete()
        new = [h for h in result if h.pk is None]
        parents = {id(h): h.parent for h in new}
        deferred = [h for h in new if h.parent is not None and h.parent.pk is None]
        for heading in deferred:  # a new heading under a new heading gets its parent once both exist
            heading.parent = None
        Heading.objects.bulk_create(new)
        for heading in deferred:
            heading.parent = parents[id(heading)]
        Heading.objects.bulk_update(deferred, ["parent"])
        bulk_update_changed(Heading, [h for h in result if id(h) not in parents])
        return result

    # --- paragraphs and sub-paragraphs ------------------------------------------------------

    def _sync_paragraphs(self, headings: list[Heading]) -> None:
        stored, stored_subs = dict(self.stored.paragraphs), self.stored.subparagraphs
        by_language = {doc.language: {p.number: p for p in doc.paragraphs} for doc in self.docs}
        had_paragraphs = bool(stored)
        removed_subs: list[tuple[str, SubParagraph]] = []
        new_subs: list[SubParagraph] = []
        for parsed in self.lead.paragraphs:
            number = parsed.number
            paragraph = stored.pop(number, None)
            is_new = paragraph is None
            if is_new:
                paragraph = Paragraph(document=self.document, number=number)
                if had_paragraphs:
                    self.note("*", f"paragraph {number} added")
            elif paragraph.kind != parsed.kind:
                self.note("*", f"paragraph {number}: kind {paragraph.kind} → {parsed.kind}")
            paragraph.kind = parsed.kind
            paragraph.heading = headings[parsed.heading] if parsed.heading is not None else None
            texts, positions = dict(paragraph.text or {}), dict(paragraph.footnote_positions or {})
            for language, paragraphs in by_language.items():
                new_text = paragraphs[number].text
                if not is_new and texts.get(language) not in (None, new_text):
                    self.note(language, f"paragraph {number}: text changed")
                texts[language] = new_text
                positions[language] = _positions(paragraphs[number])
            paragraph.text, paragraph.footnote_positions = texts, positions
            self.paragraphs[number] = paragraph
            subs = dict(stored_subs.get(number, {})) if not is_new else {}
            for position, parsed_sub in enumerate(parsed.subparagraphs):
                sub = subs.pop(parsed_sub.letter, None)
                existed = sub is not None
                if sub is None:
                    sub = SubParagraph(letter=parsed_sub.letter)
                    new_subs.append(sub)
                    if not is_new:
                        self.note("*", f"paragraph {number} ({parsed_sub.letter}) added")
                sub.position = position
                texts, labels = dict(sub.text or {}), dict(sub.labels or {})
                positions = dict(sub.footnote_positions or {})
                for language, paragraphs in by_language.items():
                    other = paragraphs[number].subparagraphs[position]
                    if existed and texts.get(language) not in (None, other.text):
                        self.note(language, f"paragraph {number} ({parsed_sub.letter}): text changed")
                    texts[language] = other.text
                    labels[language] = other.label
                    positions[language] = _positions(other)
                sub.text, sub.labels, sub.footnote_positions = texts, labels, positions
                self.subparagraphs[(number, parsed_sub.letter)] = sub
            for letter, leftover in subs.items():
                removed_subs.append((f"paragraph {number} ({letter})", leftover))
                self.note("*", f"paragraph {number} ({letter}) removed")
        for number in stored:
            self.note("*", f"paragraph {number} removed")

        # Refuse before deleting anything people worked on; then delete, create, update.
        refuse_if_worked_on(SubParagraph, removed_subs)
        refuse_if_worked_on(Paragraph, [(f"paragraph {n}", p) for n, p in stored.items()])
        if removed_subs:
            SubParagraph.objects.filter(pk__in=[s.pk for _, s in removed_subs]).delete()
        if stored:
            Paragraph.objects.filter(pk__in=[p.pk for p in stored.values()]).delete()
        self.removed_subparagraphs = {s.pk for _, s in removed_subs}
        self.removed_paragraphs = {p.pk for p in stored.values()}
        existing = [p for p in self.paragraphs.values() if p.pk is not None]
        Paragraph.objects.bulk_create([p for p in self.paragraphs.values() if p.pk is None])
        bulk_update_changed(Paragraph, existing)
        existing_subs = [s for s in self.subparagraphs.values() if s.pk is not None]
        for (number, _letter), sub in self.subparagraphs.items():
            sub.paragraph = self.paragraphs[number]
        SubParagraph.objects.bulk_create(new_subs)
        bulk_update_changed(SubParagraph, existing_subs)

    # --- footnotes --------------------------------------------------------------------------

    def _sync_footnotes(self) -> dict[int, Footnote]:
        stored = dict(self.stored.footnotes)
        where = {}
        for p in self.lead.paragraphs:
            for n in p.footnotes:
                where[n] = (p.number, None)
            for s in p.subparagraphs:
                for n in s.footnotes:
                    where[n] = (p.number, s.letter)
        by_language = {doc.language: {f.number: f.text for f in doc.footnotes} for doc in self.docs}
        result, new, existing = {}, [], []
        for parsed in self.lead.footnotes:
            footnote = stored.pop(parsed.number, None)
            if footnote:
                existing.append(footnote)
            else:
                footnote = Footnote(document=self.document, number=parsed.number)
                new.append(footnote)
            texts = dict(footnote.text or {})
            for language, notes in by_language.items():
                new_text = notes.get(parsed.number, "")
                if footnote.pk and texts.get(language) not in (None, new_text):
                    self.note(language, f"footnote {parsed.number}: text changed")
                texts[language] = new_text
            footnote.text = texts
            para_number, letter = where.get(parsed.number, (None, None))
            footnote.paragraph = self.paragraphs.get(para_number)
            footnote.subparagraph = self._sub(para_number, letter)
            result[parsed.number] = footnote
        if stored:
            Footnote.objects.filter(pk__in=[f.pk for f in stored.values()]).delete()
        Footnote.objects.bulk_create(new)
        bulk_update_changed(Footnote, existing)
        return result

    # --- recommendations --------------------------------------------------------------------

    def _sync_recommendations(self) -> None:
        wanted = []  # (paragraph, sub-paragraph or None), in the order of the document
        for number in sorted(self.paragraphs):
            paragraph = self.paragraphs[number]
            if paragraph.kind != ParagraphKind.RECOMMENDATION:
                continue
            subs = sorted((s for (n, _), s in self.subparagraphs.items() if n == number), key=lambda s: s.position)
            wanted.extend([(paragraph, s) for s in subs] or [(paragraph, None)])
        stored = {
            (r.paragraph_id, r.subparagraph_id): r
            for r in self.stored.recommendations
            if r.paragraph_id not in self.removed_paragraphs and r.subparagraph_id not in self.removed_subparagraphs
        }
        new, moved = [], []
        for position, (paragraph, sub) in enumerate(wanted):
            rec = stored.pop((paragraph.pk, sub.pk if sub else None), None)
            if rec is None:
                new.append(Recommendation(document=self.document, paragraph=paragraph, subparagraph=sub,
                                          position=position))
            elif rec.position != position:
                rec.position = position
                moved.append(rec)
        if stored:
            numbers = {p.pk: p.number for p in self.paragraphs.values()} | {
                p.pk: p.number for p in self.stored.paragraphs.values()}
            letters = {s.pk: s.letter for s in self.subparagraphs.values()}

            def code(rec):
                number = numbers.get(rec.paragraph_id)
                return f"{number}({letters[rec.subparagraph_id]})" if rec.subparagraph_id else str(number)

            leftovers = sorted(stored.values(), key=lambda r: r.position)
            refuse_if_worked_on(
                Recommendation, [(f"recommendation {code(r)}, which is no longer one", r) for r in leftovers]
            )
            Recommendation.objects.filter(pk__in=[r.pk for r in leftovers]).delete()
        Recommendation.objects.bulk_update(moved, ["position"])
        Recommendation.objects.bulk_create(new)

    # --- deadlines --------------------------------------------------------------------------

    def _sync_deadlines(self) -> None:
        numbers = {p.pk: p.number for p in self.stored.paragraphs.values() if p.pk not in self.removed_paragraphs}
        # Matched by kind and stating paragraph (of two alike, the later one in date order).
        stored = {(d.kind, numbers.get(d.stated_in_id)): d for d in self.stored.deadlines}
        new, existing, items = [], [], []
        for parsed in self.lead.deadlines:
            deadline = stored.pop((parsed.kind, parsed.stated_in), None)
            if deadline and deadline.due_date != parsed.due:
                self.note("*", f"{deadline.get_kind_display()} due date {deadline.due_date} → {parsed.due}")
            if deadline:
                existing.append(deadline)
            else:
                deadline = Deadline(document=self.document, kind=parsed.kind)
                new.append(deadline)
            deadline.due_date = parsed.due
            deadline.computed = parsed.computed
            deadline.period_months = parsed.period_months
            deadline.stated_in = self.paragraphs.get(parsed.stated_in)
            deadline.report_number = parsed.report_number
            deadline.report_number_last = parsed.report_number_last
            deadline.precision = parsed.precision
            deadline.description = parsed.description
            items.extend(
                DeadlineItem(deadline=deadline, paragraph=self.paragraphs[item.paragraph],
                             subparagraph=self._sub(item.paragraph, item.subparagraph))
                for item in parsed.items
                if item.paragraph in self.paragraphs
            )
        for leftover in stored.values():
            self.note("*", f"{leftover.get_kind_display()} deadline removed")
        gone = [d.pk for d in stored.values()]
        if gone:
            Deadline.objects.filter(pk__in=gone).delete()
        if existing:
            DeadlineItem.objects.filter(deadline__in=[d.pk for d in existing]).delete()
        Deadline.objects.bulk_create(new)
        bulk_update_changed(Deadline, existing)
        DeadlineItem.objects.bulk_create(items)

    # --- references and citations -----------------------------------------------------------

    def _write_references_and_citations(self, footnotes: dict[int, Footnote]) -> None:
        if self.stored.paragraphs:  # rewritten whole: they carry no one's work
            Reference.objects.filter(paragraph__document=self.document).delete()
            Citation.objects.filter(paragraph__document=self.document).delete()
        Reference.objects.bulk_create(
            Reference(
                paragraph=self.paragraphs[r.paragraph],
                subparagraph=self._sub(r.paragraph, r.subparagraph),
                footnote=footnotes.get(r.footnote),
                kind=r.kind,
                target_symbol=r.document,
                target_number=r.target_paragraph,
                target_letter=r.target_subparagraph or "",
            )
            for r in self.lead.references
            if r.paragraph in self.paragraphs
        )
        Citation.objects.bulk_create(
            Citation(
                paragraph=self.paragraphs[c.paragraph],
                subparagraph=self._sub(c.paragraph, c.subparagraph),
                kind=c.kind,
                value=c.value,
            )
            for c in self.lead.citations
            if c.paragraph in self.paragraphs
        )
