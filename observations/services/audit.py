"""The one way to write the change log (``observations.models.HistoryEntry``).

Every change to a tracked or imported object writes exactly one entry, in the same
transaction as the change itself::

    from observations.choices import HistoryAction
    from observations.services import audit

    before = audit.snapshot(deadline)
    deadline.met_on = date
    deadline.save()
    audit.record(deadline, HistoryAction.DEADLINE_MET, by=request.user,
                 before=before, after=audit.snapshot(deadline), comment=symbol)

``record(obj, action, *, by, before=None, after=None, comment="", recommendation=None,
update=None, document=None)``

- ``obj``: the model instance changed (its kind, id and text are stored; the entry
  survives the object's deletion). ``None`` is allowed for entries about nothing but a
  recommendation, which then stands as the object.
- ``action``: a ``choices.HistoryAction`` value — the tracking actions, ``DEADLINE_MET``,
  ``DEADLINE_EXTENDED``, or the generic ``CREATED`` / ``CHANGED`` / ``DELETED`` /
  ``IMPORTED``.
- ``by``: the acting user (anonymous or ``None`` for the system: the actor stays empty).
- ``before`` / ``after``: JSON-able values, usually ``snapshot(obj)`` taken before and
  after the change (``None`` before a creation, ``None`` after a deletion).
- ``recommendation`` / ``document``: worked out from ``obj`` when not given (a
  recommendation, or anything with a ``recommendation``, ``document``, ``paragraph`` or
  ``deadline`` relation); pass them to be explicit.

``snapshot(obj, fields=None)`` gives the object's concrete fields as a JSON-able dict:
foreign keys as ids (``"document": 12``), dates as ISO text, files as their name.

``record_deletion(obj, *, by)``, called before deleting, writes the entry of the
deletion and one for each object deleted with it (cascade), each with its fields before.

``record_import(document, outcomes, *, by)`` writes the one entry of a document import
or replacement (per language what was done, what changed, how many rows there are).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid

from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.db import models, router

from ..choices import HistoryAction
from ..models import Document, HistoryEntry, Recommendation

__all__ = ["HistoryAction", "document_counts", "record", "record_deletion", "record_import", "snapshot"]

OBJECT_REPR_LENGTH = HistoryEntry._meta.get_field("object_repr").max_length


def _json_value(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(value)} bytes>"
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_json_value(v) for v in value]
    if hasattr(value, "name") and isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return str(value)


def snapshot(obj, fields=None) -> dict:
    """The object's concrete fields (or only ``fields``) as a JSON-able dict.

    Foreign keys are stored as ids under the field's name; many-to-many fields, when
    named in ``fields``, as a sorted list of ids (the object must be saved)."""
    if obj is None:
        return None
    data = {}
    wanted = set(fields) if fields is not None else None
    for field in obj._meta.concrete_fields:
        if field.primary_key or (wanted is not None and field.name not in wanted):
            continue
        value = getattr(obj, field.attname)
        data[field.name] = _json_value(value)
    if wanted:
        for field in obj._meta.many_to_many:
            if field.name in wanted and obj.pk is not None:
                data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return data


def _owner(obj, name):
    """``obj.<name>`` if the object has that relation and it is set, else None."""
    try:
        field = obj._meta.get_field(name)
    except Exception:  # noqa: BLE001 — any model without the relation
        return None
    if not field.concrete or not (field.many_to_one or field.one_to_one):
        return None
    if getattr(obj, field.attname, None) is None:
        return None
    return getattr(obj, name)


def _belongs_to(obj) -> tuple[Recommendation | None, int | None]:
    """The recommendation and the id of the document an object belongs to, by its relations."""
    if obj is None:
        return None, None
    if isinstance(obj, Recommendation):
        return obj, obj.document_id
    if isinstance(obj, Document):
        return None, obj.pk
    recommendation = _owner(obj, "recommendation")
    if recommendation is not None:
        return recommendation, recommendation.document_id
    if getattr(obj, "document_id", None) is not None:
        return None, obj.document_id
    for parent in ("paragraph", "deadline", "update", "report"):
        owner = _owner(obj, parent)
        if owner is not None:
            return _belongs_to(owner)
    return None, None


def _actor(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def _entry(obj, action, *, by, before=None, after=None, comment="", recommendation=None, update=None,
           document=None, derive=True) -> HistoryEntry:
    found_recommendation, document_id = _belongs_to(obj) if derive else (None, None)
    recommendation = recommendation or found_recommendation
    if document is not None:
        document_id = document.pk
    if document_id is None and recommendation is not None:
        document_id = recommendation.document_id
    subject = obj if obj is not None else recommendation
    return HistoryEntry(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True) if subject else None,
        object_id=subject.pk if subject is not None else None,
        object_repr=str(subject)[:OBJECT_REPR_LENGTH] if subject is not None else "",
        document_id=document_id,
        recommendation=recommendation,
        action=action,
        actor=_actor(by),
        before=_json_value(before),
        after=_json_value(after),
        update=update,
        comment=comment or "",
    )


def record(obj, action, *, by, before=None, after=None, comment="", recommendation=None, update=None,
           document=None) -> HistoryEntry:
    """Write one entry of the change log; see the module's documentation."""
    entry = _entry(obj, action, by=by, before=before, after=after, comment=comment, recommendation=recommendation,
                   update=update, document=document)
    entry.save(force_insert=True)
    return entry


