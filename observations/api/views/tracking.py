"""The follow-up work, for signed-in users: every list is the permission module's
queryset filter, every write the tracking service the pages call (same checks, same
history entries). A service's refusal becomes 403 (not allowed), 409 (the update
changed meanwhile) or 400 (a field to correct); see ``api.exceptions``."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from ... import permissions as perms
from ...models import Assignment, CommitteeAssessment, Document, Evidence, HistoryEntry, Measure, ProgressUpdate
from ...services import tracking as services
from .. import filters
from .. import serializers as s
from ..permissions import SignedIn, UpdateWrites

ERRORS = {
    400: OpenApiResponse(description="A field to correct; nothing was changed."),
    403: OpenApiResponse(description="Not allowed for this user."),
    404: OpenApiResponse(description="No such update for this user."),
    409: OpenApiResponse(description="The update changed meanwhile; nothing was changed."),
}


class TrackingViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [SignedIn]
    ordering = ("id",)
    ordering_fields = ("id",)


class AssignmentViewSet(TrackingViewSet):
    """Who answers for each recommendation the user follows, and by when."""

    serializer_class = s.AssignmentSerializer
    filterset_class = filters.AssignmentFilter
    queryset = Assignment.objects.none()

    def get_queryset(self):
        visible = perms.recommendations_visible_to(self.request.user)
        return Assignment.objects.filter(recommendation__in=visible).select_related(
            "recommendation__document", "recommendation__paragraph", "recommendation__subparagraph", "lead",
        ).prefetch_related("supporting")


def _updates_for(user):
    return perms.updates_visible_to(user).select_related(
        "organization", "recommendation__document", "recommendation__paragraph", "recommendation__subparagraph",
        "recommendation__assignment",
    ).prefetch_related("measures", "evidence", "recommendation__assignment__supporting")


class UpdateViewSet(mixins.CreateModelMixin, TrackingViewSet):
    """Progress updates the user may read; a focal point creates and submits them, a
    coordinator validates or returns them."""

    serializer_class = s.UpdateSerializer
    filterset_class = filters.UpdateFilter
    permission_classes = [UpdateWrites]
    ordering_fields = ("id", "created_at", "as_of")
    queryset = ProgressUpdate.objects.none()

    def get_queryset(self):
        return _updates_for(self.request.user)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = {**self.get_serializer_context(),
                   "correctable": perms.correctable_update_ids(request.user, page)}
        return self.get_paginated_response(s.UpdateSerializer(page, many=True, context=context).data)

    def _answer(self, update, code=status.HTTP_200_OK):
        fresh = _updates_for(self.request.user).filter(pk=update.pk).first() or update
        return Response(s.UpdateSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.UpdateCreateSerializer, responses={201: s.UpdateSerializer, **ERRORS})
    def create(self, request, *args, **kwargs):
        data = s.UpdateCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        measures = [services.MeasureData(m["kind"], m["description"], m.get("date")) for m in fields["measures"]]
        with transaction.atomic():
            update = services.create_update(
                fields["recommendation"], organization=fields["organization"], by=request.user,
                status=fields["status"], narrative=fields["narrative"], language=fields["language"],
                as_of=fields["as_of"], measures=measures, submission_key=fields.get("submission_key"),
            )
            if fields["submit"]:
                update = services.submit_update(update, by=request.user, expected_version=update.lock_version)
        return self._answer(update, status.HTTP_201_CREATED)

    @extend_schema(request=s.SubmitSerializer, responses={200: s.UpdateSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft for review (frozen from then on)."""
        update = self.get_object()
        body = s.SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        update = services.submit_update(update, by=request.user, expected_version=body.validated_data.get("lock_version"))
        return self._answer(update)

    @extend_schema(request=None, responses={200: s.UpdateSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        """Accept a submitted update: it sets the recommendation's official status."""
        return self._answer(services.validate_update(self.get_object(), by=request.user))

    @extend_schema(request=s.ReturnSerializer, responses={200: s.UpdateSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def return_update(self, request, pk=None):
        """Send a submitted update back to its organization with a comment."""
        update = self.get_object()
        body = s.ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(services.return_update(update, by=request.user, comment=body.validated_data["comment"]))


class MeasureViewSet(TrackingViewSet):
    """The measures reported in the updates the user may read."""

    serializer_class = s.MeasureSerializer
    filterset_class = filters.MeasureFilter
    queryset = Measure.objects.none()

    def get_queryset(self):
        return Measure.objects.filter(update__in=perms.updates_visible_to(self.request.user))


class EvidenceViewSet(TrackingViewSet):
    """What is known of the evidence of the updates the user may read; files are
    downloaded from the site's permission-checked address."""

    serializer_class = s.EvidenceSerializer
    filterset_class = filters.EvidenceFilter
    queryset = Evidence.objects.none()

    def get_queryset(self):
        return Evidence.objects.filter(update__in=perms.updates_visible_to(self.request.user))


class AssessmentViewSet(TrackingViewSet):
    """The Committee's grades: for the members of the State's organizations, and for
    anyone on the documents whose public page is on (without the note, as that page)."""

    serializer_class = s.AssessmentSerializer
    filterset_class = filters.AssessmentFilter
    permission_classes = [AllowAny]
    queryset = CommitteeAssessment.objects.none()

    def get_queryset(self):
        user = self.request.user
        public = perms.recommendations_public_to(user)
        open_documents = [d.pk for d in Document.objects.filter(public_page=True).only("pk", "public_page")
                          if perms.can_read_public_page(user, d)]
        return CommitteeAssessment.objects.filter(
            Q(recommendation__in=public) | Q(recommendation__document__in=open_documents)
        ).select_related("recommendation__document", "recommendation__paragraph", "recommendation__subparagraph")


class HistoryViewSet(TrackingViewSet):
    """The change log as the recommendation pages show it: the entries of the
    recommendations whose tracking the user reads, and the entries about the documents
    whose whole tracking they read (coordinators and viewers of the State)."""

    serializer_class = s.HistorySerializer
    filterset_class = filters.HistoryFilter
    ordering = ("-id",)
    ordering_fields = ("id", "at")
    queryset = HistoryEntry.objects.none()

    def get_queryset(self):
        user = self.request.user
        entries = HistoryEntry.objects.filter(Q(recommendation__isnull=False)
                                              | Q(document__in=perms.documents_tracked_by(user)))
        return perms.history_visible_to(self.request.user, entries).select_related("actor", "document")


