"""Views of the tracking workflow: a focal point's work, the coordinator's dashboards,
assignments, progress updates and their review, evidence, the Committee's assessments.

Every view checks, on the server and per object, what ``observations.permissions``
allows: an object the user may not see is a 404 (its existence is not revealed), an
action on an object they see but may not do is a 403. Writes go through
``observations.services``; a refused POST changes nothing.
"""

from __future__ import annotations

from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from .. import permissions as perms
from ..choices import DeadlineKind, ImplementationStatus, ReviewState
from ..filtersets.tracking import RecommendationFilterSet
from ..forms.tracking import (
    AssessmentForm,
    AssignmentForm,
    BulkAssignmentForm,
    ProgressUpdateForm,
    ReturnForm,
    add_service_errors,
    measure_formset,
    measures_from,
    reader_language,
)
from ..models import (
    Assignment,
    Deadline,
    DeadlineItem,
    Document,
    Evidence,
    Organization,
    Paragraph,
    ProgressUpdate,
    Recommendation,
)
from ..selectors import tracking as selectors
from ..services import tracking as services
from ..services.evidence import check_upload
from ..tables.tracking import MyWorkTable, ReviewQueueTable, RollupTable, TrackingTable

PER_PAGE = 50
DIMENSIONS = OrderedDict(
    [
        ("paragraphs", gettext_lazy("By paragraph")),
        ("themes", gettext_lazy("By theme")),
        ("organizations", gettext_lazy("By organization")),
        ("deadlines", gettext_lazy("By deadline")),
    ]
)


# --- Access helpers ------------------------------------------------------------------


def _recommendation(user, pk, *, full=True):
    """The recommendation and the user's access level to it, or 404."""
    recommendation = get_object_or_404(
        Recommendation.objects.select_related(
            "document", "document__committee", "paragraph", "paragraph__heading", "subparagraph",
            "assignment", "assignment__lead",
        ).prefetch_related("assignment__supporting"),
        pk=pk,
    )
    level = perms.recommendation_access(user, recommendation)
    if level is None or (full and level != perms.FULL):
        raise Http404
    return recommendation, level


def _update(user, pk):
    """A progress update the user may see, with its recommendation loaded, or 404."""
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("organization", "recommendation", "recommendation__document",
                                              "recommendation__paragraph", "recommendation__subparagraph"),
        pk=pk,
    )
    if not perms.can_view_update(user, update):
        raise Http404
    return update


def _tracked_document(user, slug):
    """A document whose whole tracking the user reads (coordinator, viewer), else 403."""
    document = get_object_or_404(Document.objects.select_related("committee"), slug=slug)
    if not perms.can_read_state_tracking(user, document.state):
        raise PermissionDenied
    return document


def _context(request, **context):
    access = perms.access_for(request.user)
    context.setdefault("is_coordinator", access.is_superuser or bool(access.coordinator_states))
    context.setdefault("language", reader_language())
    return context


def _back_to(update_or_recommendation):
    if isinstance(update_or_recommendation, ProgressUpdate):
        return redirect(update_or_recommendation.get_absolute_url())
    return redirect("observations:recommendation_detail", update_or_recommendation.pk)


# --- My work -------------------------------------------------------------------------


@login_required
def my_work(request):
    """The user's own work: for focal points, their organization's assigned
    recommendations; for coordinators, their documents and the review queue."""
    access = perms.access_for(request.user)
    language = reader_language()
    org_ids = list(access.assigned_reader_org_ids)
    table = filterset = None
    if org_ids:
        latest = ProgressUpdate.objects.filter(recommendation_id=OuterRef("pk"), organization_id__in=org_ids)
        queryset = perms.assignments_for(request.user).annotate(
            my_latest_state=Subquery(latest.order_by("-created_at", "-id").values("review_state")[:1])
        ).order_by("assignment__internal_deadline", "document", "position")
        filterset = RecommendationFilterSet(request.GET or None, queryset=queryset)
        table = MyWorkTable(filterset.qs, language=language, organization_ids=access.assigned_reader_org_ids)
        RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    documents = list(perms.documents_tracked_by(request.user).order_by("-adoption_date", "symbol"))
    rollups = {}
    if documents:
        rows = (
            Recommendation.objects.filter(document__in=documents).values("document_id", "status")
            .annotate(n=Count("id"))
        )
        for row in rows:
            rollups.setdefault(row["document_id"], selectors.StatusCounts()).add(row["status"], row["n"])
        for document in documents:
            document.counts = rollups.get(document.pk, selectors.StatusCounts())
    review_count = perms.review_queue_for(request.user).count() if (access.coordinator_states or access.is_superuser) \
        else 0
    return render(request, "observations/tracking/my_work.html", _context(
        request, table=table, filterset=filterset, documents=documents, review_count=review_count,
        organizations=[o for o in access.organizations if o.pk in access.assigned_reader_org_ids],
    ))


