"""What tells whether a State's report on a document has to be built again: one cheap query
giving a fingerprint of everything the report reads (``exports.state_report`` keeps each
built report, and its .docx, under that fingerprint).

A report reads the document, its committee, paragraphs, sub-paragraphs, headings,
recommendations (their official status), deadlines and deadline items, the validated
progress updates with their measures and links, and the names of the organizations.
Every write to any of them goes through a service or the audited admin, which records a
history entry naming the document (or, for an organization or a committee, none); the
validated updates, their measures and links, the recommendations' statuses, the paragraphs
and the deadlines with their items are also read directly, so that a change made around the
services (a script, a bulk update) still changes the fingerprint — all but an edit of a
text in place, which only the importer and the admin make, both recorded. History ids and
timestamps only grow, so a fingerprint once left never comes back.

That query is PostgreSQL's; on any other database (the embedded demo's SQLite) the same
facts are read with the ORM, in a few queries (``_portable_row``).
"""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Max

from ..choices import ReviewState
from ..models import (
    Committee,
    Deadline,
    DeadlineItem,
    Document,
    Evidence,
    HistoryEntry,
    Measure,
    Organization,
    Paragraph,
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
        WHERE er.document_id = %(document)s AND eu.review_state = %(validated)s),
    (SELECT md5(string_agg(r.id || ':' || r.paragraph_id || ':' || coalesce(r.subparagraph_id, 0) || ':' || r.status,
                           ',' ORDER BY r.id))
        FROM {recommendation} r WHERE r.document_id = %(document)s),
    (SELECT count(*) || ':' || coalesce(max(p.id), 0) FROM {paragraph} p WHERE p.document_id = %(document)s),
    (SELECT md5(string_agg(concat_ws(':', d.id, d.kind, d.due_date, d.extended_to, d.met_on,
                                     (SELECT string_agg(i.paragraph_id || '.' || coalesce(i.subparagraph_id, 0), ','
                                                        ORDER BY i.id) FROM {item} i WHERE i.deadline_id = d.id)),
                           ',' ORDER BY d.id))
        FROM {deadline} d WHERE d.document_id = %(document)s)
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
        paragraph=quote(Paragraph._meta.db_table), deadline=quote(Deadline._meta.db_table),
        item=quote(DeadlineItem._meta.db_table),
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
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_sql(), _params(document))
            row = cursor.fetchone()
    else:
        row = _portable_row(document)
    version = hashlib.sha256(repr(row).encode()).hexdigest()[:24]
    document._report_data_version = version
    return version



def _portable_row(document: Document) -> tuple:
    """The facts of ``_SQL``, read with the ORM (databases other than PostgreSQL)."""
    validated = ProgressUpdate.objects.filter(recommendation__document=document, review_state=ReviewState.VALIDATED)

    def last(queryset, *fields):
        return tuple(queryset.aggregate(n=Count("id"), last_id=Max("id"),
                                        **{f: Max(f) for f in fields}).values())

    return (
        Document.objects.filter(pk=document.pk).values_list("updated_at", flat=True).first(),
        last(HistoryEntry.objects.filter(document=document)),
        last(HistoryEntry.objects.filter(document__isnull=True, content_type_id__in=_params(document)["shared"])),
        last(validated, "updated_at"),
        last(Measure.objects.filter(update__in=validated)),
        last(Evidence.objects.filter(update__in=validated)),
        last(Paragraph.objects.filter(document=document)),
        tuple(Recommendation.objects.filter(document=document).order_by("id")
              .values_list("id", "paragraph_id", "subparagraph_id", "status")),
        tuple(Deadline.objects.filter(document=document).order_by("id")
              .values_list("id", "kind", "due_date", "extended_to", "met_on")),
        tuple(DeadlineItem.objects.filter(deadline__document=document).order_by("id")
              .values_list("deadline_id", "paragraph_id", "subparagraph_id")),
    )
