"""One State's whole tracker as an exchange file: a JSON document (described by
``tracker.schema.json`` beside this module) and, beside it, a zip of the evidence files.

The JSON holds one list of rows per table, in the order an import writes them. Every row
has a ``ref`` (its id in the exporting tracker, unique within its table in the file);
a link to another row of the file is that row's ref, so that an import can lay the rows
down again under new ids. Links leave the file readable on their own:

- documents carry their ``symbol``, paragraphs their ``number``, recommendations their
  ``code``, organizations their ``name``, updates their ``chain`` and ``version``;
- people are named by their user name (``users`` lists them, without passwords);
- committees by their code, kinds of object (in the history) by ``app_label.model``.

A link to a row outside the State (a reference to another State's document) is left
empty; its words (``target_symbol``, ``target_number``) stay.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..models import (
    Assignment,
    Citation,
    Committee,
    CommitteeAssessment,
    Deadline,
    DeadlineItem,
    Document,
    Evidence,
    Footnote,
    Heading,
    HistoryEntry,
    ImportRecord,
    LanguageVersion,
    Measure,
    Membership,
    Organization,
    Paragraph,
    ProgressUpdate,
    Recommendation,
    Reference,
    SubParagraph,
)

FORMAT = "follow-up-tracker-exchange"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("tracker.schema.json")
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active")


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    rows: str  # the lookup from the table to the State's documents or organizations
    extra: tuple = ()  # readable natural keys added to each row: (name, function)


def _code(recommendation):
    return recommendation.code


TABLES = (
    Table("organizations", Organization, "state"),
    Table("memberships", Membership, "organization__state"),
    Table("documents", Document, "state"),
    Table("language_versions", LanguageVersion, "document__state"),
    Table("import_records", ImportRecord, "document__state"),
    Table("headings", Heading, "document__state"),
    Table("paragraphs", Paragraph, "document__state"),
    Table("subparagraphs", SubParagraph, "paragraph__document__state"),
    Table("footnotes", Footnote, "document__state"),
    Table("references", Reference, "paragraph__document__state"),
    Table("citations", Citation, "paragraph__document__state"),
    Table("deadlines", Deadline, "document__state"),
    Table("deadline_items", DeadlineItem, "deadline__document__state"),
    Table("recommendations", Recommendation, "document__state", (("code", _code),)),
    Table("assignments", Assignment, "recommendation__document__state"),
    Table("updates", ProgressUpdate, "recommendation__document__state"),
    Table("measures", Measure, "update__recommendation__document__state"),
    Table("evidence", Evidence, "update__recommendation__document__state"),
    Table("assessments", CommitteeAssessment, "recommendation__document__state"),
    Table("history", HistoryEntry, "document__state"),
)
TABLE_OF_MODEL = {table.model: table for table in TABLES}


def evidence_member(stored_name: str) -> str:
    """The name of an evidence file inside the zip."""
    return "evidence/" + stored_name.rsplit("/", 1)[-1]


def zip_path_for(json_path) -> Path:
    """Where the evidence zip lies beside the JSON file: ``kg.json`` → ``kg.evidence.zip``."""
    path = Path(json_path)
    return path.with_name(path.stem + ".evidence.zip")


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def rows_of(table: Table, state: str):
    queryset = table.model._default_manager.filter(**{table.rows: state})
    if table.model is HistoryEntry:
        queryset = HistoryEntry.objects.filter(
            Q(document__state=state) | Q(recommendation__document__state=state)).distinct()
    return queryset.order_by("pk")


class _Encoder:
    """Turns rows into JSON values, noting the people and evidence files they name."""

    def __init__(self, refs: dict):
        self.refs = refs  # model -> set of exported ids
        self.users: set = set()
        self.files: dict = {}  # zip member -> stored name
        self.user_model = get_user_model()

    def value(self, obj, field):
        raw = getattr(obj, field.attname)
        if raw is None:
            return None
        if field.is_relation:
            target = field.related_model
            if target is self.user_model:
                username = self._username(raw)
                self.users.add(username)
                return username
            if target is Committee:
                return _committee_code(raw)
            if target is ContentType:
                content_type = ContentType.objects.get_for_id(raw)
                return f"{content_type.app_label}.{content_type.model}"
            return raw if raw in self.refs.get(target, ()) else None
        if isinstance(field, models.FileField):
            if not raw:
                return ""
            member = evidence_member(str(raw))
            self.files[member] = str(raw)
            return member
        if isinstance(field, models.BinaryField):
            return base64.b64encode(bytes(raw)).decode("ascii")
        if isinstance(raw, (dt.date, dt.datetime)):
            return raw.isoformat()
        if isinstance(raw, uuid.UUID):
            return str(raw)
        if hasattr(raw, "code") and not isinstance(raw, (dict, list, str)):  # a country
            return raw.code
        return raw

    @cache  # noqa: B019  (one encoder per export)
    def _username(self, pk):
        return self.user_model._default_manager.values_list("username", flat=True).get(pk=pk)


@cache
def _committee_code(pk):
    return Committee.objects.values_list("code", flat=True).get(pk=pk)


def row_of(table: Table, obj, encoder: _Encoder) -> dict:
    row = {"ref": obj.pk}
    for field in table.model._meta.concrete_fields:
        if field.primary_key:
            continue
        row[field.name] = encoder.value(obj, field)
    for field in table.model._meta.many_to_many:
        row[field.name] = sorted(o.pk for o in getattr(obj, field.name).all())
    if table.model is HistoryEntry and row["content_type"]:
        model = obj.content_type.model_class()
        row["object_id"] = obj.object_id if obj.object_id in encoder.refs.get(model, ()) else None
    for name, function in table.extra:
        row[name] = function(obj)
    return row


def build(state: str) -> tuple[dict, dict]:
    """The exchange document of ``state`` and the evidence files it names
    ({zip member: stored name})."""
    state = state.upper()
    querysets = {table.name: rows_of(table, state) for table in TABLES}
    refs = {table.model: set(querysets[table.name].values_list("pk", flat=True)) for table in TABLES}
    encoder = _Encoder(refs)
    tables = {}
    for table in TABLES:
        queryset = querysets[table.name]
        if table.model is Assignment:
            queryset = queryset.prefetch_related("supporting")
        if table.model is Recommendation:
            queryset = queryset.select_related("paragraph", "subparagraph")
        if table.model is HistoryEntry:
            queryset = queryset.select_related("content_type")
        tables[table.name] = [row_of(table, obj, encoder) for obj in queryset]
    users = get_user_model()._default_manager.filter(username__in=encoder.users).order_by("username")
    document = {
        "format": FORMAT, "version": VERSION, "state": state, "exported_at": timezone.now().isoformat(),
        "users": [{name: getattr(user, name) for name in USER_FIELDS} for user in users],
        "tables": tables,
    }
    return document, encoder.files


def write(state: str, json_path) -> dict:
    """Write the State's exchange file and its evidence zip; the counts of rows per table."""
    from django.core.files.storage import default_storage

    document, files = build(state)
    json_path = Path(json_path)
    json_path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    with zipfile.ZipFile(zip_path_for(json_path), "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, stored in sorted(files.items()):
            with default_storage.open(stored, "rb") as handle:
                archive.writestr(member, handle.read())
    return {name: len(rows) for name, rows in document["tables"].items()}
