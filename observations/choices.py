"""Choice sets of the domain. Each value has a label; the sets shown as badges also carry
their colour (a Bootstrap contextual name), written on the choice itself:
``NAME = value, colour, label``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .importer import model as parsed


class Language(models.TextChoices):
    """The six UN languages, in which concluding observations are issued."""

    ARABIC = "ar", "العربية"
    CHINESE = "zh", "中文"
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    RUSSIAN = "ru", "Русский"
    SPANISH = "es", "Español"


RTL_LANGUAGES = frozenset({Language.ARABIC})


def text_dir(language: str) -> str:
    """``rtl`` for a right-to-left language, else ``ltr`` (for the ``dir`` attribute)."""
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def interface_language(code: str) -> str:
    """The interface (translation catalogue) language for a document language code."""
    return "zh-hans" if code == Language.CHINESE else code


# Display order of language versions, and which version leads when they disagree. Not the
# UN order of ``Language`` (Arabic first), which lists languages to choose from.
LANGUAGE_ORDER = ["en", "fr", "es", "ru", "zh", "ar"]


class ColourChoices(models.TextChoices):
    """Choices that carry a colour: ``NAME = value, colour, label``."""

    def __new__(cls, value, colour="secondary"):
        member = str.__new__(cls, value)
        member._value_ = value
        member.colour = colour
        return member

    @classmethod
    def colour_of(cls, value, default: str = "secondary") -> str:
        """The colour of a stored value; ``default`` for an empty or unknown one."""
        try:
            return cls(value).colour
        except ValueError:
            return default

    @classmethod
    def colours(cls) -> dict:
        """{value: colour} for every choice."""
        return {member.value: member.colour for member in cls}


class ParagraphKind(models.TextChoices):
    INTRODUCTION = parsed.INTRODUCTION, _("Introduction")
    POSITIVE_ASPECT = parsed.POSITIVE_ASPECT, _("Positive aspect")
    CONCERN = parsed.CONCERN, _("Concern")
    RECOMMENDATION = parsed.RECOMMENDATION, _("Recommendation")
    PROCEDURAL = parsed.PROCEDURAL, _("Procedural")


class HeadingKind(models.TextChoices):
    SECTION = parsed.SECTION, _("Section")
    CLUSTER = parsed.CLUSTER, _("Cluster")
    TOPIC = parsed.TOPIC, _("Topic")


class DeadlineKind(models.TextChoices):
    FOLLOW_UP = parsed.FOLLOW_UP, _("Follow-up information")
    NEXT_PERIODIC_REPORT = parsed.NEXT_PERIODIC_REPORT, _("Next periodic report")
    OTHER = parsed.OTHER_DEADLINE, _("Other request")


class DatePrecision(models.TextChoices):
    """How precisely the Committee stated a deadline."""

    DAY = "day", _("Exact date")
    MONTH = "month", _("Month only (due at its end)")
    YEAR = "year", _("Year only (no date)")
    PRIORITY = "priority", _("Priority without a date")


class CitationKind(models.TextChoices):
    SDG_TARGET = parsed.SDG_TARGET, _("SDG target")
    CONVENTION_ARTICLE = parsed.CONVENTION_ARTICLE, _("Convention article")


class ReferenceKind(models.TextChoices):
    REITERATES = parsed.REITERATES, _("Reiterates")
    CITES = parsed.CITES, _("Cites")


class ImplementationStatus(ColourChoices):
    """Where a recommendation stands. Only validated progress updates change it.

    not_started: nothing reported yet; in_progress: measures under way, none complete;
    partially_implemented: some measures completed, more needed; implemented: the
    recommendation is fully met; not_implemented: the State decided not to act, or
    acted against it.
    """

    NOT_STARTED = "not_started", "secondary", _("Not started")
    IN_PROGRESS = "in_progress", "info", _("In progress")
    PARTIALLY_IMPLEMENTED = "partially_implemented", "warning", _("Partially implemented")
    IMPLEMENTED = "implemented", "success", _("Implemented")
    NOT_IMPLEMENTED = "not_implemented", "danger", _("Not implemented")


class ImportAction(models.TextChoices):
    CREATED = "created", _("Created")
    ADDED_LANGUAGE = "added_language", _("Language version added")
    UNCHANGED = "unchanged", _("Unchanged (identical file)")
    REPLACED = "replaced", _("Replaced by a corrected version")


class OrganizationKind(models.TextChoices):
    COORDINATING_BODY = "coordinating_body", _("Coordinating body (national mechanism)")
    MINISTRY = "ministry", _("Ministry or agency")
    NHRI = "nhri", _("National human rights institution")
    PARLIAMENT = "parliament", _("Parliament")
    JUDICIARY = "judiciary", _("Judiciary")
    NGO = "ngo", _("NGO / civil society")
    PARTNER = "partner", _("UN or other partner")


class Role(models.TextChoices):
    """What a member may do for their organization.

    coordinator: runs the follow-up for the organization's State (assigns, reviews,
    validates, exports); focal_point: reports progress on what is assigned to the
    organization; ngo_drafter: writes the organization's shadow report; viewer: reads.
    """

    COORDINATOR = "coordinator", _("Coordinator")
    FOCAL_POINT = "focal_point", _("Focal point")
    NGO_DRAFTER = "ngo_drafter", _("NGO drafter")
    VIEWER = "viewer", _("Viewer")


# --- Tracking: review of progress updates, measures, Committee grades, history ---


class ReviewState(ColourChoices):
    """Where a progress update is in review. Only validated updates are official."""

    DRAFT = "draft", "secondary", _("Draft")
    SUBMITTED = "submitted", "primary", _("Submitted for review")
    VALIDATED = "validated", "success", _("Validated")
    RETURNED = "returned", "danger", _("Returned for correction")


class MeasureKind(models.TextChoices):
    LAW = "law", _("Law or regulation")
    POLICY = "policy", _("Policy, strategy or action plan")
    BUDGET = "budget", _("Budget allocation")
    PROGRAMME = "programme", _("Programme or project")
    INSTITUTION = "institution", _("Institution or mechanism")
    TRAINING = "training", _("Training or awareness-raising")
    DATA = "data", _("Data collection or study")
    OTHER = "other", _("Other measure")


class CommitteeGrade(ColourChoices):
    """The Committee's assessment of follow-up information (Human Rights Committee scale)."""

    A = "A", "success", _("A — Reply/action largely satisfactory")
    B = "B", "warning", _("B — Reply/action partially satisfactory")
    C = "C", "danger", _("C — Reply/action not satisfactory")
    D = "D", "dark", _("D — No cooperation with the Committee")
    E = "E", "danger", _("E — Information or measures contrary to the recommendation")


