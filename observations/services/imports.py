"""Write parsed language versions of a document to the database, all or nothing.

``import_files`` is the one entry point used by the management command, the admin and
the seed loader. Every problem raises :class:`ImportRejected` before anything is
committed; a re-import of an identical file writes nothing; a corrected file replaces
the old one only with ``replace=True`` and keeps every paragraph (and what is attached
to it) whose number still exists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction
from django_countries import countries

from ..choices import LANGUAGE_ORDER, ImportAction, Language, ParagraphKind, interface_language
from ..committees import BY_CODE, sync_committees
from ..importer import IMPORTER_VERSION, compare_structure, parse
from ..importer.model import Finding, ImportRejected, ParsedDocument
from ..models import (
    Citation,
    Committee,
    Deadline,
    DeadlineItem,
    Document,
    Footnote,
    Heading,
    ImportRecord,
    LanguageVersion,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
)

LANGUAGE_NAMES = dict(Language.choices)


@dataclass
class UploadedText:
    name: str
    data: bytes
    language: str | None = None  # override of the detected language


@dataclass
class VersionOutcome:
    language: str
    action: str  # ImportAction value
    file_name: str
    changes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ImportResult:
    document: Document
    outcomes: list[VersionOutcome]

    @property
    def changed(self) -> bool:
        return any(o.action != ImportAction.UNCHANGED for o in self.outcomes)

    def summary_lines(self) -> list[str]:
        lines = []
        for o in self.outcomes:
            label = LANGUAGE_NAMES.get(o.language, o.language)
            lines.append(f"{self.document.symbol} [{label}] {o.file_name}: {ImportAction(o.action).label}")
            lines.extend(f"  changed: {c}" for c in o.changes)
            lines.extend(f"  {f.level}: {f.message}" for f in o.findings)
        return lines


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def import_files(
    files: list[UploadedText],
    *,
    symbol: str | None = None,
    replace: bool = False,
    user=None,
) -> ImportResult:
    """Import one or more language versions of one document. Raises ImportRejected."""
    if not files:
        raise ImportRejected("No file was given.", code="empty")
    parsed: list[tuple[UploadedText, ParsedDocument]] = []
    for upload in files:
        try:
            doc = parse(upload.data, filename=upload.name, language=upload.language, symbol=symbol)
        except ImportRejected as exc:
            raise ImportRejected(f"{upload.name}: {exc.message}", line=exc.line, code=exc.code) from exc
        parsed.append((upload, doc))

    _check_same_document(parsed, symbol)
    _check_alignment(parsed)
    try:
        with transaction.atomic():
            return _save(parsed, replace=replace, user=user)
    except IntegrityError as exc:  # a concurrent import of the same document won the race
        raise ImportRejected(
            "This document was being imported by someone else at the same time; "
            "nothing was written. Try again.", code="conflict",
        ) from exc


def _check_same_document(parsed, symbol):
    languages = [doc.language for _, doc in parsed]
    for lang in set(languages):
        if languages.count(lang) > 1:
            names = ", ".join(u.name for u, d in parsed if d.language == lang)
            raise ImportRejected(
                f"Two files are in {language_name(lang)} ({names}): give one file per language.",
                code="same_language",
            )
    symbols = {doc.symbol for _, doc in parsed}
    if None in symbols:
        missing = next(u.name for u, d in parsed if not d.symbol)
        raise ImportRejected(
            f"{missing}: the document symbol is not printed and could not be worked out from the "
            "footnotes; give it explicitly (for example --symbol CMW/C/KGZ/CO/2).",
            code="symbol_missing",
        )
    if len(symbols) > 1:
        detail = "; ".join(f"{u.name} is {d.symbol}" for u, d in parsed)
        raise ImportRejected(f"The files are not the same document: {detail}.", code="different_documents")
    committees = {doc.committee for _, doc in parsed} - {None}
    if not committees:
        raise ImportRejected(
            "The committee could not be recognised from the document's heading or symbols.",
            code="committee_unknown",
        )


def _check_alignment(parsed):
    first_upload, first = parsed[0]
    for _upload, other in parsed[1:]:
        differences = compare_structure(first, other)
        if differences:
            raise ImportRejected(
                f"The {language_name(first.language)} and {language_name(other.language)} versions do "
                "not have the same structure, so nothing was imported: " + "; ".join(differences),
                code="misaligned",
            )


def _primary(parsed) -> ParsedDocument:
    docs = [d for _, d in parsed]
    return min(docs, key=lambda d: LANGUAGE_ORDER.index(d.language) if d.language in LANGUAGE_ORDER else 99)


def _save(parsed, *, replace: bool, user) -> ImportResult:
    primary = _primary(parsed)
    document = (
        Document.objects.select_for_update().filter(symbol=primary.symbol).first()
    )
    existing = {v.language: v for v in document.versions.all()} if document else {}

    # Decide, per file, what this import does; refuse before writing anything.
    outcomes: list[VersionOutcome] = []
    to_write: list[tuple[UploadedText, ParsedDocument, VersionOutcome]] = []
    for upload, doc in parsed:
        digest = checksum(upload.data)
        version = existing.get(doc.language)
        if version and version.checksum == digest:
            outcomes.append(VersionOutcome(doc.language, ImportAction.UNCHANGED, upload.name))
            continue
        if version and not replace:
            raise ImportRejected(
                f"{document.symbol} already has a {language_name(doc.language)} version "
                f"(imported {version.imported_at:%Y-%m-%d} from {version.file_name or 'a file'}) and "
                f"{upload.name} differs from it. To replace it with this corrected version, import "
                "again with --replace (in the admin: tick “Replace”).",
                code="exists",
            )
        if version:
            action = ImportAction.REPLACED
        elif document:
            action = ImportAction.ADDED_LANGUAGE
        else:
            action = ImportAction.CREATED
        outcome = VersionOutcome(doc.language, action, upload.name, findings=list(doc.findings))
        outcomes.append(outcome)
        to_write.append((upload, doc, outcome))

    if not to_write:
        return ImportResult(document, outcomes)

    if document:
        kept_languages = set(existing) - {d.language for _, d, _ in to_write}
        if kept_languages:
            differences = _structure_differences(document, to_write[0][1])
            if differences:
                raise ImportRejected(
                    f"The new file does not have the same structure as the "
                    f"{', '.join(language_name(lang) for lang in sorted(kept_languages))} version already "
                    "imported, so nothing was changed: " + "; ".join(differences),
                    code="misaligned",
                )
    else:
        document = Document(symbol=primary.symbol)

    writing = [d for _, d, _ in to_write]
    lead = next((d for d in writing if d is primary), writing[0])
    _apply_metadata(document, writing, lead)
    document.save()

    writer = _StructureWriter(document, writing, lead)
    changes = writer.sync()
    for upload, doc, outcome in to_write:
        if outcome.action == ImportAction.REPLACED:
            outcome.changes = changes.get(doc.language, []) + changes.get("*", [])
            if not outcome.changes:
                outcome.changes = ["no change to the text or structure (only the file differs)"]
        previous = existing.get(doc.language)
        LanguageVersion.objects.update_or_create(
            document=document,
            language=doc.language,
            defaults={
                "title": doc.title,
                "original": upload.data,
                "file_name": upload.name,
                "checksum": checksum(upload.data),
                "importer_version": IMPORTER_VERSION,
                "findings": [vars(f) for f in doc.findings],
                "imported_by": user,
            },
        )
        ImportRecord.objects.create(
            document=document,
            language=doc.language,
            action=outcome.action,
            file_name=upload.name,
            checksum=checksum(upload.data),
            importer_version=IMPORTER_VERSION,
            changes=outcome.changes,
            superseded=bytes(previous.original) if previous else None,
            created_by=user,
        )
    resolve_references(document)
    return ImportResult(document, outcomes)


def _apply_metadata(document: Document, docs: list[ParsedDocument], lead: ParsedDocument):
    """Fill the document's identity from the parsed versions, the lead language first."""
    ordered = [lead] + [d for d in docs if d is not lead]

    def first(attr):
        for d in ordered:
            value = getattr(d, attr)
            if value not in (None, "", []):
                return value
        return None

    code = first("committee")
    info_committee = Committee.objects.filter(code=code).first()
    if info_committee is None and code in BY_CODE:
        sync_committees(Committee)  # the treaty bodies are facts; restore them if they were removed
        info_committee = Committee.objects.filter(code=code).first()
    if info_committee is None:
        raise ImportRejected(f"Committee {code} is not known to the tracker.", code="committee_unknown")
    if document.pk is None or not document.committee_id:
        document.committee = info_committee
    alpha3 = first("state_alpha3")
    state = countries.alpha2(alpha3) if alpha3 else None
    if not state:  # no symbol names the State: try its name as printed in the title
        state = next((code for d in ordered if d.state_name
                      for code in [countries.by_name(d.state_name, language=interface_language(d.language))]
                      if code), None)
    if not state and not document.state:
        names = ", ".join(d.state_name for d in ordered if d.state_name) or "none found"
        raise ImportRejected(
            "The State party could not be recognised from the document's symbols or title "
            f"(symbol code: {alpha3 or 'none found'}; name: {names}). Give the symbol with --symbol.",
            code="state_unknown",
        )
    if state:
        document.state = state
    mapping = {
        "periodic_report": "periodic_report",
        "periodic_report_last": "periodic_report_last",
        "session_number": "session_number",
        "session_start": "session_from",
        "session_end": "session_to",
        "adopted_meeting": "adopted_meeting",
        "adoption_date": "adoption_date",
    }
    for field_name, attr in mapping.items():
        value = first(attr)
        if value is not None:
            setattr(document, field_name, value)
    for field_name, attr in (
        ("state_report_symbol", "state_report_symbol"),
        ("list_of_issues_symbol", "list_of_issues_symbol"),
        ("previous_observations_symbol", "previous_observations"),
    ):
        setattr(document, field_name, first(attr) or getattr(document, field_name) or "")
    meetings = first("considered_meetings")
    if meetings:
        document.considered_meetings = list(meetings)
    dates = first("considered_dates")
    if dates:
        document.considered_dates = [d.isoformat() for d in dates]


