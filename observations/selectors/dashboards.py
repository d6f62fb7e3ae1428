"""The coordinator's dashboards of a document: official status counts, totals and overdue
contributions of its recommendations by paragraph, theme, organization or deadline.

Each row is a dict: ``name``, ``url`` (the filtered list of those recommendations, or
""), ``total``, ``overdue``, ``counts`` ({status: n}) and ``counts_object`` (the
``StatusCounts``, for the status bar). Counts come from grouped queries (one per kind of
row), never one per row.
"""

from __future__ import annotations

from collections import OrderedDict

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ..choices import DeadlineKind, ImplementationStatus
from ..models import Deadline, DeadlineItem, Document, Organization, Paragraph
from .tracking import StatusCounts, follow_up_exists, overdue_q, status_rollup

DIMENSIONS = OrderedDict(
    [
        ("paragraphs", gettext_lazy("By paragraph")),
        ("themes", gettext_lazy("By theme")),
        ("organizations", gettext_lazy("By organization")),
        ("deadlines", gettext_lazy("By deadline")),
    ]
)


def counts_by(queryset: QuerySet, group: str) -> dict:
    """{value of ``group``: (total, overdue, StatusCounts)} in one query."""
    rows = queryset.values(group).annotate(
        total=Count("id"),
        overdue=Count("id", filter=overdue_q()),
        **{f"n_{status}": Count("id", filter=Q(status=status)) for status in ImplementationStatus.values},
    ).order_by(group)
    return {
        row[group]: (row["total"], row["overdue"],
                     StatusCounts({s: row[f"n_{s}"] for s in ImplementationStatus.values if row[f"n_{s}"]}))
        for row in rows
    }


def row(name: str, data: tuple | None, url: str = "", **extra) -> dict:
    total, overdue, counts = data or (0, 0, StatusCounts())
    return {"name": name, "url": url, "total": total, "overdue": overdue, "counts": counts.counts,
            "counts_object": counts, **extra}


def document_totals(document: Document) -> dict:
    """The document's own row: every recommendation."""
    return row(document.symbol, counts_by(document.recommendations.order_by(), "document_id").get(document.pk))


def _list_url(document: Document, query: str = "") -> str:
    return reverse("observations:tracking_recommendations", args=[document.slug]) + query


def paragraph_rows(document: Document, language: str) -> list[dict]:
    by_paragraph = counts_by(document.recommendations.all(), "paragraph__number")
    follow_up = set(
        DeadlineItem.objects.filter(deadline__document=document, deadline__kind=DeadlineKind.FOLLOW_UP)
        .values_list("paragraph__number", flat=True)
    )
    paragraphs = Paragraph.objects.filter(document=document, number__in=list(by_paragraph)).select_related("heading")
    rows = []
    for paragraph in paragraphs.order_by("number"):
        star = " ★" if paragraph.number in follow_up else ""
        heading = paragraph.heading.title_in(language) if paragraph.heading else ""
        name = _("Paragraph %(number)s") % {"number": paragraph.number} + star + (f" — {heading}" if heading else "")
        rows.append(row(name, by_paragraph[paragraph.number], _list_url(document, f"?q={paragraph.number}")))
    return rows


def theme_rows(document: Document, language: str) -> list[dict]:
    """Clusters and topics with the counts of everything below them (``status_rollup``);
    no overdue column (a recommendation counts under several themes)."""
    rows = []
    for heading in status_rollup(document).heading_rows:
        if heading["kind"] not in ("cluster", "topic") or not heading["counts"].total:
            continue
        titles = heading["titles"] or {"": ""}
        title = titles.get(language) or next(iter(titles.values()))
        prefix = f"{heading['key']}. " if heading["kind"] == "cluster" and heading["key"] else "    "
        counts = heading["counts"]
        rows.append(row(prefix + title, (counts.total, "", counts), kind=heading["kind"]))
    return rows


def organization_rows(document: Document) -> list[dict]:
    recommendations = document.recommendations.all()
    lead = counts_by(recommendations, "assignment__lead_id")
    supporting = counts_by(recommendations.filter(assignment__supporting__isnull=False), "assignment__supporting__id")
    language = get_language()
    names = {o.pk: o.name_in(language)
             for o in Organization.objects.filter(pk__in=[k for k in (*lead, *supporting) if k])}
    rows = []
    for pk in sorted((k for k in lead if k), key=lambda k: names.get(k, "")):
        rows.append(row(_("%(org)s — lead") % {"org": names[pk]}, lead[pk], _list_url(document, f"?lead={pk}")))
    for pk in sorted((k for k in supporting if k), key=lambda k: names.get(k, "")):
        rows.append(row(_("%(org)s — supporting") % {"org": names[pk]}, supporting[pk]))
    if None in lead:
        rows.append(row(_("Not assigned yet"), lead[None], _list_url(document, "?unassigned=on")))
    return rows


def deadline_rows(document: Document) -> list[dict]:
    """The Committee's dated deadlines (follow-up: its recommendations; next report: all),
    then the internal deadlines set by the coordinator."""
    recommendations = document.recommendations.all()
    rows = []
    for deadline in Deadline.objects.filter(document=document, due_date__isnull=False).order_by("due_date"):
        if deadline.kind == DeadlineKind.FOLLOW_UP:
            scope, url = recommendations.filter(follow_up_exists()), _list_url(document, "?follow_up=on")
        elif deadline.kind == DeadlineKind.NEXT_PERIODIC_REPORT:
            scope, url = recommendations, _list_url(document)
        else:
            continue
        name = _("Committee: %(kind)s, %(date)s") % {"kind": deadline.get_kind_display(),
                                                     "date": deadline.due_date.isoformat()}
        rows.append(row(name, counts_by(scope, "document_id").get(document.pk), url))
    for date, data in counts_by(recommendations, "assignment__internal_deadline").items():
        if date is not None:
            rows.append(row(_("Internal deadline %(date)s") % {"date": date.isoformat()}, data))
    return rows


def dashboard_rows(document: Document, dimension: str, language: str) -> list[dict]:
    if dimension == "paragraphs":
        return paragraph_rows(document, language)
    if dimension == "themes":
        return theme_rows(document, language)
    if dimension == "organizations":
        return organization_rows(document)
    return deadline_rows(document)