class HistoryAction(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    ASSIGNMENT_CHANGED = "assignment_changed", _("Assignment changed")
    STATUS_CHANGED = "status_changed", _("Official status changed")
    UPDATE_SUBMITTED = "update_submitted", _("Update submitted")
    UPDATE_VALIDATED = "update_validated", _("Update validated")
    UPDATE_RETURNED = "update_returned", _("Update returned")
    ASSESSMENT_RECORDED = "assessment_recorded", _("Committee assessment recorded")
    DEADLINE_MET = "deadline_met", _("Deadline met")
    DEADLINE_EXTENDED = "deadline_extended", _("Deadline extended")
    # Generic changes of any audited object (admin edits, imports).
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    DELETED = "deleted", _("Deleted")
    IMPORTED = "imported", _("Imported")


# --- NGO shadow reports ---


class NgoAssessment(ColourChoices):
    """The NGO's own assessment of implementation, kept apart from the State's official
    ``ImplementationStatus`` on purpose: an NGO grades what happened, not the State's
    progress, so the scale follows the wording the committees use when they assess
    follow-up information (implemented / partially / not implemented / insufficient
    information) plus the Human Rights Committee's grade E for measures contrary to the
    recommendation.

    not_assessed: no assessment given (yet); implemented: the recommendation is met in
    practice; partially_implemented: some real steps, more needed; not_implemented: no
    meaningful step; insufficient_information: the NGO cannot tell from what is public;
    contrary: measures taken go against the recommendation.
    """

    NOT_ASSESSED = "not_assessed", "secondary", _("Not assessed")
    IMPLEMENTED = "implemented", "success", _("Implemented")
    PARTIALLY_IMPLEMENTED = "partially_implemented", "warning", _("Partially implemented")
    NOT_IMPLEMENTED = "not_implemented", "danger", _("Not implemented")
    INSUFFICIENT_INFORMATION = "insufficient_information", "info", _("Insufficient information")
    CONTRARY = "contrary", "dark", _("Measures contrary to the recommendation")


# --- Reminders ---------------------------------------------------------------------------


class ReminderKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up information")
    NEXT_PERIODIC_REPORT = "next_periodic_report", _("Next periodic report")
    OTHER = "other", _("Other request of the Committee")
    INTERNAL = "internal", _("Internal deadline")


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly (Mondays)")
    OFF = "off", _("Off")


class NotificationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    RETRYING = "retrying", _("Retrying")


class PendingImportStatus(models.TextChoices):
    """Where an upload of the site's import page stands."""

    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Imported")
    CANCELLED = "cancelled", _("Cancelled")
