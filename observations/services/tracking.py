"""Every write of the tracking workflow, one function per action.

Each function checks, on the server, that ``by`` (the acting user) may do it
(``django.core.exceptions.PermissionDenied`` otherwise, nothing written), validates its
input (``django.core.exceptions.ValidationError`` with messages for a person, nothing
written), does its work in one transaction and writes its history entry.

- ``assign`` / ``bulk_assign``: one lead organization, supporting ones, internal deadline.
  Default internal deadline (``default_internal_deadline``): the Committee's date minus
  ``settings.FOLLOW_UP_LEAD_DAYS`` (default 60) — the follow-up date for recommendations
  the Committee asked follow-up information on, the next periodic report's date for the
  rest.
- ``create_update`` / ``save_draft`` / ``add_evidence`` / ``remove_evidence`` /
  ``submit_update``: the focal point's side. Drafts are edited in place with optimistic
  concurrency: the caller passes the ``lock_version`` it read, and a save against a
  newer version raises ``ConcurrentEdit`` instead of overwriting.
- ``correct_update``: a new draft version of a returned or validated update; the old
  version is never changed.
- ``validate_update`` / ``return_update``: the coordinator's review. Validation
  recomputes the official status (``recompute_status``).
- ``record_assessment``: the Committee's grade of a follow-up recommendation.

No Celery here: every write is short and synchronous.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import (
    CommitteeGrade,
    DeadlineKind,
    HistoryAction,
    ImplementationStatus,
    Language,
    MeasureKind,
    ReviewState,
)
from ..models import (
    Assignment,
    CommitteeAssessment,
    Document,
    Evidence,
    Heading,
    HistoryEntry,
    Measure,
    Organization,
    ProgressUpdate,
    Recommendation,
)
from ..permissions import (
    assignable_organizations,
    can_assess,
    can_assign,
    can_correct_update,
    can_create_update,
    can_edit_update,
    can_review,
    may_write_for,
)
from ..selectors.tracking import follow_up_exists, heading_descendant_ids, is_follow_up
from . import audit
from .evidence import check_upload

DEFAULT_LEAD_DAYS = 60


class ConcurrentEdit(Exception):
    """Someone else saved (or submitted) the draft since it was read; nothing was written."""

    def __init__(self, update: ProgressUpdate):
        self.update = update
        super().__init__(
            _("Someone else saved this draft while you were editing it. Nothing of yours was saved over it: "
              "the form below shows your text; compare it with the current version and save again.")
        )


def lead_days() -> int:
    return int(getattr(settings, "FOLLOW_UP_LEAD_DAYS", DEFAULT_LEAD_DAYS))


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _log(recommendation, action, by, *, before=None, after=None, update=None, comment="") -> HistoryEntry:
    return audit.record(None, action, by=by, before=before, after=after, update=update, comment=comment,
                        recommendation=recommendation)


# --- Assignments ---------------------------------------------------------------------


def default_internal_deadline(recommendation: Recommendation, *, follow_up: bool | None = None) -> dt.date | None:
    """The Committee's date that applies to the recommendation, minus the lead time."""
    if follow_up is None:
        follow_up = is_follow_up(recommendation)
    return _default_deadline_for(recommendation.document, follow_up)


def _committee_dates(document: Document) -> dict:
    dates = {}
    for kind, due in document.deadlines.filter(due_date__isnull=False).order_by("due_date").values_list(
        "kind", "due_date"
    ):
        dates.setdefault(kind, due)
    return dates


def _default_deadline_for(document: Document, follow_up: bool, dates: dict | None = None) -> dt.date | None:
    dates = _committee_dates(document) if dates is None else dates
    due = None
    if follow_up:
        due = dates.get(DeadlineKind.FOLLOW_UP)
    due = due or dates.get(DeadlineKind.NEXT_PERIODIC_REPORT)
    return due - dt.timedelta(days=lead_days()) if due else None


def _check_organizations(document: Document, organizations) -> None:
    allowed = set(assignable_organizations(document.state).values_list("pk", flat=True))
    for organization in organizations:
        if organization.pk not in allowed:
            raise ValidationError(
                _("%(org)s cannot be assigned recommendations of %(state)s.")
                % {"org": organization, "state": document.state.name},
                code="organization_not_assignable",
            )


def _check_deadline(document: Document, deadline: dt.date | None) -> None:
    if deadline and document.adoption_date and deadline < document.adoption_date:
        raise ValidationError(
            {"internal_deadline": _("The internal deadline cannot be before the adoption of the document (%(date)s).")
             % {"date": document.adoption_date.isoformat()}},
            code="deadline_before_adoption",
        )