@login_required
def review_queue(request):
    """Submitted updates waiting for the coordinator."""
    access = perms.access_for(request.user)
    if not (access.is_superuser or access.coordinator_states):
        raise PermissionDenied
    table = ReviewQueueTable(perms.review_queue_for(request.user))
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, "observations/tracking/review_queue.html", _context(request, table=table))


# --- Coordinator's pages of a document ---------------------------------------------


def _with_counts(queryset, group):
    """Status counts, total and overdue per value of ``group``, in one query."""
    today = timezone.localdate()
    reported = selectors.reported_exists()
    rows = queryset.values(group).annotate(
        total=Count("id"),
        overdue=Count("id", filter=Q(assignment__internal_deadline__lt=today) & ~Q(reported)),
        **{f"n_{status}": Count("id", filter=Q(status=status)) for status in ImplementationStatus.values},
    ).order_by(group)
    result = {}
    for row in rows:
        counts = selectors.StatusCounts({s: row[f"n_{s}"] for s in ImplementationStatus.values if row[f"n_{s}"]})
        result[row[group]] = {"total": row["total"], "overdue": row["overdue"], "counts": counts.counts,
                              "counts_object": counts}
    return result


def _row(name, data, url=""):
    counts = data["counts_object"] if data else selectors.StatusCounts()
    return {"name": name, "url": url, "total": data["total"] if data else 0,
            "overdue": data["overdue"] if data else 0, "counts": counts.counts, "counts_object": counts}


def _paragraph_rows(document, recommendations, language):
    by_paragraph = _with_counts(recommendations, "paragraph__number")
    follow_up = set(
        DeadlineItem.objects.filter(deadline__document=document, deadline__kind=DeadlineKind.FOLLOW_UP)
        .values_list("paragraph__number", flat=True)
    )
    paragraphs = Paragraph.objects.filter(document=document, number__in=list(by_paragraph)).select_related("heading")
    rows = []
    for paragraph in paragraphs.order_by("number"):
        star = " ★" if paragraph.number in follow_up else ""
        heading = paragraph.heading.title_in(language) if paragraph.heading else ""
        name = _("Paragraph %(number)s") % {"number": paragraph.number} + star + (f" — {heading}" if heading else "")
        url = reverse("observations:tracking_recommendations", args=[document.slug]) + f"?q={paragraph.number}"
        rows.append(_row(name, by_paragraph[paragraph.number], url))
    return rows


def _theme_rows(document, recommendations, language):
    rollup = selectors.status_rollup(document, recommendations)
    rows = []
    for heading in rollup.heading_rows:
        if heading["kind"] not in ("cluster", "topic") or not heading["counts"].total:
            continue
        title = (heading["titles"] or {}).get(language) or next(iter((heading["titles"] or {"": ""}).values()))
        prefix = f"{heading['key']}. " if heading["kind"] == "cluster" and heading["key"] else "    "
        counts = heading["counts"]
        rows.append({"name": prefix + title, "url": "", "total": counts.total, "overdue": "",
                     "counts": counts.counts, "counts_object": counts, "kind": heading["kind"]})
    return rows


def _organization_rows(document, recommendations):
    lead = _with_counts(recommendations, "assignment__lead_id")
    supporting = _with_counts(
        recommendations.filter(assignment__supporting__isnull=False), "assignment__supporting__id"
    )
    names = {o.pk: o.name for o in Organization.objects.filter(pk__in=[k for k in (*lead, *supporting) if k])}
    base = reverse("observations:tracking_recommendations", args=[document.slug])
    rows = []
    for pk in sorted((k for k in lead if k), key=lambda k: names.get(k, "")):
        rows.append(_row(_("%(org)s — lead") % {"org": names[pk]}, lead[pk], f"{base}?lead={pk}"))
    for pk in sorted((k for k in supporting if k), key=lambda k: names.get(k, "")):
        rows.append(_row(_("%(org)s — supporting") % {"org": names[pk]}, supporting[pk]))
    if None in lead:
        rows.append(_row(_("Not assigned yet"), lead[None], f"{base}?unassigned=on"))
    return rows


