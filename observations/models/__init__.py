"""The tracker's models. Choice sets live in ``observations.choices``."""

from .documents import (
    Citation,
    Committee,
    Deadline,
    DeadlineItem,
    Document,
    Footnote,
    Heading,
    ImportRecord,
    LanguageVersion,
    Paragraph,
    Recommendation,
    Reference,
    SubParagraph,
    pick_language,
    slug_for_symbol,
)
from .people import Membership, Organization
from .reports import ShadowEntry, ShadowReport, ShadowReportPublication
from .tracking import Assignment, CommitteeAssessment, Evidence, HistoryEntry, Measure, ProgressUpdate

__all__ = [
    "Assignment",
    "Citation",
    "Committee",
    "CommitteeAssessment",
    "Deadline",
    "DeadlineItem",
    "Document",
    "Evidence",
    "Footnote",
    "Heading",
    "HistoryEntry",
    "ImportRecord",
    "LanguageVersion",
    "Measure",
    "Membership",
    "Organization",
    "Paragraph",
    "ProgressUpdate",
    "Recommendation",
    "Reference",
    "ShadowEntry",
    "ShadowReport",
    "ShadowReportPublication",
    "SubParagraph",
    "pick_language",
    "slug_for_symbol",
]
