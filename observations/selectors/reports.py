"""What tells whether a State's report on a document has to be built again: one cheap query
giving a fingerprint of everything the report reads (``exports.state_report`` keeps each
built report, and its .docx, under that fingerprint).

A report reads the document, its committee, paragraphs, sub-paragraphs, headings,
recommendations (their official status), deadlines and deadline items, the validated
progress updates with their measures and links, and the names of the organizations.
Every write to any of them goes through a service or the audited admin, which records a
history entry naming the document (or, for an organization or a committee, none); the
validated updates, their measures and links are also counted directly, so that a change
made around the services still changes the fingerprint. History ids and timestamps only
grow, so a fingerprint once left never comes back.
"""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from ..choices import ReviewState
from ..models import (
    Committee,
    Document,
    Evidence,
    HistoryEntry,
    Measure,
    Organization,
    ProgressUpdate,
    Recommendation,
)

_SQL = """
SELECT
    (SELECT updated_at FROM {document} WHERE id = %(document)s),
    (SELECT max(id) FROM {history} WHERE document_id = %(document)s),
    (SELECT max(id) FROM {history} WHERE document_id IS NULL AND content_type_id = ANY(%(shared)s)),
    u.n, u.last_change, u.last_id,
    (SELECT count(*) || ':' || coalesce(max(m.id), 0) FROM {measure} m
        JOIN {update} mu ON mu.id = m.update_id JOIN {recommendation} mr ON mr.id = mu.recommendation_id
        WHERE mr.document_id = %(document)s AND mu.review_state = %(validated)s),
    (SELECT count(*) || ':' || coalesce(max(e.id), 0) FROM {evidence} e
        JOIN {update} eu ON eu.id = e.update_id JOIN {recommendation} er ON er.id = eu.recommendation_id
        WHERE er.document_id = %(document)s AND eu.review_state = %(validated)s)
FROM (
    SELECT count(*) AS n, max(pu.updated_at) AS last_change, max(pu.id) AS last_id
    FROM {update} pu JOIN {recommendation} r ON r.id = pu.recommendation_id
    WHERE r.document_id = %(document)s AND pu.review_state = %(validated)s
) u
"""


def _sql() -> str:
    quote = connection.ops.quote_name
    return _SQL.format(
        document=quote(Document._meta.db_table), history=quote(HistoryEntry._meta.db_table),
        update=quote(ProgressUpdate._meta.db_table), recommendation=quote(Recommendation._meta.db_table),
        measure=quote(Measure._meta.db_table), evidence=quote(Evidence._meta.db_table),
    )


def _params(document: Document) -> dict:
    # Content types are cached by Django: no query after the first.
    shared = ContentType.objects.get_for_models(Organization, Committee).values()
    return {"document": document.pk, "validated": ReviewState.VALIDATED, "shared": sorted(ct.pk for ct in shared)}


def report_data_version(document: Document) -> str:
    """A short fingerprint of everything the State's reports on ``document`` read, in one
    query; it changes with every change of that data. Kept on the document object for the
    rest of the request."""
    cached = getattr(document, "_report_data_version", None)
    if cached is not None:
        return cached
    with connection.cursor() as cursor:
        cursor.execute(_sql(), _params(document))
        row = cursor.fetchone()
    version = hashlib.sha256(repr(row).encode()).hexdigest()[:24]
    document._report_data_version = version
    return version
