"""What an import would do, with nothing written (the site's import page).

``preview_files`` runs the same parse and checks as ``imports.import_files``
(``parse_files``) and the same comparison with what the tracker holds, in a transaction
that is always rolled back: the preview reports exactly the changes, and the refusals
(ImportRejected), of the real import. ``ImportPreview`` is what the page shows; it is
kept as JSON with the upload (``pending_imports``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, transaction
from django_countries import countries

from ..choices import DeadlineKind, ImportAction
from ..importer.checks import primary
from ..importer.committees import BY_CODE
from ..importer.model import ParsedDocument
from ..models import Document, LanguageVersion
from .imports import ImportResult, UploadedText, conflict_error, language_name, parse_files, save_parsed


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
            result = save_parsed(parsed, replace=True, user=user)
            raise _RolledBack(_preview_of(result, parsed, lead, base))
    except _RolledBack as done:
        return done.preview
    except IntegrityError as exc:
        raise conflict_error() from exc


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