def _structure_differences(document: Document, doc: ParsedDocument) -> list[str]:
    """Where a parsed version's structure differs from the document already stored."""
    differences = []
    stored = {
        p.number: [s.letter for s in p.subparagraphs.all()]
        for p in document.paragraphs.prefetch_related("subparagraphs")
    }
    new = {p.number: [s.letter for s in p.subparagraphs] for p in doc.paragraphs}
    for number in sorted(set(stored) - set(new)):
        differences.append(f"paragraph {number} is missing from the new file")
    for number in sorted(set(new) - set(stored)):
        differences.append(f"paragraph {number} is not in the stored document")
    for number in sorted(set(stored) & set(new)):
        if stored[number] != new[number]:
            differences.append(
                f"paragraph {number}: stored sub-paragraphs ({', '.join(stored[number]) or 'none'}) but "
                f"the new file has ({', '.join(new[number]) or 'none'})"
            )
    stored_notes = set(document.footnotes.values_list("number", flat=True))
    new_notes = {f.number for f in doc.footnotes}
    if stored_notes != new_notes:
        differences.append(
            f"footnotes differ (stored {len(stored_notes)}, new file {len(new_notes)})"
        )
    return differences


def _positions(parsed) -> list[list[int]]:
    """Where the footnote markers of a parsed paragraph or sub-paragraph stand: [[number, offset], ...]."""
    return [[number, offset] for number, offset in parsed.footnote_positions]