def _deadline_rows(document, recommendations):
    rows = []
    base = reverse("observations:tracking_recommendations", args=[document.slug])
    follow_up_recs = recommendations.filter(selectors.follow_up_exists())
    for deadline in Deadline.objects.filter(document=document, due_date__isnull=False).order_by("due_date"):
        if deadline.kind == DeadlineKind.FOLLOW_UP:
            scope, url = follow_up_recs, f"{base}?follow_up=on"
        elif deadline.kind == DeadlineKind.NEXT_PERIODIC_REPORT:
            scope, url = recommendations, base
        else:
            continue
        data = _with_counts(scope, "document_id").get(document.pk)
        name = _("Committee: %(kind)s, %(date)s") % {"kind": deadline.get_kind_display(),
                                                     "date": deadline.due_date.isoformat()}
        rows.append(_row(name, data, url))
    for date, data in _with_counts(recommendations, "assignment__internal_deadline").items():
        if date is None:
            continue
        rows.append(_row(_("Internal deadline %(date)s") % {"date": date.isoformat()}, data))
    return rows


@login_required
def tracking_dashboard(request, slug, dimension="paragraphs"):
    """Status roll-up of a document's recommendations by paragraph, theme, organization
    or deadline (coordinators and viewers of the State)."""
    if dimension not in DIMENSIONS:
        raise Http404
    document = _tracked_document(request.user, slug)
    language = reader_language()
    recommendations = document.recommendations.all()
    if dimension == "paragraphs":
        rows, label = _paragraph_rows(document, recommendations, language), _("Paragraph")
    elif dimension == "themes":
        rows, label = _theme_rows(document, recommendations, language), _("Cluster or topic")
    elif dimension == "organizations":
        rows, label = _organization_rows(document, recommendations), _("Organization")
    else:
        rows, label = _deadline_rows(document, recommendations), _("Deadline")
    totals = _with_counts(recommendations.order_by(), "document_id").get(document.pk)
    table = RollupTable(rows, name_label=label, show_overdue=dimension != "themes")
    return render(request, "observations/tracking/dashboard.html", _context(
        request, document=document, table=table, dimension=dimension, dimensions=DIMENSIONS,
        totals=_row(document.symbol, totals), can_assign=perms.can_assign(request.user, document),
        review_count=perms.review_queue_for(request.user).filter(recommendation__document=document).count()
        if perms.can_assign(request.user, document) else 0,
    ))


@login_required
def tracking_recommendations(request, slug):
    """Every recommendation of a document with its assignment and status (filterable)."""
    document = _tracked_document(request.user, slug)
    pending = (
        ProgressUpdate.objects.filter(recommendation_id=OuterRef("pk"), review_state=ReviewState.SUBMITTED)
        .order_by().values("recommendation_id").annotate(c=Count("id")).values("c")
    )
    queryset = selectors.with_tracking(document.recommendations.all()).annotate(
        pending_reviews=Subquery(pending, output_field=IntegerField())
    ).order_by("position")
    filterset = RecommendationFilterSet(request.GET or None, queryset=queryset, for_coordinator=True,
                                        organizations=perms.assignable_organizations(document.state).order_by("name"))
    table = TrackingTable(filterset.qs, language=reader_language())
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, "observations/tracking/recommendations.html", _context(
        request, document=document, table=table, filterset=filterset,
        can_assign=perms.can_assign(request.user, document), dimensions=DIMENSIONS,
    ))