_UNSET = object()


def _apply_assignment(recommendation, *, lead, supporting, internal_deadline, note, by, dates=None, follow_up=None):
    """Create or change the assignment of one recommendation; log if anything changed.
    Returns "created", "changed" or "unchanged". Call inside a transaction."""
    assignment = Assignment.objects.select_for_update().filter(recommendation=recommendation).first()
    if assignment is None:
        if internal_deadline is _UNSET:
            if follow_up is None:
                follow_up = is_follow_up(recommendation)
            internal_deadline = _default_deadline_for(recommendation.document, follow_up, dates)
        assignment = Assignment.objects.create(
            recommendation=recommendation, lead=lead, internal_deadline=internal_deadline,
            note=note if note is not _UNSET else "", created_by=by, updated_by=by,
        )
        assignment.supporting.set([o for o in supporting if o.pk != lead.pk])
        _log(recommendation, HistoryAction.ASSIGNED, by, before=None, after=assignment.snapshot())
        return "created"
    before = assignment.snapshot()
    assignment.lead = lead
    if internal_deadline is not _UNSET:
        assignment.internal_deadline = internal_deadline
    if note is not _UNSET:
        assignment.note = note
    assignment.updated_by = by
    assignment.save()
    assignment.supporting.set([o for o in supporting if o.pk != lead.pk])
    after = assignment.snapshot()
    if before == after:
        return "unchanged"
    _log(recommendation, HistoryAction.ASSIGNMENT_CHANGED, by, before=before, after=after)
    return "changed"


def assign(recommendation: Recommendation, *, lead: Organization, supporting=(), internal_deadline=_UNSET,
           note=_UNSET, by) -> Assignment:
    """Assign one recommendation. ``internal_deadline`` left out: the default for a new
    assignment, unchanged for an existing one; ``None`` clears it."""
    _require(can_assign(by, recommendation.document))
    supporting = list(supporting)
    _check_organizations(recommendation.document, [lead, *supporting])
    if internal_deadline is not _UNSET:
        _check_deadline(recommendation.document, internal_deadline)
    with transaction.atomic():
        _apply_assignment(recommendation, lead=lead, supporting=supporting, internal_deadline=internal_deadline,
                          note=note, by=by)
    return Assignment.objects.get(recommendation=recommendation)


LEAD = "lead"
SUPPORTING = "supporting"


@dataclass
class BulkResult:
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # supporting role on recommendations without a lead

    @property
    def total(self) -> int:
        return len(self.created) + len(self.changed) + len(self.unchanged) + len(self.skipped)


def recommendations_in_scope(document: Document, *, heading: Heading | None = None, paragraph_numbers=None):
    """The recommendations of a topic or cluster (its sub-headings included) or of a list
    of paragraph numbers, in document order."""
    queryset = document.recommendations.select_related("paragraph", "subparagraph").order_by("position")
    if heading is not None:
        if heading.document_id != document.pk:
            raise ValidationError(_("This heading is not part of %(symbol)s.") % {"symbol": document.symbol})
        queryset = queryset.filter(paragraph__heading_id__in=heading_descendant_ids(heading))
    if paragraph_numbers is not None:
        queryset = queryset.filter(paragraph__number__in=list(paragraph_numbers))
    return queryset


def bulk_assign(document: Document, recommendations, *, organization: Organization, role: str = LEAD,
                internal_deadline=_UNSET, by) -> BulkResult:
    """Assign many recommendations to one organization in one step.

    ``role`` LEAD: the organization becomes the lead (of new and existing assignments;
    it leaves the supporting list where it was on it). ``role`` SUPPORTING: it is added
    to the supporting organizations of recommendations that already have a lead, and
    those without one are reported as skipped. The internal deadline, when given, is set
    on every recommendation; left out, new assignments get their default and existing
    ones keep theirs."""
    _require(can_assign(by, document))
    _check_organizations(document, [organization])
    if internal_deadline is not _UNSET:
        _check_deadline(document, internal_deadline)
    if role not in (LEAD, SUPPORTING):
        raise ValidationError(_("Choose lead or supporting."))
    recommendations = list(
        Recommendation.objects.filter(pk__in=[r.pk for r in recommendations], document=document)
        .select_related("paragraph", "subparagraph", "document")
        .annotate(is_follow_up=follow_up_exists())
        .order_by("position")
    )
    dates = _committee_dates(document)
    result = BulkResult()
    with transaction.atomic():
        for recommendation in recommendations:
            assignment = Assignment.objects.filter(recommendation=recommendation).first()
            if role == LEAD:
                supporting = list(assignment.supporting.all()) if assignment else []
                outcome = _apply_assignment(
                    recommendation, lead=organization, supporting=supporting, internal_deadline=internal_deadline,
                    note=_UNSET, by=by, dates=dates, follow_up=recommendation.is_follow_up,
                )
            elif assignment is None:
                result.skipped.append(recommendation)
                continue
            else:
                supporting = list(assignment.supporting.all())
                if organization.pk != assignment.lead_id and organization not in supporting:
                    supporting.append(organization)
                outcome = _apply_assignment(
                    recommendation, lead=assignment.lead, supporting=supporting,
                    internal_deadline=internal_deadline, note=_UNSET, by=by,
                )
            getattr(result, outcome).append(recommendation)
    return result


