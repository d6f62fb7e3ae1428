"""Reading the change log: what a recommendation's or a document's page shows.

Who may read it is not decided here: the pages show a recommendation's history only to
those who see its internal tracking (``permissions.recommendation_access`` is FULL)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from ..models import (
    Citation,
    Deadline,
    DeadlineItem,
    Document,
    HistoryEntry,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
)


def _type(model) -> ContentType:
    return ContentType.objects.get_for_model(model)  # cached after the first call


def _in_snapshot(key: str, value) -> Q:
    return Q(**{f"before__{key}": value}) | Q(**{f"after__{key}": value})


def _names_recommendation(recommendation: Recommendation, prefix: str = "") -> Q:
    """Rows (current ones, by their fields) that name the recommendation's paragraph, whole
    or by the recommendation's own sub-paragraph."""
    q = Q(**{f"{prefix}paragraph_id": recommendation.paragraph_id})
    sub = Q(**{f"{prefix}subparagraph__isnull": True})
    if recommendation.subparagraph_id:
        sub |= Q(**{f"{prefix}subparagraph_id": recommendation.subparagraph_id})
    return q & sub


def _snapshot_names_recommendation(recommendation: Recommendation) -> Q:
    """Entries whose before or after names the recommendation's paragraph (and, for a
    lettered recommendation, no other sub-paragraph than its own)."""
    paragraph = recommendation.paragraph_id
    q = Q()
    for side in ("before", "after"):
        named = Q(**{f"{side}__paragraph": paragraph})
        if recommendation.subparagraph_id:
            named &= Q(**{f"{side}__subparagraph": None}) | Q(**{f"{side}__subparagraph":
                                                                recommendation.subparagraph_id})
        q |= named
    return q


def history_for(recommendation: Recommendation) -> QuerySet:
    """The recommendation's entries, and those about its paragraph, its sub-paragraph, the
    references and citations of that paragraph, and the deadlines (and deadline items)
    that name it. Newest first, in one query."""
    deadline_ids = DeadlineItem.objects.filter(_names_recommendation(recommendation)).values("deadline_id")
    about = (
        Q(content_type=_type(Paragraph), object_id=recommendation.paragraph_id)
        | Q(content_type=_type(Deadline), object_id__in=deadline_ids)
        | Q(content_type__in=[_type(DeadlineItem), _type(Reference), _type(Citation)])
        & _snapshot_names_recommendation(recommendation)
    )
    if recommendation.subparagraph_id:
        about |= Q(content_type=_type(SubParagraph), object_id=recommendation.subparagraph_id)
    return (
        HistoryEntry.objects.filter(Q(recommendation=recommendation) | Q(document_id=recommendation.document_id)
                                    & about)
        .select_related("actor", "update", "content_type")
    )


def history_for_document(document: Document) -> QuerySet:
    """Every entry about the document or anything in it, newest first."""
    return HistoryEntry.objects.filter(document=document).select_related("actor", "update", "content_type",
                                                                         "recommendation")