@login_required
def bulk_assign(request, slug):
    """Assign a topic, a cluster or a list of paragraphs to one organization."""
    document = _tracked_document(request.user, slug)
    if not perms.can_assign(request.user, document):
        raise PermissionDenied
    form = BulkAssignmentForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kwargs = {"internal_deadline": data["internal_deadline"]} if data.get("internal_deadline") else {}
        try:
            result = services.bulk_assign(document, data["recommendations"], organization=data["organization"],
                                          role=data["role"], by=request.user, **kwargs)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = len(result.created) + len(result.changed)
            messages.success(request, ngettext(
                "%(count)d recommendation assigned to %(org)s.", "%(count)d recommendations assigned to %(org)s.",
                done) % {"count": done, "org": data["organization"]})
            if result.unchanged:
                messages.info(request, _("Already so: %(codes)s.") % {
                    "codes": ", ".join(r.code for r in result.unchanged)})
            if result.skipped:
                messages.warning(request, _("Not changed, because they have no lead organization yet: %(codes)s. "
                                            "Assign a lead first.") % {
                    "codes": ", ".join(r.code for r in result.skipped)})
            return redirect("observations:tracking_recommendations", document.slug)
    return render(request, "observations/tracking/bulk_assign.html", _context(
        request, document=document, form=form, lead_days=services.lead_days(), dimensions=DIMENSIONS,
        dimension="assign",
    ))


# --- A recommendation ----------------------------------------------------------------


def _chains(user, recommendation, updates):
    """Updates grouped into their version chains, newest version first, with what the
    user may do on each."""
    corrected = set(ProgressUpdate.objects.filter(recommendation=recommendation, previous__isnull=False)
                    .values_list("previous_id", flat=True))
    may_review = perms.can_assess(user, recommendation)  # the State's coordinator reviews
    chains: OrderedDict = OrderedDict()
    for update in updates:
        update.recommendation = recommendation
        writer = perms.may_write_for(user, update)
        update.can_edit = writer and update.review_state == ReviewState.DRAFT
        update.can_correct = (writer and update.pk not in corrected
                              and update.review_state in (ReviewState.RETURNED, ReviewState.VALIDATED))
        update.can_review = may_review and update.review_state == ReviewState.SUBMITTED
        update.is_counted = update.review_state == ReviewState.VALIDATED
        chains.setdefault(update.chain, []).append(update)
    for versions in chains.values():
        versions.sort(key=lambda u: -u.version)
        validated = [u for u in versions if u.review_state == ReviewState.VALIDATED]
        for u in validated[1:]:
            u.is_counted = False  # superseded by a later validated version
    return sorted(chains.values(), key=lambda versions: max(u.created_at for u in versions), reverse=True)


@login_required
def recommendation_detail(request, pk):
    """The recommendation: text in the reader's language, assignment, updates with
    versions and review state, history and the Committee's grades. NGO members see the
    public face only (text, official status, Committee's grades)."""
    recommendation, level = _recommendation(request.user, pk, full=False)
    language = reader_language()
    document = recommendation.document
    context = {
        "recommendation": recommendation, "document": document, "level": level, "full": level == perms.FULL,
        "text": recommendation.text_in(language), "is_follow_up": selectors.is_follow_up(recommendation),
        "heading_title": recommendation.paragraph.heading.title_in(language) if recommendation.paragraph.heading
        else "",
        "assessments": list(selectors.assessments_for(recommendation)),
        "can_assess": perms.can_assess(request.user, recommendation),
    }
    if level == perms.FULL:
        assignment = getattr(recommendation, "assignment", None)
        updates = (
            perms.updates_visible_to(request.user, recommendation.updates.all())
            .select_related("organization", "author", "submitted_by", "reviewed_by", "last_edited_by")
            .prefetch_related("measures", "evidence")
        )
        context.update(
            assignment=assignment,
            overdue=bool(assignment and assignment.internal_deadline
                         and assignment.internal_deadline < timezone.localdate()
                         and not recommendation.updates.filter(
                             review_state__in=[ReviewState.SUBMITTED, ReviewState.VALIDATED]).exists()),
            chains=_chains(request.user, recommendation, updates),
            history=list(selectors.history_for(recommendation)),
            can_assign=perms.can_assign(request.user, document),
            reporting_organizations=perms.reporting_organizations(request.user, recommendation),
        )
    return render(request, "observations/tracking/recommendation_detail.html", _context(request, **context))


