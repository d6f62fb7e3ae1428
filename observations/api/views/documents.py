"""Public, read-only: the published text of concluding observations, as the document
pages show it to anyone. A recommendation's official status is shown only to whom the
pages show it (``permissions.can_see_official_status``)."""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import viewsets

from ...models import (
    Citation,
    Deadline,
    DeadlineItem,
    Document,
    Heading,
    LanguageVersion,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
)
from .. import filters
from .. import serializers as s


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    ordering = ("id",)
    ordering_fields = ("id",)


class DocumentViewSet(PublicViewSet):
    """Concluding observations, each with its language versions."""

    serializer_class = s.DocumentSerializer
    filterset_class = filters.DocumentFilter
    lookup_field = "slug"
    ordering_fields = ("id", "symbol")
    queryset = Document.objects.select_related("committee").prefetch_related(
        Prefetch("versions", queryset=LanguageVersion.objects.defer("original", "findings").order_by("language"))
    )


class HeadingViewSet(PublicViewSet):
    """Sections, clusters and topics of the documents."""

    serializer_class = s.HeadingSerializer
    filterset_class = filters.HeadingFilter
    ordering_fields = ("id", "position")
    queryset = Heading.objects.select_related("document")


class ParagraphViewSet(PublicViewSet):
    """Numbered paragraphs, their text in each language."""

    serializer_class = s.ParagraphSerializer
    filterset_class = filters.ParagraphFilter
    ordering_fields = ("id", "number")
    queryset = Paragraph.objects.select_related("document").prefetch_related(
        Prefetch("subparagraphs", queryset=SubParagraph.objects.only("id", "paragraph_id"))
    )


class SubParagraphViewSet(PublicViewSet):
    """Lettered sub-paragraphs."""

    serializer_class = s.SubParagraphSerializer
    filterset_class = filters.SubParagraphFilter
    ordering_fields = ("id", "position")
    queryset = SubParagraph.objects.select_related("paragraph__document")


class RecommendationViewSet(PublicViewSet):
    """Recommendations (a lettered sub-paragraph, or the whole paragraph), with their
    official status for the members of the State's organizations (null for others)."""

    serializer_class = s.RecommendationSerializer
    filterset_class = filters.RecommendationFilter
    ordering_fields = ("id", "position")
    queryset = Recommendation.objects.select_related("document", "paragraph", "subparagraph")


class DeadlineViewSet(PublicViewSet):
    """The Committee's deadlines, each with its state today."""

    serializer_class = s.DeadlineSerializer
    filterset_class = filters.DeadlineFilter
    queryset = Deadline.objects.select_related("document").prefetch_related(
        Prefetch("items", queryset=DeadlineItem.objects.select_related("paragraph", "subparagraph"))
    )


class ReferenceViewSet(PublicViewSet):
    """Paragraphs pointing to paragraphs of other documents."""

    serializer_class = s.ReferenceSerializer
    filterset_class = filters.ReferenceFilter
    queryset = Reference.objects.select_related("paragraph__document")


class CitationViewSet(PublicViewSet):
    """SDG targets and Convention articles cited by paragraphs."""

    serializer_class = s.CitationSerializer
    filterset_class = filters.CitationFilter
    queryset = Citation.objects.select_related("paragraph__document")
