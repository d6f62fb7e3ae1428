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

__all__ = [
    "Membership",
    "Organization",
    "Citation",
    "Committee",
    "Deadline",
    "DeadlineItem",
    "Document",
    "Footnote",
    "Heading",
    "ImportRecord",
    "LanguageVersion",
    "Paragraph",
    "Recommendation",
    "Reference",
    "SubParagraph",
    "pick_language",
    "slug_for_symbol",
]
from .reports import NgoAssessment, ShadowEntry, ShadowReport, ShadowReportPublication  # noqa: E402

__all__ += ["NgoAssessment", "ShadowEntry", "ShadowReport", "ShadowReportPublication"]
from .tracking import (  # noqa: E402
    Assignment,
    CommitteeAssessment,
    CommitteeGrade,
    Evidence,
    HistoryAction,
    HistoryEntry,
    Measure,
    MeasureKind,
    ProgressUpdate,
    ReviewState,
)

__all__ += [
    "Assignment", "CommitteeAssessment", "CommitteeGrade", "Evidence", "HistoryAction", "HistoryEntry",
    "Measure", "MeasureKind", "ProgressUpdate", "ReviewState",
]
