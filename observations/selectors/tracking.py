"""Tracking queries: follow-up flags, overdue annotations, validated information, history and the
status roll-up from recommendations to paragraphs, headings and the document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from ..choices import DeadlineKind, ImplementationStatus, ReviewState
from ..models import (
    CommitteeAssessment,
    DeadlineItem,
    Document,
    Heading,
    ProgressUpdate,
    Recommendation,
)
from . import audit
from .deadlines import submitted_exists, validated_on_subquery

# --- Recommendations -----------------------------------------------------------------


def follow_up_exists():
    """True for a recommendation the Committee asked follow-up information on: its
    paragraph is named by a follow-up deadline, either whole or by this sub-paragraph."""
    return Exists(
        DeadlineItem.objects.filter(deadline__kind=DeadlineKind.FOLLOW_UP, paragraph_id=OuterRef("paragraph_id")).filter(
            Q(subparagraph__isnull=True) | Q(subparagraph_id=OuterRef("subparagraph_id"))
        )
    )


def reported_exists():
    """True when some organization has submitted (or had validated) an update."""
    return Exists(
        ProgressUpdate.objects.filter(
            recommendation_id=OuterRef("pk"), review_state__in=[ReviewState.SUBMITTED, ReviewState.VALIDATED]
        )
    )


def is_follow_up(recommendation: Recommendation) -> bool:
    return Recommendation.objects.filter(pk=recommendation.pk).filter(follow_up_exists()).exists()


def overdue_q(today: dt.date | None = None) -> Q:
    """The one rule for an overdue contribution: the internal deadline has passed (a
    deadline that falls today is not overdue yet) and no organization has submitted an
    update."""
    today = today or timezone.localdate()
    return Q(assignment__internal_deadline__lt=today) & ~Q(reported_exists())


def with_tracking(queryset: QuerySet, today: dt.date | None = None) -> QuerySet:
    """Recommendations with what lists need: their paragraph, sub-paragraph, document,
    assignment and lead organization in the same query; ``is_follow_up``, ``has_report``
    and ``is_overdue`` (``overdue_q``) annotated, with ``validated_on`` and ``awaiting_review``
    for the internal deadline's state (``selectors.deadlines``); the supporting
    organizations prefetched (one more query)."""
    today = today or timezone.localdate()
    return (
        queryset.select_related("paragraph", "subparagraph", "document", "assignment", "assignment__lead")
        .prefetch_related("assignment__supporting")
        .annotate(is_follow_up=follow_up_exists(), has_report=reported_exists())
        .annotate(validated_on=validated_on_subquery(), awaiting_review=submitted_exists())
        .annotate(
            is_overdue=Case(
                When(Q(assignment__internal_deadline__lt=today) & Q(has_report=False), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def current_validated_updates(queryset: QuerySet | None = None) -> QuerySet:
    """Validated updates that still count: no later version of the same update has been
    validated since. This is what the State's reports are made of."""
    queryset = ProgressUpdate.objects.all() if queryset is None else queryset
    newer = ProgressUpdate.objects.filter(
        chain=OuterRef("chain"), version__gt=OuterRef("version"), review_state=ReviewState.VALIDATED
    )
    return queryset.filter(review_state=ReviewState.VALIDATED).exclude(Exists(newer))


# --- History and assessments -----------------------------------------------------------


def history_for(recommendation: Recommendation) -> QuerySet:
    """The change log as the recommendation page shows it (see ``selectors.audit``)."""
    return audit.history_for(recommendation)


def assessments_for(recommendation: Recommendation) -> QuerySet:
    return CommitteeAssessment.objects.filter(recommendation=recommendation).select_related("recorded_by")


# --- Status roll-up ------------------------------------------------------------------


@dataclass
class StatusCounts:
    """How many recommendations stand at each official status."""

    counts: dict = field(default_factory=dict)

    def add(self, status: str, n: int) -> None:
        self.counts[status] = self.counts.get(status, 0) + n

    def merge(self, other: StatusCounts) -> None:
        for status, n in other.counts.items():
            self.add(status, n)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def get(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def segments(self) -> list[dict]:
        """For a stacked bar: status, label, colour, count and percentage, in choice order."""
        total = self.total
        return [
            {
                "status": status.value,
                "label": status.label,
                "colour": status.colour,
                "count": self.counts.get(status, 0),
                "percent": round(100 * self.counts.get(status, 0) / total, 1) if total else 0,
            }
            for status in ImplementationStatus
            if self.counts.get(status)
        ]


@dataclass
class Rollup:
    document: StatusCounts
    paragraphs: dict  # paragraph number -> StatusCounts
    headings: dict  # heading id -> StatusCounts (descendants included)
    heading_rows: list  # headings in document order, as dicts with "counts"


def status_rollup(document: Document, recommendations: QuerySet | None = None) -> Rollup:
    """Official status counts rolled up from recommendations to paragraphs, topics,
    clusters, sections and the document, in two queries."""
    recommendations = document.recommendations.all() if recommendations is None else recommendations
    rows = recommendations.values("paragraph__number", "paragraph__heading_id", "status").annotate(n=Count("id"))
    headings = list(
        Heading.objects.filter(document=document).values("id", "parent_id", "kind", "key", "titles", "position")
    )
    parents = {h["id"]: h["parent_id"] for h in headings}
    total = StatusCounts()
    paragraphs: dict = {}
    by_heading: dict = {}
    for row in rows:
        status, n = row["status"], row["n"]
        total.add(status, n)
        paragraphs.setdefault(row["paragraph__number"], StatusCounts()).add(status, n)
        heading_id = row["paragraph__heading_id"]
        seen = set()
        while heading_id is not None and heading_id not in seen:
            seen.add(heading_id)
            by_heading.setdefault(heading_id, StatusCounts()).add(status, n)
            heading_id = parents.get(heading_id)
    heading_rows = [dict(h, counts=by_heading.get(h["id"], StatusCounts())) for h in headings]
    return Rollup(document=total, paragraphs=paragraphs, headings=by_heading, heading_rows=heading_rows)


def status_counts_by_document(documents) -> dict:
    """{document id: StatusCounts} of the documents' recommendations, in one query (the
    document level of ``status_rollup`` for a list of documents)."""
    counts = {document.pk: StatusCounts() for document in documents}
    if counts:
        rows = (
            Recommendation.objects.filter(document_id__in=list(counts)).values("document_id", "status")
            .annotate(n=Count("id")).order_by()
        )
        for row in rows:
            counts[row["document_id"]].add(row["status"], row["n"])
    return counts


def heading_descendant_ids(heading: Heading) -> set:
    """The heading and every heading below it (one query for the document's tree)."""
    children: dict = {}
    for pk, parent in Heading.objects.filter(document_id=heading.document_id).values_list("id", "parent_id"):
        children.setdefault(parent, []).append(pk)
    result, stack = set(), [heading.pk]
    while stack:
        pk = stack.pop()
        if pk in result:
            continue
        result.add(pk)
        stack.extend(children.get(pk, []))
    return result