class _StructureWriter:
    """Brings headings, paragraphs, sub-paragraphs, footnotes and derived facts of one
    document in line with the parsed versions, updating rows in place by their number so
    that whatever is attached to an unchanged paragraph stays attached."""

    def __init__(self, document: Document, docs: list[ParsedDocument], lead: ParsedDocument):
        self.document = document
        self.docs = docs
        # The structure comes from the primary version among those being written.
        self.lead = lead
        self.changes: dict[str, list[str]] = {}

    def note(self, language: str, message: str):
        self.changes.setdefault(language, []).append(message)

    def sync(self) -> dict[str, list[str]]:
        headings = self._sync_headings()
        paragraphs = self._sync_paragraphs(headings)
        self._sync_footnotes(paragraphs)
        self._sync_recommendations(paragraphs)
        self._sync_deadlines(paragraphs)
        self._sync_references_and_citations(paragraphs)
        return self.changes

    def _sync_headings(self) -> list[Heading]:
        stored = {h.position: h for h in self.document.headings.all()}
        result = []
        for position, parsed in enumerate(self.lead.headings):
            heading = stored.pop(position, None) or Heading(document=self.document, position=position)
            heading.kind = parsed.kind
            heading.key = parsed.key
            heading.articles = parsed.articles
            heading.first_paragraph = parsed.first_paragraph
            heading.last_paragraph = parsed.last_paragraph
            heading.parent = result[parsed.parent] if parsed.parent is not None else None
            titles = dict(heading.titles or {})
            labels = dict(heading.labels or {})
            for doc in self.docs:
                h = doc.headings[position]
                if titles.get(doc.language) not in (None, h.title):
                    self.note(doc.language, f"heading “{h.title}” changed")
                titles[doc.language] = h.title
                labels[doc.language] = h.label
            heading.titles = titles
            heading.labels = labels
            heading.save()
            result.append(heading)
        for leftover in stored.values():
            leftover.delete()
        return result

    def _sync_paragraphs(self, headings: list[Heading]) -> dict[int, Paragraph]:
        stored = {p.number: p for p in self.document.paragraphs.prefetch_related("subparagraphs")}
        by_language = {doc.language: {p.number: p for p in doc.paragraphs} for doc in self.docs}
        result = {}
        had_paragraphs = bool(stored)
        for parsed in self.lead.paragraphs:
            paragraph = stored.pop(parsed.number, None)
            is_new = paragraph is None
            if is_new:
                paragraph = Paragraph(document=self.document, number=parsed.number)
                if had_paragraphs:
                    self.note("*", f"paragraph {parsed.number} added")
            if not is_new and paragraph.kind != parsed.kind:
                self.note("*", f"paragraph {parsed.number}: kind {paragraph.kind} → {parsed.kind}")
            paragraph.kind = parsed.kind
            paragraph.heading = headings[parsed.heading] if parsed.heading is not None else None
            texts, positions = dict(paragraph.text or {}), dict(paragraph.footnote_positions or {})
            for language, paragraphs in by_language.items():
                new_text = paragraphs[parsed.number].text
                if not is_new and texts.get(language) not in (None, new_text):
                    self.note(language, f"paragraph {parsed.number}: text changed")
                texts[language] = new_text
                positions[language] = _positions(paragraphs[parsed.number])
            paragraph.text, paragraph.footnote_positions = texts, positions
            paragraph.save()
            self._sync_subparagraphs(paragraph, parsed.number, by_language, is_new)
            result[parsed.number] = paragraph
        for number, leftover in stored.items():
            _refuse_if_worked_on(leftover, f"paragraph {number}")
            self.note("*", f"paragraph {number} removed")
            leftover.delete()
        return result

    def _sync_subparagraphs(self, paragraph, number, by_language, is_new):
        stored = {s.letter: s for s in paragraph.subparagraphs.all()} if not is_new else {}
        lead = by_language[self.lead.language][number]
        for position, parsed in enumerate(lead.subparagraphs):
            sub = stored.pop(parsed.letter, None)
            existed = sub is not None
            if sub is None:
                sub = SubParagraph(paragraph=paragraph, letter=parsed.letter)
                if not is_new:
                    self.note("*", f"paragraph {number} ({parsed.letter}) added")
            sub.position = position
            texts, labels = dict(sub.text or {}), dict(sub.labels or {})
            positions = dict(sub.footnote_positions or {})
            for language, paragraphs in by_language.items():
                other = paragraphs[number].subparagraphs[position]
                if existed and texts.get(language) not in (None, other.text):
                    self.note(language, f"paragraph {number} ({parsed.letter}): text changed")
                texts[language] = other.text
                labels[language] = other.label
                positions[language] = _positions(other)
            sub.text, sub.labels, sub.footnote_positions = texts, labels, positions
            sub.save()
        for letter, leftover in stored.items():
            _refuse_if_worked_on(leftover, f"paragraph {number} ({letter})")
            self.note("*", f"paragraph {number} ({letter}) removed")
            leftover.delete()

    def _sync_footnotes(self, paragraphs: dict[int, Paragraph]):
        stored = {f.number: f for f in self.document.footnotes.all()}
        where = {}
        for p in self.lead.paragraphs:
            for n in p.footnotes:
                where[n] = (p.number, None)
            for s in p.subparagraphs:
                for n in s.footnotes:
                    where[n] = (p.number, s.letter)
        subs = {
            (s.paragraph.number, s.letter): s
            for s in SubParagraph.objects.filter(paragraph__document=self.document).select_related("paragraph")
        }
        by_language = {doc.language: {f.number: f.text for f in doc.footnotes} for doc in self.docs}
        for parsed in self.lead.footnotes:
            footnote = stored.pop(parsed.number, None) or Footnote(document=self.document, number=parsed.number)
            texts = dict(footnote.text or {})
            for language, notes in by_language.items():
                new_text = notes.get(parsed.number, "")
                if footnote.pk and texts.get(language) not in (None, new_text):
                    self.note(language, f"footnote {parsed.number}: text changed")
                texts[language] = new_text
            footnote.text = texts
            para_number, letter = where.get(parsed.number, (None, None))
            footnote.paragraph = paragraphs.get(para_number)
            footnote.subparagraph = subs.get((para_number, letter)) if letter else None
            footnote.save()
        for leftover in stored.values():
            leftover.delete()

    def _sync_recommendations(self, paragraphs: dict[int, Paragraph]):
        wanted = []  # (paragraph, subparagraph or None)
        subs_by_paragraph: dict[int, list[SubParagraph]] = {}
        for sub in SubParagraph.objects.filter(paragraph__document=self.document).order_by("position"):
            subs_by_paragraph.setdefault(sub.paragraph_id, []).append(sub)
        for number in sorted(paragraphs):
            paragraph = paragraphs[number]
            if paragraph.kind != ParagraphKind.RECOMMENDATION:
                continue
            subs = subs_by_paragraph.get(paragraph.pk, [])
            wanted.extend([(paragraph, s) for s in subs] or [(paragraph, None)])
        stored = {
            (r.paragraph_id, r.subparagraph_id): r for r in self.document.recommendations.all()
        }
        for position, (paragraph, sub) in enumerate(wanted):
            key = (paragraph.pk, sub.pk if sub else None)
            rec = stored.pop(key, None)
            if rec is None:
                Recommendation.objects.create(
                    document=self.document, paragraph=paragraph, subparagraph=sub, position=position
                )
            elif rec.position != position:
                rec.position = position
                rec.save(update_fields=["position"])
        leftovers = Recommendation.objects.filter(pk__in=[r.pk for r in stored.values()])
        for leftover in leftovers:
            _refuse_if_worked_on(leftover, f"recommendation {leftover.code}, which is no longer one")
        leftovers.delete()

    def _sync_deadlines(self, paragraphs: dict[int, Paragraph]):
        stored = {(d.kind, d.stated_in.number if d.stated_in else None): d for d in self.document.deadlines.select_related("stated_in")}
        subs = {
            (s.paragraph.number, s.letter): s
            for s in SubParagraph.objects.filter(paragraph__document=self.document).select_related("paragraph")
        }
        for parsed in self.lead.deadlines:
            deadline = stored.pop((parsed.kind, parsed.stated_in), None)
            if deadline and deadline.due_date != parsed.due:
                self.note("*", f"{deadline.get_kind_display()} due date {deadline.due_date} → {parsed.due}")
            deadline = deadline or Deadline(document=self.document, kind=parsed.kind)
            deadline.due_date = parsed.due
            deadline.computed = parsed.computed
            deadline.period_months = parsed.period_months
            deadline.stated_in = paragraphs.get(parsed.stated_in)
            deadline.report_number = parsed.report_number
            deadline.report_number_last = parsed.report_number_last
            deadline.precision = parsed.precision
            deadline.description = parsed.description
            deadline.save()
            deadline.items.all().delete()
            DeadlineItem.objects.bulk_create(
                DeadlineItem(
                    deadline=deadline,
                    paragraph=paragraphs[item.paragraph],
                    subparagraph=subs.get((item.paragraph, item.subparagraph)) if item.subparagraph else None,
                )
                for item in parsed.items
                if item.paragraph in paragraphs
            )
        for leftover in stored.values():
            self.note("*", f"{leftover.get_kind_display()} deadline removed")
            leftover.delete()

    def _sync_references_and_citations(self, paragraphs: dict[int, Paragraph]):
        Reference.objects.filter(paragraph__document=self.document).delete()
        Citation.objects.filter(paragraph__document=self.document).delete()
        subs = {
            (s.paragraph.number, s.letter): s
            for s in SubParagraph.objects.filter(paragraph__document=self.document).select_related("paragraph")
        }
        notes = {f.number: f for f in self.document.footnotes.all()}
        Reference.objects.bulk_create(
            Reference(
                paragraph=paragraphs[r.paragraph],
                subparagraph=subs.get((r.paragraph, r.subparagraph)) if r.subparagraph else None,
                footnote=notes.get(r.footnote),
                kind=r.kind,
                target_symbol=r.document,
                target_number=r.target_paragraph,
                target_letter=r.target_subparagraph or "",
            )
            for r in self.lead.references
            if r.paragraph in paragraphs
        )
        Citation.objects.bulk_create(
            Citation(
                paragraph=paragraphs[c.paragraph],
                subparagraph=subs.get((c.paragraph, c.subparagraph)) if c.subparagraph else None,
                kind=c.kind,
                value=c.value,
            )
            for c in self.lead.citations
            if c.paragraph in paragraphs
        )


