"""Write parsed language versions of a document to the database, all or nothing.

``import_files`` is the one entry point used by the management command, the admin and
the seed loader. Every problem raises :class:`ImportRejected` before anything is
committed; a re-import of an identical file writes nothing; a corrected file replaces
the old one only with ``replace=True`` and keeps every paragraph (and what is attached
to it) whose number still exists.

``preview_files`` answers what ``import_files`` would do, writing nothing: the same parse
and checks (``parse_files``) and the same comparison with what the tracker holds, run in
a transaction that is always rolled back. The site's import page keeps an upload between
its preview and its confirmation (``stage_upload``, ``confirm_pending``,
``cancel_pending``): the files wait in a ``PendingImport`` row for their uploader alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from .. import permissions as perms
from ..choices import DeadlineKind, ImportAction, Language, interface_language
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
    PendingImport,
    PendingImportFile,
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
            return _save(parsed, replace=replace, user=user)
    except IntegrityError as exc:  # a concurrent import of the same document won the race
        raise _conflict() from exc


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


def _conflict() -> ImportRejected:
    return ImportRejected(
        "This document was being imported by someone else at the same time; "
        "nothing was written. Try again.", code="conflict",
    )


def _save(parsed, *, replace: bool, user) -> ImportResult:
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


# --- Preview: what an import would do, with nothing written ------------------------------


@dataclass
class VersionPreview:
    """One uploaded file: what the importer read in it and what importing it would do."""

    language: str
    file_name: str
    title: str
    action: str  # ImportAction value
    paragraphs: int
    subparagraphs: int
    footnotes: int
    changes: list[str] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)  # {"level", "code", "message", "line"}

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def action_label(self) -> str:
        return ImportAction(self.action).label


@dataclass
class DeadlinePreview:
    kind: str  # DeadlineKind value
    due: dt.date | None
    precision: str
    computed: bool
    stated_in: int
    items: list[str] = field(default_factory=list)  # "12", "20(a)"
    report_number: int | None = None
    report_number_last: int | None = None

    @property
    def kind_label(self) -> str:
        return DeadlineKind(self.kind).label


# What the preview says is missing, when the files do not state it (never invented).
MISSING_FACTS = ("adoption_date", "session", "follow_up", "follow_up_date", "next_report", "next_report_date")


@dataclass
class ImportPreview:
    """What the importer found in the uploaded files of one document, and what importing
    them (replacing the versions they correct) would change."""

    symbol: str
    committee: str  # code
    state: str  # ISO alpha-2
    exists: bool  # the tracker already holds this document
    versions: list[VersionPreview]
    deadlines: list[DeadlinePreview]
    kept_languages: list[str] = field(default_factory=list)  # held and not uploaded: kept as they are
    base: dict[str, str] = field(default_factory=dict)  # {language: checksum} held when previewed
    periodic_report: int | None = None
    periodic_report_last: int | None = None
    session_number: int | None = None
    adoption_date: dt.date | None = None
    missing: list[str] = field(default_factory=list)  # of MISSING_FACTS

    @property
    def changed(self) -> bool:
        return any(v.action != ImportAction.UNCHANGED for v in self.versions)

    @property
    def state_name(self) -> str:
        return countries.name(self.state) or self.state

    def committee_name(self, language: str) -> str:
        info = BY_CODE.get(self.committee)
        return info.name_in(language) if info else self.committee

    @property
    def report_label(self) -> str:
        first, last = self.periodic_report, self.periodic_report_last
        return f"{first}–{last}" if first and last and last != first else str(first or "")

    def deadline(self, kind: str) -> DeadlinePreview | None:
        return next((d for d in self.deadlines if d.kind == kind), None)

    @property
    def follow_up(self) -> DeadlinePreview | None:
        return self.deadline(DeadlineKind.FOLLOW_UP)

    @property
    def next_report(self) -> DeadlinePreview | None:
        return self.deadline(DeadlineKind.NEXT_PERIODIC_REPORT)

    @property
    def other_deadlines(self) -> list[DeadlinePreview]:
        return [d for d in self.deadlines if d.kind == DeadlineKind.OTHER]

    def to_json(self) -> dict:
        return _jsonable(asdict(self))

    @classmethod
    def from_json(cls, data: dict) -> ImportPreview:
        data = dict(data)
        data["versions"] = [VersionPreview(**v) for v in data.get("versions", [])]
        data["deadlines"] = [DeadlinePreview(**{**d, "due": _date(d.get("due"))}) for d in data.get("deadlines", [])]
        data["adoption_date"] = _date(data.get("adoption_date"))
        return cls(**data)


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class _RolledBack(Exception):
    """Ends the preview's transaction, carrying what it found."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview


