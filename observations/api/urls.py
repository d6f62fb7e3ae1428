"""``/api/``: version 1 of the API under ``v1/``, its OpenAPI 3 schema at ``schema/``,
the interactive documentation at ``docs/`` (served from this site, no outside script)
and the page where users manage their tokens at ``tokens/``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .views import documents, tokens, tracking

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("documents", documents.DocumentViewSet, basename="document")
router.register("headings", documents.HeadingViewSet, basename="heading")
router.register("paragraphs", documents.ParagraphViewSet, basename="paragraph")
router.register("subparagraphs", documents.SubParagraphViewSet, basename="subparagraph")
router.register("recommendations", documents.RecommendationViewSet, basename="recommendation")
router.register("deadlines", documents.DeadlineViewSet, basename="deadline")
router.register("references", documents.ReferenceViewSet, basename="reference")
router.register("citations", documents.CitationViewSet, basename="citation")
router.register("assignments", tracking.AssignmentViewSet, basename="assignment")
router.register("updates", tracking.UpdateViewSet, basename="update")
router.register("measures", tracking.MeasureViewSet, basename="measure")
router.register("evidence", tracking.EvidenceViewSet, basename="evidence")
router.register("assessments", tracking.AssessmentViewSet, basename="assessment")
router.register("history", tracking.HistoryViewSet, basename="history")

# The schema and its documentation page describe the API: not counted in the rate limits.
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(throttle_classes=[]), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", throttle_classes=[],
                                                      template_name="observations/api/swagger_ui.html"), name="docs"),
    path("tokens/", tokens.api_tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.api_token_revoke, name="token_revoke"),
]
