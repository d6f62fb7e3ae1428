"""Filters of the API's lists (django-filter), by the fields a client looks things up by:
a document's slug, a State, a paragraph number, a review state…"""

from __future__ import annotations

import django_filters as filters
from django_countries import countries

from ..models import (
    Assignment,
    Citation,
    CommitteeAssessment,
    Deadline,
    Document,
    Evidence,
    Heading,
    HistoryEntry,
    Measure,
    Paragraph,
    ProgressUpdate,
    Recommendation,
    Reference,
    SubParagraph,
)


def _document(field="document__slug"):
    return filters.CharFilter(field_name=field, help_text="The document's slug, e.g. CMW_C_KGZ_CO_2.")


class DocumentFilter(filters.FilterSet):
    committee = filters.CharFilter(field_name="committee__code", help_text="Committee code, e.g. CMW.")
    state = filters.ChoiceFilter(choices=list(countries), help_text="ISO 3166 code of the State, e.g. KG.")
    symbol = filters.CharFilter(field_name="symbol")
    adopted_after = filters.DateFilter(field_name="adoption_date", lookup_expr="gte")
    adopted_before = filters.DateFilter(field_name="adoption_date", lookup_expr="lte")

    class Meta:
        model = Document
        fields = ["committee", "state", "symbol"]


class HeadingFilter(filters.FilterSet):
    document = _document()

    class Meta:
        model = Heading
        fields = ["document", "kind"]


class ParagraphFilter(filters.FilterSet):
    document = _document()

    class Meta:
        model = Paragraph
        fields = ["document", "kind", "number", "heading"]


class SubParagraphFilter(filters.FilterSet):
    document = _document("paragraph__document__slug")
    paragraph_number = filters.NumberFilter(field_name="paragraph__number")

    class Meta:
        model = SubParagraph
        fields = ["document", "paragraph", "paragraph_number", "letter"]


class RecommendationFilter(filters.FilterSet):
    document = _document()
    paragraph_number = filters.NumberFilter(field_name="paragraph__number")

    class Meta:
        model = Recommendation
        fields = ["document", "paragraph", "paragraph_number"]


class DeadlineFilter(filters.FilterSet):
    document = _document()

    class Meta:
        model = Deadline
        fields = ["document", "kind"]


class ReferenceFilter(filters.FilterSet):
    document = _document("paragraph__document__slug")

    class Meta:
        model = Reference
        fields = ["document", "paragraph", "kind", "target_symbol"]


class CitationFilter(filters.FilterSet):
    document = _document("paragraph__document__slug")

    class Meta:
        model = Citation
        fields = ["document", "paragraph", "kind", "value"]


class AssignmentFilter(filters.FilterSet):
    document = _document("recommendation__document__slug")

    class Meta:
        model = Assignment
        fields = ["document", "recommendation", "lead"]


class UpdateFilter(filters.FilterSet):
    document = _document("recommendation__document__slug")

    class Meta:
        model = ProgressUpdate
        fields = ["document", "recommendation", "organization", "review_state", "status", "chain"]


class MeasureFilter(filters.FilterSet):
    class Meta:
        model = Measure
        fields = ["update", "kind"]


class EvidenceFilter(filters.FilterSet):
    class Meta:
        model = Evidence
        fields = ["update"]


class AssessmentFilter(filters.FilterSet):
    document = _document("recommendation__document__slug")

    class Meta:
        model = CommitteeAssessment
        fields = ["document", "recommendation", "grade"]


class HistoryFilter(filters.FilterSet):
    document = _document()
    since = filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")

    class Meta:
        model = HistoryEntry
        fields = ["document", "recommendation", "update", "action"]