def preview_files(files: list[UploadedText], *, symbol: str | None = None, user=None) -> ImportPreview:
    """What ``import_files(files, symbol=symbol, replace=True, user=user)`` would do, with
    nothing written: the same parse, checks and comparison with what the tracker holds run
    inside a transaction that is always rolled back, so the preview reports exactly the
    changes, and the refusals (ImportRejected), of the real import."""
    parsed = parse_files(files, symbol=symbol)
    lead = primary(d for _, d in parsed)
    try:
        with transaction.atomic():
            Document.objects.select_for_update().filter(symbol=lead.symbol).first()
            base = dict(LanguageVersion.objects.filter(document__symbol=lead.symbol)
                        .values_list("language", "checksum"))
            result = _save(parsed, replace=True, user=user)
            raise _RolledBack(_preview_of(result, parsed, lead, base))
    except _RolledBack as done:
        return done.preview
    except IntegrityError as exc:
        raise _conflict() from exc


def _preview_of(result: ImportResult, parsed, lead: ParsedDocument, base: dict[str, str]) -> ImportPreview:
    document = result.document
    versions = [
        VersionPreview(
            language=doc.language,
            file_name=upload.name,
            title=doc.title,
            action=str(outcome.action),
            paragraphs=len(doc.paragraphs),
            subparagraphs=sum(len(p.subparagraphs) for p in doc.paragraphs),
            footnotes=len(doc.footnotes),
            changes=list(outcome.changes),
            findings=[vars(f) for f in doc.findings],
        )
        for (upload, doc), outcome in zip(parsed, result.outcomes, strict=True)
    ]
    deadlines = [
        DeadlinePreview(
            kind=d.kind, due=d.due, precision=d.precision, computed=d.computed, stated_in=d.stated_in,
            items=[f"{i.paragraph}({i.subparagraph})" if i.subparagraph else str(i.paragraph) for i in d.items],
            report_number=d.report_number, report_number_last=d.report_number_last,
        )
        for d in lead.deadlines
    ]
    preview = ImportPreview(
        symbol=document.symbol,
        committee=document.committee.code,
        state=str(document.state),
        exists=bool(base),
        versions=versions,
        deadlines=deadlines,
        kept_languages=sorted(set(base) - {v.language for v in versions}),
        base=base,
        periodic_report=document.periodic_report,
        periodic_report_last=document.periodic_report_last,
        session_number=document.session_number,
        adoption_date=document.adoption_date,
    )
    follow_up, next_report = preview.follow_up, preview.next_report
    preview.missing = [code for code, missing in (
        ("adoption_date", document.adoption_date is None),
        ("session", document.session_number is None),
        ("follow_up", follow_up is None),
        ("follow_up_date", follow_up is not None and follow_up.due is None),
        ("next_report", next_report is None),
        ("next_report_date", next_report is not None and next_report.due is None),
    ) if missing]
    return preview


# --- Uploads waiting for confirmation (the site's import page) ---------------------------

PENDING_LIFETIME = dt.timedelta(hours=24)
PENDING_PER_USER = 5  # a person's older uploads still waiting beyond this many are removed


class PendingRefused(Exception):
    """The upload cannot be confirmed, cancelled or shown to this person. ``message`` is
    for a person; nothing was written."""

    def __init__(self, message: str, *, status: int = 403):
        self.message = message
        self.status = status
        super().__init__(message)


@dataclass
class Confirmed:
    document: Document | None
    lines: list[str]
    already: bool = False  # an earlier confirmation imported it; this one wrote nothing


def remove_expired(now: dt.datetime | None = None) -> int:
    """Remove the uploads (waiting, imported or cancelled) whose time is up."""
    deleted, _by_model = PendingImport.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def stage_upload(files: list[UploadedText], *, symbol: str | None = None, user) -> PendingImport:
    """Preview the files and keep them, waiting for their uploader's confirmation.
    Raises ImportRejected (nothing kept) when they cannot be imported."""
    if not perms.can_open_import_page(user):
        raise PermissionDenied
    for upload in files:
        if len(upload.data) > settings.IMPORT_MAX_BYTES:
            raise ImportRejected(
                f"{upload.name} is {filesizeformat(len(upload.data))}; the largest file that can be imported is "
                f"{filesizeformat(settings.IMPORT_MAX_BYTES)}.", code="too_large")
    remove_expired()
    preview = preview_files(files, symbol=symbol, user=user)
    now = timezone.now()
    with transaction.atomic():
        pending = PendingImport.objects.create(
            uploaded_by=user, created_at=now, expires_at=now + PENDING_LIFETIME, symbol_option=symbol or "",
            symbol=preview.symbol, state=preview.state, preview=preview.to_json(), base=preview.base,
        )
        PendingImportFile.objects.bulk_create(
            PendingImportFile(pending=pending, position=i, name=upload.name[:255], language=upload.language or "",
                              data=upload.data)
            for i, upload in enumerate(files)
        )
        older = (PendingImport.objects.filter(uploaded_by=user, status=PendingImport.Status.PENDING)
                 .order_by("-created_at", "-pk").values_list("pk", flat=True)[PENDING_PER_USER:])
        PendingImport.objects.filter(pk__in=list(older)).delete()
    return pending


