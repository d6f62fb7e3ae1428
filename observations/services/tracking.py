"""Every write of the tracking workflow, one function per action.

Each function checks, on the server, that ``by`` (the acting user) may do it
(``django.core.exceptions.PermissionDenied`` otherwise, nothing written), validates its
input (``django.core.exceptions.ValidationError`` with messages for a person, nothing
written), does its work in one transaction and writes its history entry.

- ``assign`` / ``bulk_assign`` and the default internal deadline live in
  ``services.assignments`` and are re-exported here, so that the workflow has one entry point.
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
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import (
    CommitteeGrade,
    HistoryAction,
    ImplementationStatus,
    Language,
    MeasureKind,
    ReviewState,
)
from ..models import (
    CommitteeAssessment,
    Evidence,
    Measure,
    Organization,
    ProgressUpdate,
    Recommendation,
)
from ..permissions import (
    can_assess,
    can_correct_update,
    can_create_update,
    can_edit_update,
    can_review,
    may_write_for,
)
from ..selectors.tracking import is_follow_up
from .assignments import (  # noqa: F401  (re-exported: one entry point for the workflow)
    LEAD,
    SUPPORTING,
    BulkResult,
    assign,
    bulk_assign,
    default_internal_deadline,
    parse_paragraph_numbers,
    recommendations_in_scope,
)
from .common import DEFAULT_LEAD_DAYS, lead_days  # noqa: F401
from .common import log as _log
from .common import require as _require
from .evidence import check_upload


class ConcurrentEdit(Exception):
    """Someone else saved (or submitted) the draft since it was read; nothing was written."""

    def __init__(self, update: ProgressUpdate):
        self.update = update
        super().__init__(
            _("Someone else saved this draft while you were editing it. Nothing of yours was saved over it: "
              "the form below shows your text; compare it with the current version and save again.")
        )


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