def record_deletion(obj, *, by, comment="", fields=None) -> list[HistoryEntry]:
    """Entries for deleting ``obj`` (its ``fields``, or all of them) and each object of its
    app or of the tracker that deleting it deletes with it (cascade), each with its fields
    before. Call it before deleting."""
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    _, document_id = _belongs_to(obj)
    document = Document(pk=document_id) if document_id is not None else None
    entries = [_entry(obj, HistoryAction.DELETED, by=by, before=snapshot(obj, fields), comment=comment)]
    apps = {obj._meta.app_label, HistoryEntry._meta.app_label}
    for model, instances in collector.data.items():
        if model is HistoryEntry or model._meta.auto_created or model._meta.app_label not in apps:
            continue
        for instance in sorted(instances, key=lambda i: i.pk):
            if model is type(obj) and instance.pk == obj.pk:
                continue
            entries.append(_entry(instance, HistoryAction.DELETED, by=by, before=snapshot(instance),
                                  document=document, derive=False,
                                  recommendation=instance if isinstance(instance, Recommendation) else None))
    return HistoryEntry.objects.bulk_create(entries)


def document_counts(document: Document) -> dict:
    """How many rows of each kind a document holds (recorded with each import)."""
    return {
        "paragraphs": document.paragraphs.count(),
        "recommendations": document.recommendations.count(),
        "deadlines": document.deadlines.count(),
        "footnotes": document.footnotes.count(),
        "languages": sorted(document.versions.values_list("language", flat=True)),
    }


def record_import(document: Document, outcomes, *, by, counts_before: dict | None = None) -> HistoryEntry:
    """The one entry of an import or replacement of a document's language versions.

    ``outcomes`` are what the import did per language (objects with ``language``,
    ``action``, ``file_name`` and ``changes``, or dicts with those keys)."""
    versions = []
    for outcome in outcomes:
        get = outcome.get if isinstance(outcome, dict) else lambda key, o=outcome: getattr(o, key, None)
        versions.append({
            "language": get("language"),
            "action": str(get("action")),
            "file_name": get("file_name") or "",
            "changes": list(get("changes") or []),
        })
    after = {"versions": versions, "counts": document_counts(document)}
    return record(document, HistoryAction.IMPORTED, by=by, before=counts_before and {"counts": counts_before},
                  after=after, document=document)