def pending_for(pk, user, *, lock: bool = False) -> PendingImport:
    """The upload ``pk`` if ``user`` made it; PendingRefused otherwise."""
    rows = PendingImport.objects.select_related("document")
    pending = (rows.select_for_update(of=("self",)) if lock else rows).filter(pk=pk).first()
    if pending is None or pending.expires_at <= timezone.now():
        raise PendingRefused(_("This upload is no longer waiting: uploads are kept for %(hours)s hours. "
                               "Nothing was imported; upload the files again.")
                             % {"hours": int(PENDING_LIFETIME.total_seconds() // 3600)}, status=404)
    if pending.uploaded_by_id != getattr(user, "pk", None):
        raise PendingRefused(_("This upload was made by someone else: only the person who uploaded the files may "
                               "see, confirm or cancel it. Nothing was imported."))
    return pending


def refuse_other_state(user, symbol: str, state) -> None:
    if not perms.can_import_document_for(user, state):
        raise PendingRefused(
            _("%(symbol)s is a document of %(state)s: only the coordinators of %(state)s, or the staff who import "
              "documents, may import it. Nothing was imported.")
            % {"symbol": symbol, "state": countries.name(str(state)) or state})


def confirm_pending(pk, *, user) -> Confirmed:
    """Import the upload ``pk``, once: the uploader confirms what the preview showed.

    The upload's row is locked for the whole import, so that a second confirmation (a
    double click, a replayed request, another server process) waits, then finds it
    imported and writes nothing. Refused (PendingRefused, nothing written) when someone
    else uploaded it, its document belongs to a State the user may not import for, or the
    document changed since the preview; ImportRejected when the import itself refuses."""
    with transaction.atomic():
        pending = pending_for(pk, user, lock=True)
        if pending.status == PendingImport.Status.CONFIRMED:
            return Confirmed(pending.document, list(pending.result), already=True)
        if pending.status == PendingImport.Status.CANCELLED:
            raise PendingRefused(_("This upload was cancelled; nothing was imported. Upload the files again to "
                                   "import them."), status=409)
        refuse_other_state(user, pending.symbol, pending.state)
        document = Document.objects.select_for_update().filter(symbol=pending.symbol).first()
        if document is not None:
            refuse_other_state(user, document.symbol, document.state)
        held = dict(LanguageVersion.objects.filter(document__symbol=pending.symbol)
                    .values_list("language", "checksum"))
        if held != pending.base:
            raise PendingRefused(_("%(symbol)s changed in the tracker since this preview (someone imported a version "
                                   "of it). Nothing was imported; upload the files again to see what would change "
                                   "now.") % {"symbol": pending.symbol}, status=409)
        files = [UploadedText(f.name, bytes(f.data), f.language or None) for f in pending.files.all()]
        result = import_files(files, symbol=pending.symbol_option or None, replace=True, user=user)
        refuse_other_state(user, result.document.symbol, result.document.state)  # rolls the import back
        pending.status = PendingImport.Status.CONFIRMED
        pending.finished_at = timezone.now()
        pending.document = result.document
        pending.result = result.summary_lines()
        pending.save(update_fields=["status", "finished_at", "document", "result"])
        pending.files.all().delete()
    return Confirmed(result.document, list(pending.result))


def cancel_pending(pk, *, user) -> PendingImport:
    """Drop the upload ``pk`` without importing anything (its uploader only)."""
    with transaction.atomic():
        pending = pending_for(pk, user, lock=True)
        if pending.status == PendingImport.Status.CONFIRMED:
            raise PendingRefused(_("This upload was already imported, so it can no longer be cancelled."),
                                 status=409)
        if pending.status == PendingImport.Status.PENDING:
            pending.status = PendingImport.Status.CANCELLED
            pending.finished_at = timezone.now()
            pending.save(update_fields=["status", "finished_at"])
            pending.files.all().delete()
    return pending