# Rows the importer itself writes and may rewrite; anything else pointing at a paragraph,
# sub-paragraph or recommendation is people's work (assignments, updates, NGO drafts, …).
IMPORTED_MODELS = {Paragraph, SubParagraph, Footnote, Reference, Citation, Deadline, DeadlineItem, Recommendation}


def _refuse_if_worked_on(obj, what: str):
    """Refuse to delete ``obj`` when people's work is attached to it or to what it holds."""
    if has_attached_work(obj):
        raise ImportRejected(
            f"The corrected version removes {what}, which has work attached (assignments, progress "
            "updates or NGO drafts); nothing was changed. Move or close that work first.",
            code="tracked_removed",
        )


def has_attached_work(obj) -> bool:
    """Whether a row of a model the importer does not own points at ``obj``, directly or
    through the recommendations and sub-paragraphs that deleting ``obj`` would delete."""
    reverse_relations = [
        f for f in obj._meta.get_fields(include_hidden=True)  # hidden too: related_name="+" counts
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]
    for relation in reverse_relations:
        related = relation.related_model._base_manager.filter(**{relation.field.name: obj})
        if relation.related_model not in IMPORTED_MODELS:
            if related.exists():
                return True
        elif relation.related_model in (Recommendation, SubParagraph) and relation.on_delete is models.CASCADE:
            if any(has_attached_work(child) for child in related):
                return True
    return False


def resolve_references(document: Document) -> int:
    """Link references from and to ``document`` with the paragraphs the tracker holds."""
    outgoing = Reference.objects.filter(paragraph__document=document, target__isnull=True)
    incoming = Reference.objects.filter(target_symbol=document.symbol)
    refs = [r for r in (outgoing | incoming).distinct() if r.target_number]
    symbols = {r.target_symbol for r in refs}
    paragraphs = {
        (p.document.symbol, p.number): p
        for p in Paragraph.objects.filter(document__symbol__in=symbols).select_related("document").only(
            "id", "number", "document__symbol")
    }
    changed = []
    for ref in refs:
        target = paragraphs.get((ref.target_symbol, ref.target_number))
        if target and ref.target_id != target.pk:
            ref.target = target
            changed.append(ref)
    Reference.objects.bulk_update(changed, ["target"])
    return len(changed)