def parse_paragraph_numbers(text: str) -> list[int]:
    """'4, 6, 10-12' -> [4, 6, 10, 11, 12]; ValidationError with the offending part."""
    numbers: list[int] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().replace("–", "-")
        if not part:
            continue
        try:
            if "-" in part:
                first, last = (int(x) for x in part.split("-", 1))
                if last < first or last - first > 500:
                    raise ValueError
                numbers.extend(range(first, last + 1))
            else:
                numbers.append(int(part))
        except ValueError:
            raise ValidationError(
                _("“%(part)s” is not a paragraph number or a range such as 10-12.") % {"part": part}
            ) from None
    if not numbers:
        raise ValidationError(_("Give at least one paragraph number."))
    return sorted(set(numbers))


# --- Progress updates ----------------------------------------------------------------


@dataclass
class MeasureData:
    kind: str
    description: str
    date: dt.date | None = None


def validate_update_fields(recommendation: Recommendation, *, status, language, as_of, measures=()) -> None:
    """The rules every version of an update must meet; raises ValidationError per field."""
    errors: dict = {}
    document = recommendation.document
    adopted = document.adoption_date
    if status not in ImplementationStatus.values:
        errors["status"] = _("“%(value)s” is not a status. Choose one of: %(choices)s.") % {
            "value": status, "choices": ", ".join(str(label) for label in ImplementationStatus.labels)}
    if language not in Language.values:
        errors["language"] = _("“%(value)s” is not one of the UN languages.") % {"value": language}
    if as_of is None:
        errors["as_of"] = _("Give the date the information refers to.")
    elif adopted and as_of < adopted:
        errors["as_of"] = _("The date cannot be before the adoption of %(symbol)s on %(date)s.") % {
            "symbol": document.symbol, "date": adopted.isoformat()}
    elif as_of > timezone.localdate():
        errors["as_of"] = _("The date cannot be in the future.")
    for measure in measures:
        if measure.kind not in MeasureKind.values:
            errors["measures"] = _("“%(value)s” is not a kind of measure.") % {"value": measure.kind}
        elif adopted and measure.date and measure.date < adopted:
            errors["measures"] = _(
                "The measure “%(measure)s” is dated %(date)s, before the adoption of %(symbol)s on %(adopted)s; "
                "report measures taken since the Committee's recommendation."
            ) % {"measure": measure.description[:60], "date": measure.date.isoformat(), "symbol": document.symbol,
                 "adopted": adopted.isoformat()}
        elif not (measure.description or "").strip():
            errors["measures"] = _("Every measure needs a description.")
    if errors:
        raise ValidationError(errors)


def _write_measures(update: ProgressUpdate, measures) -> None:
    update.measures.all().delete()
    Measure.objects.bulk_create(
        Measure(update=update, position=i, kind=m.kind, description=m.description.strip(), date=m.date)
        for i, m in enumerate(measures)
    )


class AlreadyCreated(Exception):
    """The same form was posted again: the update it created is ``update``."""

    def __init__(self, update: ProgressUpdate):
        super().__init__(update.pk)
        self.update = update


def create_update(recommendation: Recommendation, *, organization: Organization, by, status, narrative,
                  language, as_of, measures=(), submission_key=None) -> ProgressUpdate:
    """A new draft update on behalf of ``organization`` (one of the user's organizations
    assigned to the recommendation).

    ``submission_key`` identifies the form the user filled in: when the same form arrives
    twice (a double click, a resent request), the second raises ``AlreadyCreated`` with
    the update the first one made, and nothing new is written."""
    _require(can_create_update(by, recommendation, organization))
    measures = list(measures)
    validate_update_fields(recommendation, status=status, language=language, as_of=as_of, measures=measures)
    if submission_key:
        _raise_if_created(submission_key, by)
    try:
        with transaction.atomic():
            update = ProgressUpdate.objects.create(
                recommendation=recommendation, organization=organization, author=by, last_edited_by=by,
                status=status, narrative=narrative, language=language, as_of=as_of,
                submission_key=submission_key,
            )
            _write_measures(update, measures)
    except IntegrityError:
        if submission_key:  # the same form won a race a moment ago
            _raise_if_created(submission_key, by)
        raise
    return update


