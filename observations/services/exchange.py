"""Reading a State's exchange file (``observations.exports.tracker``) into this tracker.

``load(json_path)`` checks the file against its JSON Schema, then writes every table in
one transaction under new ids, linking rows through their refs. Nothing is written when
the file is not valid or when one of its documents is in the tracker already.

People are found by user name and created when missing (without a usable password: they
set one with "Forgotten your password?"); organizations are found by State and name and
created when missing. Evidence files are read from the zip beside the JSON, each stored
once however many versions of an update share it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import uuid
import zipfile
from pathlib import Path

import jsonschema
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from ..exports.tracker import FORMAT, TABLES, VERSION, schema, zip_path_for
from ..models import Committee, Document, Membership, Organization
from ..models.tracking import evidence_upload_to


def check(document: dict) -> None:
    """Refuse a document that is not an exchange file of this version, with the first
    problem in words."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(_("This is not a Follow-up Tracker exchange file."))
    if document.get("version") != VERSION:
        raise ValidationError(_("This exchange file is version %(found)s; this tracker reads version %(version)s.")
                              % {"found": document.get("version"), "version": VERSION})
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema()).iter_errors(document))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise ValidationError(_("The exchange file is not valid at %(where)s: %(message)s")
                              % {"where": where, "message": error.message})


@contextlib.contextmanager
def _keeping_timestamps():
    """Write the file's creation and change times instead of now."""
    fields = [f for table in TABLES for f in table.model._meta.concrete_fields
              if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class _Loader:
    def __init__(self, document: dict, archive: zipfile.ZipFile | None):
        self.document, self.archive = document, archive
        self.ids: dict = {}  # model -> {ref: new id}
        self.users: dict = {}
        self.stored: dict = {}  # zip member -> stored name
        self.committees = dict(Committee.objects.values_list("code", "pk"))
        self.stored_paths: list = []

    def people(self):
        user_model = get_user_model()
        for person in self.document["users"]:
            user = user_model._default_manager.filter(username=person["username"]).first()
            if user is None:
                user = user_model(**{k: v for k, v in person.items()})
                user.set_unusable_password()
                user.save()
            self.users[person["username"]] = user.pk

    def value(self, field, raw, table_name):
        if raw is None:
            return None
        if field.is_relation:
            target = field.related_model
            if target is get_user_model():
                return self.users.get(raw)
            if target is Committee:
                if raw not in self.committees:
                    raise ValidationError(_("The committee “%(code)s” is not in this tracker.") % {"code": raw})
                return self.committees[raw]
            if target is ContentType:
                app_label, model = raw.split(".", 1)
                return ContentType.objects.get_by_natural_key(app_label, model).pk
            return self.ids.get(target, {}).get(raw)
        if isinstance(field, models.FileField):
            return self._file(raw) if raw else ""
        if isinstance(field, models.BinaryField):
            return base64.b64decode(raw)
        if isinstance(field, models.DateTimeField):
            return parse_datetime(raw)
        if isinstance(field, models.DateField):
            return parse_date(raw)
        if isinstance(field, models.UUIDField):
            return uuid.UUID(raw)
        return raw

    def _file(self, member):
        if member not in self.stored:
            if self.archive is None or member not in self.archive.namelist():
                raise ValidationError(_("The evidence file %(name)s is missing from the zip beside the exchange file.")
                                      % {"name": member})
            name = default_storage.save(evidence_upload_to(None, member), ContentFile(self.archive.read(member)))
            self.stored[member] = name
            self.stored_paths.append(name)
        return self.stored[member]

    def _existing(self, model, row):
        """An organization of the same State and name already here is used as it is."""
        if model is Organization:
            return Organization.objects.filter(state=row["state"], name=row["name"]).values_list("pk", flat=True).first()
        return None

    def table(self, table):
        model = table.model
        rows = sorted(self.document["tables"][table.name], key=lambda r: r["ref"])
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self_links = [f for f in fields if f.is_relation and f.related_model is model]
        mapping = self.ids.setdefault(model, {})
        new, new_refs = [], []
        for row in rows:
            existing = self._existing(model, row)
            if existing is not None:
                mapping[row["ref"]] = existing
                continue
            values = {f.attname: self.value(f, row.get(f.name), table.name) for f in fields if f not in self_links}
            if model is Membership and Membership.objects.filter(
                    user_id=values["user_id"], organization_id=values["organization_id"]).exists():
                continue
            new.append(model(**values))
            new_refs.append(row)
        made = model._default_manager.bulk_create(new)
        for row, obj in zip(new_refs, made, strict=True):
            mapping[row["ref"]] = obj.pk
        for field in self_links:
            changed = []
            for row, obj in zip(new_refs, made, strict=True):
                setattr(obj, field.attname, mapping.get(row.get(field.name)))
                changed.append(obj)
            model._default_manager.bulk_update(changed, [field.attname])
        for field in model._meta.many_to_many:
            through = getattr(model, field.name).through
            source, target = f"{model._meta.model_name}_id", f"{field.related_model._meta.model_name}_id"
            through.objects.bulk_create(
                through(**{source: mapping[row["ref"]], target: self.ids[field.related_model][ref]})
                for row in new_refs for ref in row.get(field.name, []))
        if model._meta.model_name == "historyentry":
            self._history_objects(made, new_refs)
        return len(made)

    def _history_objects(self, made, rows):
        changed = []
        for obj, row in zip(made, rows, strict=True):
            if obj.content_type_id and row.get("object_id") is not None:
                model = ContentType.objects.get_for_id(obj.content_type_id).model_class()
                obj.object_id = self.ids.get(model, {}).get(row["object_id"])
                changed.append(obj)
        type(made[0])._default_manager.bulk_update(changed, ["object_id"]) if changed else None


def load(json_path) -> dict:
    """Import the exchange file at ``json_path`` (and its evidence zip); the counts of
    rows written per table."""
    json_path = Path(json_path)
    try:
        document = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(_("The exchange file cannot be read: %(error)s") % {"error": error}) from None
    check(document)
    symbols = [row["symbol"] for row in document["tables"]["documents"]]
    present = list(Document.objects.filter(symbol__in=symbols).values_list("symbol", flat=True))
    if present:
        raise ValidationError(_("These documents are in the tracker already; nothing was imported: %(symbols)s")
                              % {"symbols": ", ".join(sorted(present))})
    zip_path = zip_path_for(json_path)
    archive = zipfile.ZipFile(zip_path) if zip_path.exists() else None
    loader = _Loader(document, archive)
    try:
        with transaction.atomic(), _keeping_timestamps():
            loader.people()
            counts = {table.name: loader.table(table) for table in TABLES}
    except Exception:
        for name in loader.stored_paths:
            default_storage.delete(name)
        raise
    finally:
        if archive is not None:
            archive.close()
    return counts
