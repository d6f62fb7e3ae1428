"""What the API shows of each object: ``documents`` for the public text, ``tracking`` for
the follow-up work (read and write)."""

from .documents import (
    CitationSerializer,
    DeadlineSerializer,
    DocumentSerializer,
    HeadingSerializer,
    ParagraphSerializer,
    RecommendationSerializer,
    ReferenceSerializer,
    SubParagraphSerializer,
)
from .tracking import (
    AssessmentSerializer,
    AssignmentSerializer,
    EvidenceSerializer,
    HistorySerializer,
    MeasureSerializer,
    ReturnSerializer,
    SubmitSerializer,
    UpdateCreateSerializer,
    UpdateSerializer,
)

__all__ = [
    "AssessmentSerializer", "AssignmentSerializer", "CitationSerializer", "DeadlineSerializer", "DocumentSerializer",
    "EvidenceSerializer", "HeadingSerializer", "HistorySerializer", "MeasureSerializer", "ParagraphSerializer",
    "RecommendationSerializer", "ReferenceSerializer", "ReturnSerializer", "SubParagraphSerializer",
    "SubmitSerializer", "UpdateCreateSerializer", "UpdateSerializer",
]
