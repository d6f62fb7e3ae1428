"""The published text of concluding observations: read-only, for anyone."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...choices import ImplementationStatus
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
from ...permissions import can_read_public_page, can_see_official_status
from ...selectors.deadlines import committee_state

TEXTS = OpenApiTypes.OBJECT  # {language code: text}


def shows_official_status(user, document) -> bool:
    """The pages show a document's official statuses and the Committee's grades to the
    members of its State's organizations, and on its public page, once on, to anyone."""
    return can_see_official_status(user, document) or can_read_public_page(user, document)


class LanguageVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = LanguageVersion
        fields = ["language", "title", "file_name", "checksum", "imported_at"]


class DocumentSerializer(serializers.ModelSerializer):
    committee = serializers.CharField(source="committee.code", read_only=True)
    state = serializers.CharField(source="state.code", read_only=True)
    versions = LanguageVersionSerializer(many=True, read_only=True)
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Document
        fields = [
            "id", "symbol", "slug", "committee", "state", "periodic_report", "periodic_report_last",
            "session_number", "session_start", "session_end", "adoption_date", "state_report_symbol",
            "list_of_issues_symbol", "previous_observations_symbol", "versions", "web_url",
        ]


class HeadingSerializer(serializers.ModelSerializer):
    document = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    labels = serializers.JSONField(read_only=True)
    titles = serializers.JSONField(read_only=True)

    class Meta:
        model = Heading
        fields = ["id", "document", "parent", "kind", "key", "position", "labels", "titles", "articles",
                  "first_paragraph", "last_paragraph"]


class ParagraphSerializer(serializers.ModelSerializer):
    document = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    text = serializers.JSONField(read_only=True)
    subparagraphs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Paragraph
        fields = ["id", "document", "heading", "number", "kind", "text", "subparagraphs"]


class SubParagraphSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="paragraph.document.slug", read_only=True)
    paragraph_number = serializers.IntegerField(source="paragraph.number", read_only=True)
    labels = serializers.JSONField(read_only=True)
    text = serializers.JSONField(read_only=True)

    class Meta:
        model = SubParagraph
        fields = ["id", "document", "paragraph", "paragraph_number", "letter", "position", "labels", "text"]


class RecommendationSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="document.slug", read_only=True)
    code = serializers.CharField(read_only=True)
    paragraph_number = serializers.IntegerField(source="paragraph.number", read_only=True)
    letter = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = ["id", "document", "code", "paragraph", "paragraph_number", "subparagraph", "letter", "position",
                  "text", "status"]

    def get_letter(self, recommendation) -> str | None:
        return recommendation.subparagraph.letter if recommendation.subparagraph_id else None

    @extend_schema_field(TEXTS)
    def get_text(self, recommendation):
        return (recommendation.subparagraph if recommendation.subparagraph_id else recommendation.paragraph).text

    @extend_schema_field(serializers.ChoiceField(choices=ImplementationStatus.choices, allow_null=True))
    def get_status(self, recommendation):
        """The official (validated) status, for whom the document's pages show it (the
        members of the State's organizations; anyone once the document's public page is
        on); null for everyone else."""
        request = self.context.get("request")
        user = request.user if request else None
        return recommendation.status if shows_official_status(user, recommendation.document) else None


class DeadlineStateSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    days = serializers.IntegerField(allow_null=True)


class DeadlineItemSerializer(serializers.ModelSerializer):
    paragraph_number = serializers.IntegerField(source="paragraph.number", read_only=True)
    letter = serializers.SerializerMethodField()

    class Meta:
        model = DeadlineItem
        fields = ["paragraph", "paragraph_number", "subparagraph", "letter"]

    def get_letter(self, item) -> str | None:
        return item.subparagraph.letter if item.subparagraph_id else None


class DeadlineSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="document.slug", read_only=True)
    effective_date = serializers.DateField(read_only=True, allow_null=True)
    state = serializers.SerializerMethodField()
    items = DeadlineItemSerializer(many=True, read_only=True)

    class Meta:
        model = Deadline
        fields = ["id", "document", "kind", "due_date", "precision", "period_months", "report_number",
                  "report_number_last", "description", "met_on", "met_symbol", "extended_to", "effective_date",
                  "state", "items"]

    @extend_schema_field(DeadlineStateSerializer)
    def get_state(self, deadline):
        state = committee_state(deadline)
        return {"code": state.code, "text": str(state.text), "date": state.date, "days": state.days}


class ReferenceSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="paragraph.document.slug", read_only=True)

    class Meta:
        model = Reference
        fields = ["id", "document", "paragraph", "subparagraph", "kind", "target_symbol", "target_number",
                  "target_letter", "target"]


class CitationSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="paragraph.document.slug", read_only=True)

    class Meta:
        model = Citation
        fields = ["id", "document", "paragraph", "subparagraph", "kind", "value"]