@login_required
def assign_recommendation(request, pk):
    recommendation, _level = _recommendation(request.user, pk)
    document = recommendation.document
    if not perms.can_assign(request.user, document):
        raise PermissionDenied
    assignment = Assignment.objects.filter(recommendation=recommendation).first()
    if assignment:
        initial = {"lead": assignment.lead_id, "supporting": list(assignment.supporting.all()),
                   "internal_deadline": assignment.internal_deadline, "note": assignment.note}
    else:
        initial = {"internal_deadline": services.default_internal_deadline(recommendation)}
    form = AssignmentForm(request.POST or None, document=document, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assign(recommendation, lead=data["lead"], supporting=data["supporting"],
                            internal_deadline=data["internal_deadline"], note=data["note"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Assignment of %(code)s saved.") % {"code": recommendation.code})
            return _back_to(recommendation)
    return render(request, "observations/tracking/assignment_form.html", _context(
        request, recommendation=recommendation, document=document, form=form, assignment=assignment,
        text=recommendation.text_in(reader_language()), lead_days=services.lead_days(),
    ))


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
    recommendation, _level = _recommendation(request.user, pk)
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
    return render(request, "observations/tracking/update_form.html", _context(
        request, recommendation=recommendation, form=form, formset=formset, update=None,
        text=recommendation.text_in(reader_language()),
    ))


@login_required
def update_edit(request, pk):
    """Edit a draft. Two people saving the same draft: the second is told, and their
    text is kept in the form; nothing is overwritten."""
    update = _update(request.user, pk)
    if not perms.can_edit_update(request.user, update):
        raise PermissionDenied
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
    return render(request, "observations/tracking/update_form.html", _context(
        request, recommendation=recommendation, form=form, formset=formset, update=update, conflict=conflict,
        evidence=list(update.evidence.all()), text=recommendation.text_in(reader_language()),
    ))


@login_required
@require_POST
def update_submit(request, pk):
    update = _update(request.user, pk)
    if not perms.can_edit_update(request.user, update):
        raise PermissionDenied
    expected = request.POST.get("lock_version")
    try:
        services.submit_update(update, by=request.user,
                               expected_version=int(expected) if expected and expected.isdigit() else None)
    except services.ConcurrentEdit:
        messages.error(request, _("This draft was changed by someone else since you opened the page; it was not "
                                  "submitted. Look at it again, then submit."))
    else:
        messages.success(request, _("Your update was submitted to the coordinator for review."))
    return _back_to(update)


@login_required
@require_POST
def update_correct(request, pk):
    """Start a new version of a returned or validated update."""
    update = _update(request.user, pk)
    if not perms.may_write_for(request.user, update):
        raise PermissionDenied
    try:
        new = services.correct_update(update, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to(update)
    messages.info(request, _("A new version (%(version)d) was started from version %(previous)d. The earlier "
                             "version stays as it was.") % {"version": new.version, "previous": update.version})
    return redirect("observations:update_edit", new.pk)


@login_required
@require_POST
def update_validate(request, pk):
    update = _update(request.user, pk)
    if not perms.can_review(request.user, update):
        raise PermissionDenied
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
    return _back_to(update)


@login_required
def update_return(request, pk):
    update = _update(request.user, pk)
    if not perms.can_review(request.user, update):
        raise PermissionDenied
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_update(update, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The update was returned to %(org)s with your comment.")
                             % {"org": update.organization})
            return _back_to(update)
    return render(request, "observations/tracking/return_form.html", _context(
        request, update=update, recommendation=update.recommendation, form=form,
    ))


# --- Evidence ------------------------------------------------------------------------


@login_required
def evidence_download(request, pk):
    """Serve an evidence file, only to those who may see its update."""
    evidence = get_object_or_404(Evidence.objects.select_related("update"), pk=pk)
    if not perms.evidence_visible_to(request.user, evidence):
        raise Http404
    if not evidence.is_file:
        return HttpResponseRedirect(evidence.link)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("The file is missing from the server.")) from None
    response = FileResponse(handle, as_attachment=True, filename=evidence.file_name or "evidence",
                            content_type=evidence.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
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
    recommendation, _level = _recommendation(request.user, pk)
    if not perms.can_assess(request.user, recommendation):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, recommendation=recommendation,
                          initial={"letter_date": timezone.localdate()})
    follow_up = selectors.is_follow_up(recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_assessment(recommendation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The Committee's assessment was recorded."))
            return _back_to(recommendation)
    return render(request, "observations/tracking/assessment_form.html", _context(
        request, recommendation=recommendation, form=form, follow_up=follow_up,
        text=recommendation.text_in(reader_language()),
    ))
