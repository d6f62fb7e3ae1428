"""The follow-up work: what signed-in users read (each list already filtered by the
permission module) and the bodies of the writes the pages allow."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ... import permissions as perms
from ...choices import ImplementationStatus, Language, MeasureKind
from ...models import (
    Assignment,
    CommitteeAssessment,
    Evidence,
    HistoryEntry,
    Measure,
    Organization,
    ProgressUpdate,
    Recommendation,
    display_name,
)

ACTIONS = [perms.VIEW, perms.EDIT, perms.SUBMIT, perms.CORRECT, perms.VALIDATE, perms.RETURN]


class OrganizationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="state.code", read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "kind", "state"]


class AssignmentSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="recommendation.document.slug", read_only=True)
    code = serializers.CharField(source="recommendation.code", read_only=True)
    lead = OrganizationSerializer(read_only=True)
    supporting = OrganizationSerializer(many=True, read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "recommendation", "document", "code", "lead", "supporting", "internal_deadline", "note",
                  "created_at", "updated_at"]


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "update", "position", "kind", "description", "date"]


class EvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "update", "file_name", "content_type", "size", "link", "description", "added_at",
                  "download_url"]

    def get_download_url(self, evidence) -> str | None:
        """The site's permission-checked download address of a file (null for a link)."""
        if not evidence.is_file:
            return None
        request = self.context.get("request")
        url = evidence.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class UpdateSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True)
    code = serializers.CharField(source="recommendation.code", read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = ["id", "recommendation", "code", "organization", "chain", "version", "previous", "lock_version",
                  "status", "narrative", "language", "as_of", "review_state", "created_at", "updated_at",
                  "submitted_at", "reviewed_at", "review_comment", "measures", "evidence", "actions"]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=ACTIONS)))
    def get_actions(self, update):
        """What the reader may do with the update now, from the predicates the
        recommendation page asks, with the batch predicate for corrections (one query for
        the whole list, given in the context as ``correctable``)."""
        request = self.context.get("request")
        if request is None:
            return []
        user = request.user
        correctable = self.context.get("correctable")
        if correctable is None:
            correctable = perms.correctable_update_ids(user, [update])
        actions = {perms.VIEW} if perms.can_view_update(user, update) else set()
        if actions and perms.can_edit_update(user, update):
            actions |= {perms.EDIT, perms.SUBMIT}
        if actions and update.pk in correctable:
            actions.add(perms.CORRECT)
        if actions and perms.can_validate_update(user, update):
            actions |= {perms.VALIDATE, perms.RETURN}
        return sorted(actions)


class MeasureInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MeasureKind.choices)
    description = serializers.CharField(max_length=5000)
    date = serializers.DateField(required=False, allow_null=True)


class UpdateCreateSerializer(serializers.Serializer):
    """A new draft update on behalf of one of the writer's organizations assigned to the
    recommendation; ``submit`` sends it for review at once."""

    recommendation = serializers.PrimaryKeyRelatedField(queryset=Recommendation.objects.all())
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    status = serializers.ChoiceField(choices=ImplementationStatus.choices)
    narrative = serializers.CharField(max_length=50000)
    language = serializers.ChoiceField(choices=Language.choices)
    as_of = serializers.DateField()
    measures = MeasureInputSerializer(many=True, required=False, default=list)
    submit = serializers.BooleanField(required=False, default=False)
    submission_key = serializers.UUIDField(required=False, allow_null=True,
                                           help_text="Send the same key again to be sure the update is made once.")


class SubmitSerializer(serializers.Serializer):
    lock_version = serializers.IntegerField(
        required=False, allow_null=True, min_value=0,
        help_text="The lock_version read: refused with 409 if someone changed the draft since.")


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000, help_text="What needs to change.")


class AssessmentSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="recommendation.code", read_only=True)
    note = serializers.SerializerMethodField()

    class Meta:
        model = CommitteeAssessment
        fields = ["id", "recommendation", "code", "grade", "letter_date", "letter_symbol", "note", "recorded_at"]

    def get_note(self, assessment) -> str:
        """The Committee's words, for the members of the State's organizations (the public
        page shows the grade only)."""
        request = self.context.get("request")
        user = request.user if request else None
        return assessment.note if perms.can_see_official_status(user, assessment.recommendation.document) else ""


class HistorySerializer(serializers.ModelSerializer):
    document = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor = serializers.SerializerMethodField()
    before = serializers.SerializerMethodField()
    after = serializers.SerializerMethodField()

    class Meta:
        model = HistoryEntry
        fields = ["id", "at", "action", "actor", "object_repr", "document", "recommendation", "update", "before",
                  "after", "comment"]

    def get_actor(self, entry) -> str | None:
        return display_name(entry.actor, missing=None)

    @extend_schema_field(OpenApiTypes.ANY)
    def get_before(self, entry):
        return entry.before

    @extend_schema_field(OpenApiTypes.ANY)
    def get_after(self, entry):
        return entry.after