def _raise_if_created(submission_key, by):
    existing = ProgressUpdate.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        _require(existing.author_id == by.pk)
        raise AlreadyCreated(existing)


def save_draft(update: ProgressUpdate, *, by, expected_version: int, status, narrative, language, as_of,
               measures=()) -> ProgressUpdate:
    """Save a draft in place if nobody saved it since ``expected_version`` was read."""
    _require(can_edit_update(by, update))
    measures = list(measures)
    validate_update_fields(update.recommendation, status=status, language=language, as_of=as_of, measures=measures)
    with transaction.atomic():
        saved = ProgressUpdate.objects.filter(
            pk=update.pk, lock_version=expected_version, review_state=ReviewState.DRAFT
        ).update(
            status=status, narrative=narrative, language=language, as_of=as_of, last_edited_by=by,
            updated_at=timezone.now(), lock_version=F("lock_version") + 1,
        )
        if not saved:
            raise ConcurrentEdit(update)
        _write_measures(update, measures)
    update.refresh_from_db()
    return update


def add_evidence(update: ProgressUpdate, *, by, file=None, link: str = "", description: str = "") -> Evidence:
    """Attach a file (checked for size and type) or a link to a draft."""
    _require(can_edit_update(by, update))
    if bool(file) == bool(link):
        raise ValidationError(_("Give either a file or a link."))
    if file:
        _extension, content_type = check_upload(file)
        file_name = file.name.rsplit("/", 1)[-1][:255]
        return Evidence.objects.create(
            update=update, file=file, file_name=file_name, content_type=content_type, size=file.size,
            description=description, added_by=by,
        )
    if not link.lower().startswith(("https://", "http://")):
        raise ValidationError({"link": _("A link must start with https:// or http://.")})
    return Evidence.objects.create(update=update, link=link, description=description, added_by=by)


def remove_evidence(evidence: Evidence, *, by) -> None:
    """Remove evidence from a draft; the file goes when no other version uses it."""
    _require(can_edit_update(by, evidence.update))
    name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    with transaction.atomic():
        evidence.delete()
        still_used = bool(name) and Evidence.objects.filter(file=name).exists()
    if name and not still_used:
        transaction.on_commit(lambda: storage.delete(name))


def submit_update(update: ProgressUpdate, *, by, expected_version: int | None = None) -> ProgressUpdate:
    """Send a draft to the coordinator for review; from now on it is frozen."""
    _require(can_edit_update(by, update))
    with transaction.atomic():
        rows = ProgressUpdate.objects.filter(pk=update.pk, review_state=ReviewState.DRAFT)
        if expected_version is not None:
            rows = rows.filter(lock_version=expected_version)
        now = timezone.now()
        if not rows.update(review_state=ReviewState.SUBMITTED, submitted_at=now, submitted_by=by,
                           lock_version=F("lock_version") + 1, updated_at=now):
            raise ConcurrentEdit(update)
        update.refresh_from_db()
        _log(update.recommendation, HistoryAction.UPDATE_SUBMITTED, by, update=update,
             after={"organization": str(update.organization), "version": update.version, "status": update.status})
    return update


def _review(update: ProgressUpdate, *, by, to_state: str, comment: str = "") -> ProgressUpdate:
    _require(can_review(by, update))
    now = timezone.now()
    rows = ProgressUpdate.objects.filter(pk=update.pk, review_state=ReviewState.SUBMITTED)
    if not rows.update(review_state=to_state, reviewed_at=now, reviewed_by=by, review_comment=comment,
                       lock_version=F("lock_version") + 1, updated_at=now):
        update.refresh_from_db()
        raise ValidationError(
            _("This update is no longer waiting for review (it is now “%(state)s”); nothing was changed.")
            % {"state": update.get_review_state_display()},
            code="not_submitted",
        )
    update.refresh_from_db()
    return update


def validate_update(update: ProgressUpdate, *, by) -> ProgressUpdate:
    """Accept a submitted update: it counts from now on, and sets the official status."""
    with transaction.atomic():
        update = _review(update, by=by, to_state=ReviewState.VALIDATED)
        _log(update.recommendation, HistoryAction.UPDATE_VALIDATED, by, update=update,
             after={"organization": str(update.organization), "version": update.version, "status": update.status})
        recompute_status(update.recommendation, by=by, update=update)
    return update


