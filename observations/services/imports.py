"""Write parsed language versions of a document to the database, all or nothing.

``import_files`` is the one entry point used by the management command, the admin and
the seed loader. Every problem raises :class:`ImportRejected` before anything is
committed; a re-import of an identical file writes nothing; a corrected file replaces
the old one only with ``replace=True`` and keeps every paragraph (and what is attached
to it) whose number still exists.

``parse_files`` is the parse and the checks alone: ``import_preview.preview_files`` shares
them to say what an import would do without writing it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django_countries import countries

from ..choices import ImportAction, Language, interface_language
from ..committees import sync_committees
from ..importer import IMPORTER_VERSION, parse
from ..importer.checks import check_alignment, check_same_document, check_stored_alignment, primary
from ..importer.committees import BY_CODE
from ..importer.model import Finding, ImportRejected, ParsedDocument
from ..models import (
    Committee,
    Document,
    ImportRecord,
    LanguageVersion,
    Paragraph,
    Reference,
)
from . import audit
from .attached_work import IMPORTED_MODELS, has_attached_work  # noqa: F401  (part of this module's interface)
from .import_structure import StoredStructure, StructureWriter

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
    parsed = parse_files(files, symbol=symbol)
    try:
        with transaction.atomic():
            return save_parsed(parsed, replace=replace, user=user)
    except IntegrityError as exc:  # a concurrent import of the same document won the race
        raise conflict_error() from exc


def parse_files(files: list[UploadedText], *, symbol: str | None = None) -> list[tuple[UploadedText, ParsedDocument]]:
    """Parse the language versions of one document and check that they are one document
    whose versions align. Pure: reads nothing from the database. Raises ImportRejected."""
    if not files:
        raise ImportRejected("No file was given.", code="empty")
    parsed: list[tuple[UploadedText, ParsedDocument]] = []
    for upload in files:
        try:
            doc = parse(upload.data, filename=upload.name, language=upload.language, symbol=symbol)
        except ImportRejected as exc:
            raise ImportRejected(f"{upload.name}: {exc.message}", line=exc.line, code=exc.code) from exc
        parsed.append((upload, doc))

    check_same_document([(upload.name, doc) for upload, doc in parsed])
    check_alignment([doc for _, doc in parsed])
    return parsed


def conflict_error() -> ImportRejected:
    return ImportRejected(
        "This document was being imported by someone else at the same time; "
        "nothing was written. Try again.", code="conflict",
    )


def save_parsed(parsed, *, replace: bool, user) -> ImportResult:
    lead_version = primary(d for _, d in parsed)
    document = (
        Document.objects.select_for_update().filter(symbol=lead_version.symbol).first()
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
    counts_before = audit.document_counts(document) if document else None

    stored = StoredStructure(document)  # each table of what the document holds, read once
    if document:
        kept_languages = set(existing) - {d.language for _, d, _ in to_write}
        if kept_languages:
            check_stored_alignment(stored.skeleton(), set(stored.footnotes), to_write[0][1], kept_languages)
    else:
        document = Document(symbol=lead_version.symbol)

    writing = [d for _, d, _ in to_write]
    lead = next((d for d in writing if d is lead_version), writing[0])
    _apply_metadata(document, writing, lead)
    document.save()

    changes = StructureWriter(document, writing, lead, stored).sync()
    _write_versions(document, to_write, existing, changes, user)
    resolve_references(document)
    audit.record_import(document, [outcome for _, _, outcome in to_write], by=user, counts_before=counts_before)
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


def _write_versions(document, to_write, existing, changes, user) -> None:
    """The language versions' files and one import record per file, in bulk."""
    created, updated, records = [], [], []
    for upload, doc, outcome in to_write:
        if outcome.action == ImportAction.REPLACED:
            outcome.changes = changes.get(doc.language, []) + changes.get("*", [])
            if not outcome.changes:
                outcome.changes = ["no change to the text or structure (only the file differs)"]
        previous = existing.get(doc.language)
        version = previous or LanguageVersion(document=document, language=doc.language)
        superseded = bytes(previous.original) if previous else None
        version.title = doc.title
        version.original = upload.data
        version.file_name = upload.name
        version.checksum = checksum(upload.data)
        version.importer_version = IMPORTER_VERSION
        version.findings = [vars(f) for f in doc.findings]
        version.imported_by = user
        (updated if previous else created).append(version)
        records.append(ImportRecord(
            document=document,
            language=doc.language,
            action=outcome.action,
            file_name=upload.name,
            checksum=version.checksum,
            importer_version=IMPORTER_VERSION,
            changes=outcome.changes,
            superseded=superseded,
            created_by=user,
        ))
    LanguageVersion.objects.bulk_create(created)
    LanguageVersion.objects.bulk_update(
        updated, ["title", "original", "file_name", "checksum", "importer_version", "findings", "imported_by"]
    )
    ImportRecord.objects.bulk_create(records)


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
