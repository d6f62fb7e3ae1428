"""Views of progress updates: writing, editing and submitting them (focal points),
starting a corrected version, their review (coordinators), their evidence, and the
Committee's assessments of a recommendation.

Access as in ``views.tracking``: what ``observations.permissions`` allows, a 404 for
what the user may not see, a 403 for what they see but may not do; writes through
``observations.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..choices import ReviewState
from ..forms.tracking import (
    AssessmentForm,
    ProgressUpdateForm,
    ReturnForm,
    add_service_errors,
    measure_formset,
    measures_from,
    reader_language,
)
from ..models import Evidence, ProgressUpdate
from ..services import tracking as services
from ..services.evidence import check_upload
from .base import back_to, get_recommendation, get_update, tracking_context

# --- Progress updates ----------------------------------------------------------------


def _check_file(form):
    """Check an attached file before anything is saved, so that the text is not lost."""
    uploaded = form.cleaned_data.get("evidence_file")
    if uploaded:
        try:
            check_upload(uploaded)
        except ValidationError as error:
            form.add_error("evidence_file", error)
            return False
    return True


def _attach(update, form, user):
    data = form.cleaned_data
    if data.get("evidence_file"):
        services.add_evidence(update, by=user, file=data["evidence_file"],
                              description=data.get("evidence_description", ""))
    elif data.get("evidence_link"):
        services.add_evidence(update, by=user, link=data["evidence_link"],
                              description=data.get("evidence_description", ""))


@login_required
def update_create(request, pk):
    """A focal point writes a new update on a recommendation assigned to their organization."""
    recommendation, _level = get_recommendation(request.user, pk)
    organizations = perms.reporting_organizations(request.user, recommendation)
    if not organizations:
        raise PermissionDenied
    adopted = recommendation.document.adoption_date
    form = ProgressUpdateForm(request.POST or None, request.FILES or None, recommendation=recommendation,
                              organizations=organizations)
    formset = measure_formset(data=request.POST or None, adoption_date=adopted)
    if request.method == "POST" and form.is_valid() and formset.is_valid() and _check_file(form):
        try:
            with transaction.atomic():
                update = services.create_update(
                    recommendation, organization=form.cleaned_data["organization"], by=request.user,
                    measures=measures_from(formset), submission_key=form.cleaned_data.get("submission_key"),
                    **form.update_fields(),
                )
                _attach(update, form, request.user)
                if "submit_for_review" in request.POST:
                    services.submit_update(update, by=request.user)
        except services.AlreadyCreated as done:
            messages.info(request, _("This update was already saved; it was not saved a second time."))
            return redirect(done.update.get_absolute_url())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if update.review_state == ReviewState.SUBMITTED:
                messages.success(request, _("Your update was submitted to the coordinator for review."))
            else:
                messages.success(request, _("Your draft was saved. Only your organization sees it until you "
                                            "submit it."))
            return redirect(update.get_absolute_url())
    return render(request, "observations/tracking/update_form.html", tracking_context(
        request, recommendation=recommendation, form=form, formset=formset, update=None,
        text=recommendation.text_in(reader_language()),
    ))


@login_required
def update_edit(request, pk):
    """Edit a draft. Two people saving the same draft: the second is told, and their
    text is kept in the form; nothing is overwritten."""
    update = get_update(request.user, pk, may=perms.can_edit_update)
    recommendation = update.recommendation
    adopted = recommendation.document.adoption_date
    initial = {"status": update.status, "narrative": update.narrative, "language": update.language,
               "as_of": update.as_of, "lock_version": update.lock_version}
    form = ProgressUpdateForm(request.POST or None, request.FILES or None, recommendation=recommendation,
                              initial=initial)
    formset = measure_formset(data=request.POST or None, update=update, adoption_date=adopted)
    conflict = None
    if request.method == "POST" and form.is_valid() and formset.is_valid() and _check_file(form):
        expected = form.cleaned_data.get("lock_version")
        expected = update.lock_version if expected is None else expected
        try:
            with transaction.atomic():
                update = services.save_draft(update, by=request.user, expected_version=expected,
                                             measures=measures_from(formset), **form.update_fields())
                _attach(update, form, request.user)
                if "submit_for_review" in request.POST:
                    services.submit_update(update, by=request.user, expected_version=update.lock_version)
        except services.ConcurrentEdit as error:
            conflict = ProgressUpdate.objects.select_related("last_edited_by").get(pk=update.pk)
            form.add_error(None, str(error))
            data = form.data.copy()
            data["lock_version"] = conflict.lock_version  # saving again is now a deliberate choice
            form.data = data
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if update.review_state == ReviewState.SUBMITTED:
                messages.success(request, _("Your update was submitted to the coordinator for review."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect(update.get_absolute_url())
    return render(request, "observations/tracking/update_form.html", tracking_context(
        request, recommendation=recommendation, form=form, formset=formset, update=update, conflict=conflict,
        evidence=list(update.evidence.all()), text=recommendation.text_in(reader_language()),
    ))


@login_required
@require_POST
def update_submit(request, pk):
    update = get_update(request.user, pk, may=perms.can_edit_update)
    expected = request.POST.get("lock_version")
    try:
        services.submit_update(update, by=request.user,
                               expected_version=int(expected) if expected and expected.isdigit() else None)
    except services.ConcurrentEdit:
        messages.error(request, _("This draft was changed by someone else since you opened the page; it was not "
                                  "submitted. Look at it again, then submit."))
    else:
        messages.success(request, _("Your update was submitted to the coordinator for review."))
    return back_to(update)


@login_required
@require_POST
def update_correct(request, pk):
    """Start a new version of a returned or validated update."""
    update = get_update(request.user, pk, may=perms.may_write_for)
    try:
        new = services.correct_update(update, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back_to(update)
    messages.info(request, _("A new version (%(version)d) was started from version %(previous)d. The earlier "
                             "version stays as it was.") % {"version": new.version, "previous": update.version})
    return redirect("observations:update_edit", new.pk)


@login_required
@require_POST
def update_validate(request, pk):
    update = get_update(request.user, pk, may=perms.can_review)
    try:
        services.validate_update(update, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        update.recommendation.refresh_from_db()
        messages.success(request, _("Validated. The official status of %(code)s is now “%(status)s”.") % {
            "code": update.recommendation.code, "status": update.recommendation.get_status_display()})
    if request.POST.get("next") == "queue":
        return redirect("observations:review_queue")
    return back_to(update)


@login_required
def update_return(request, pk):
    update = get_update(request.user, pk, may=perms.can_review)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_update(update, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The update was returned to %(org)s with your comment.")
                             % {"org": update.organization})
            return back_to(update)
    return render(request, "observations/tracking/return_form.html", tracking_context(
        request, update=update, recommendation=update.recommendation, form=form,
    ))


# --- Evidence ------------------------------------------------------------------------


def _visible_evidence(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("update"), pk=pk)
    if not perms.evidence_visible_to(request.user, evidence):
        raise Http404
    return evidence


def _open(evidence):
    try:
        return evidence.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("The file is missing from the server.")) from None


@login_required
def evidence_download(request, pk):
    """Serve an evidence file, only to those who may see its update."""
    evidence = _visible_evidence(request, pk)
    if not evidence.is_file:
        return HttpResponseRedirect(evidence.link)
    response = FileResponse(_open(evidence), as_attachment=True, filename=evidence.file_name or "evidence",
                            content_type=evidence.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# What the browser may show in place, recognised by the file's first bytes as well as by
# the type recorded at upload.
PREVIEWABLE = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}


def previewable(evidence) -> bool:
    return evidence.is_file and evidence.content_type in PREVIEWABLE


@login_required
def evidence_preview(request, pk):
    """Show a PDF or an image in the browser, to exactly those who may download it.

    Anything else is offered as a download. The file is served under a policy that lets it
    run nothing and load nothing (images are also sandboxed; Chromium shows no PDF in a
    sandboxed document, so a PDF gets ``default-src 'none'`` and its own viewer only)."""
    evidence = _visible_evidence(request, pk)
    if not previewable(evidence):
        return HttpResponseRedirect(reverse("observations:evidence_download", args=[evidence.pk]))
    handle = _open(evidence)
    head = handle.read(8)
    handle.seek(0)
    if not head.startswith(PREVIEWABLE[evidence.content_type]):
        handle.close()
        return HttpResponseRedirect(reverse("observations:evidence_download", args=[evidence.pk]))
    response = FileResponse(handle, as_attachment=False, filename=evidence.file_name or "evidence",
                            content_type=evidence.content_type)
    policy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"
    if evidence.content_type != "application/pdf":
        policy = "sandbox; " + policy
    response["Content-Security-Policy"] = policy
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def evidence_remove(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("update"), pk=pk)
    update = evidence.update
    if not perms.can_view_update(request.user, update):
        raise Http404
    if not perms.can_edit_update(request.user, update):
        raise PermissionDenied
    services.remove_evidence(evidence, by=request.user)
    messages.success(request, _("Evidence removed from the draft."))
    return redirect("observations:update_edit", update.pk)


# --- Committee assessment ------------------------------------------------------------


@login_required
def assessment_create(request, pk):
    recommendation, _level = get_recommendation(request.user, pk)
    if not perms.can_assess(request.user, recommendation):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, recommendation=recommendation,
                          initial={"letter_date": timezone.localdate()})
    follow_up = recommendation.is_follow_up
    if request.method == "POST" and form.is_valid():
        try:
            services.record_assessment(recommendation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The Committee's assessment was recorded."))
            return back_to(recommendation)
    return render(request, "observations/tracking/assessment_form.html", tracking_context(
        request, recommendation=recommendation, form=form, follow_up=follow_up,
        text=recommendation.text_in(reader_language()),
    ))