def return_update(update: ProgressUpdate, *, by, comment: str) -> ProgressUpdate:
    """Send a submitted update back to its organization with a comment."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what needs to change, so the focal point can correct it.")})
    with transaction.atomic():
        update = _review(update, by=by, to_state=ReviewState.RETURNED, comment=comment)
        _log(update.recommendation, HistoryAction.UPDATE_RETURNED, by, update=update, comment=comment,
             after={"organization": str(update.organization), "version": update.version})
    return update


def correct_update(update: ProgressUpdate, *, by) -> ProgressUpdate:
    """A new draft version of a returned or validated update, with its text, measures and
    evidence copied; the old version is kept unchanged (and, if validated, still counts
    until the correction is validated)."""
    _require(may_write_for(by, update))
    if ProgressUpdate.objects.filter(previous=update).exists():
        raise ValidationError(_("A corrected version of this update already exists."), code="already_corrected")
    if not can_correct_update(by, update):
        raise ValidationError(
            _("Only a returned or validated update can be corrected; this one is “%(state)s”.")
            % {"state": update.get_review_state_display()},
            code="not_correctable",
        )
    try:
        with transaction.atomic():
            new = ProgressUpdate.objects.create(
                recommendation=update.recommendation, organization=update.organization, chain=update.chain,
                version=update.version + 1, previous=update, status=update.status, narrative=update.narrative,
                language=update.language, as_of=update.as_of, author=by, last_edited_by=by,
            )
            Measure.objects.bulk_create(
                Measure(update=new, position=m.position, kind=m.kind, description=m.description, date=m.date)
                for m in update.measures.all()
            )
            Evidence.objects.bulk_create(
                Evidence(update=new, file=e.file.name, file_name=e.file_name, content_type=e.content_type,
                         size=e.size, link=e.link, description=e.description, added_at=e.added_at,
                         added_by=e.added_by)
                for e in update.evidence.all()
            )
    except IntegrityError:
        raise ValidationError(_("A corrected version of this update already exists.")) from None
    return new


def recompute_status(recommendation: Recommendation, *, by, update: ProgressUpdate | None = None) -> str:
    """Set the official status from the most recently validated update; log a change."""
    latest = (
        ProgressUpdate.objects.filter(recommendation=recommendation, review_state=ReviewState.VALIDATED)
        .order_by("-reviewed_at", "-id")
        .values_list("status", flat=True)
        .first()
    )
    new_status = latest or ImplementationStatus.NOT_STARTED
    current = Recommendation.objects.select_for_update().values_list("status", flat=True).get(pk=recommendation.pk)
    if current != new_status:
        Recommendation.objects.filter(pk=recommendation.pk).update(status=new_status)
        _log(recommendation, HistoryAction.STATUS_CHANGED, by, update=update,
             before={"status": current}, after={"status": new_status})
    recommendation.status = new_status
    return new_status


# --- Committee assessment ------------------------------------------------------------


def record_assessment(recommendation: Recommendation, *, grade, letter_date, letter_symbol="", note="",
                      by) -> CommitteeAssessment:
    """Record the Committee's grade of the follow-up information on a recommendation."""
    _require(can_assess(by, recommendation))
    errors = {}
    if not is_follow_up(recommendation):
        raise ValidationError(
            _("The Committee did not ask follow-up information on %(code)s; its assessments are only for "
              "follow-up recommendations.") % {"code": recommendation.code},
            code="not_follow_up",
        )
    if grade not in CommitteeGrade.values:
        errors["grade"] = _("“%(value)s” is not one of the grades A to E.") % {"value": grade}
    adopted = recommendation.document.adoption_date
    if letter_date is None:
        errors["letter_date"] = _("Give the date of the Committee's letter.")
    elif adopted and letter_date < adopted:
        errors["letter_date"] = _("The letter cannot be dated before the adoption of the document (%(date)s).") % {
            "date": adopted.isoformat()}
    elif letter_date > timezone.localdate():
        errors["letter_date"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = CommitteeAssessment.objects.create(
            recommendation=recommendation, grade=grade, letter_date=letter_date,
            letter_symbol=(letter_symbol or "").strip(), note=note or "", recorded_by=by,
        )
        _log(recommendation, HistoryAction.ASSESSMENT_RECORDED, by,
             after={"grade": grade, "letter_date": letter_date.isoformat(), "letter_symbol": assessment.letter_symbol})
    return assessment
