"""The tracker's models. Choice sets live in ``observations.choices``."""

from .api import ApiToken
from .audit import HistoryEntry
from .calendars import CalendarFeed
from .deadlines import Deadline, DeadlineItem
from .documents import (
    Citation,
    Committee,
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
from .imports import PendingImport, PendingImportFile
from .notifications import Notification, NotificationSettings, ReminderSchedule
from .people import Membership, Organization, display_name
from .reports import ShadowEntry, ShadowReport, ShadowReportPublication
from .tracking import Assignment, CommitteeAssessment, Evidence, Measure, ProgressUpdate

__all__ = [
    "display_name",
    "ApiToken",
    "Assignment",
    "CalendarFeed",
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
    "Notification",
    "NotificationSettings",
    "Organization",
    "Paragraph",
    "PendingImport",
    "PendingImportFile",
    "ProgressUpdate",
    "Recommendation",
    "Reference",
    "ReminderSchedule",
    "ShadowEntry",
    "ShadowReport",
    "ShadowReportPublication",
    "SubParagraph",
    "pick_language",
    "slug_for_symbol",
]
