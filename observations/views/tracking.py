"""Views of the tracking workflow: a focal point's work, the review queue, the
coordinator's dashboards and list of a document's recommendations, assignments, and the
page of one recommendation. Progress updates, their review, evidence and the
Committee's assessments: ``views.updates``.

Every view checks, on the server and per object, what ``observations.permissions``
allows: an object the user may not see is a 404 (its existence is not revealed), an
action on an object they see but may not do is a 403. Writes go through
``observations.services``; a refused POST changes nothing. Counts and roll-ups come from
``observations.selectors``.
"""

from __future__ import annotations

from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import permissions as perms
from ..choices import ReviewState
from ..exports import charts
from ..exports.tables import export_table, requested_format
from ..filtersets.tracking import (
    RecommendationFilterForm,
    RecommendationFilterSet,
    ReviewFilterForm,
    ReviewFilterSet,
)
from ..forms.tracking import AssignmentForm, BulkAssignmentForm, add_service_errors, reader_language
from ..models import Assignment, Organization, ProgressUpdate
from ..selectors import dashboards
from ..selectors import tracking as selectors
from ..services import tracking as services
from ..tables.tracking import MyWorkTable, ReviewQueueTable, RollupTable, TrackingTable
from .base import TrackingListView, back_to, get_recommendation, get_tracked_document, tracking_context

DIMENSIONS = dashboards.DIMENSIONS


# --- Lists -------------------------------------------------------------------------


class MyWorkView(TrackingListView):
    """The user's own work: for focal points, their organization's assigned
    recommendations; for coordinators, their documents and the review queue."""

    filterset = RecommendationFilterSet
    filterset_form = RecommendationFilterForm
    table = MyWorkTable
    template_name = "observations/tracking/my_work.html"
    export_label = "my-work"

    def get_queryset(self, request):
        org_ids = list(perms.access_for(request.user).assigned_reader_org_ids)
        latest = ProgressUpdate.objects.filter(recommendation_id=OuterRef("pk"), organization_id__in=org_ids)
        return perms.assignments_for(request.user).annotate(
            my_latest_state=Subquery(latest.order_by("-created_at", "-id").values("review_state")[:1])
        ).order_by("assignment__internal_deadline", "document", "position")

    def get_table_kwargs(self, request):
        return {"language": reader_language(),
                "organization_ids": perms.access_for(request.user).assigned_reader_org_ids}

    def get_extra_context(self, request):
        access = perms.access_for(request.user)
        documents = list(perms.documents_tracked_by(request.user).order_by("-adoption_date", "symbol"))
        counts = selectors.status_counts_by_document(documents)
        for document in documents:
            document.counts = counts[document.pk]
        is_coordinator = perms.is_coordinator(request.user)
        return tracking_context(
            request, documents=documents, show_assigned=bool(access.assigned_reader_org_ids),
            review_count=perms.review_queue_for(request.user).count() if is_coordinator else 0,
            organizations=[o for o in access.organizations if o.pk in access.assigned_reader_org_ids],
        )


class ReviewQueueView(TrackingListView):
    """Submitted updates waiting for the coordinator."""

    filterset = ReviewFilterSet
    filterset_form = ReviewFilterForm
    table = ReviewQueueTable
    template_name = "observations/tracking/review_queue.html"
    export_label = "review-queue"

    def get_queryset(self, request):
        if not perms.is_coordinator(request.user):
            raise PermissionDenied
        return perms.review_queue_for(request.user)

    def get_filter_options(self, request):
        waiting = perms.review_queue_for(request.user).order_by().values("organization_id")
        return {"organizations": Organization.objects.filter(pk__in=waiting).order_by("name")}


class TrackingRecommendationsView(TrackingListView):
    """Every recommendation of a document with its assignment and status (filterable)."""

    filterset = RecommendationFilterSet
    filterset_form = RecommendationFilterForm
    table = TrackingTable
    template_name = "observations/tracking/recommendations.html"

    def get_queryset(self, request):
        self.document = get_tracked_document(request.user, self.kwargs["slug"])
        pending = (
            ProgressUpdate.objects.filter(recommendation_id=OuterRef("pk"), review_state=ReviewState.SUBMITTED)
            .order_by().values("recommendation_id").annotate(c=Count("id")).values("c")
        )
        return selectors.with_tracking(self.document.recommendations.all()).annotate(
            pending_reviews=Subquery(pending, output_field=IntegerField())
        ).order_by("position")

    def get_filter_options(self, request):
        return {"for_coordinator": True,
                "organizations": perms.assignable_organizations(self.document.state).order_by("name")}

    def get_table_kwargs(self, request):
        return {"language": reader_language()}

    def export_name(self, request):
        return (self.document.symbol, "recommendations")

    def get_extra_context(self, request):
        return tracking_context(request, document=self.document, dimensions=DIMENSIONS,
                                can_assign=perms.can_assign(request.user, self.document))


# --- Dashboards and assignment of a document ---------------------------------------


@login_required
def tracking_dashboard(request, slug, dimension="paragraphs"):
    """Status roll-up of a document's recommendations by paragraph, theme, organization
    or deadline (coordinators and viewers of the State)."""
    if dimension not in DIMENSIONS:
        raise Http404
    document = get_tracked_document(request.user, slug)
    labels = {"paragraphs": _("Paragraph"), "themes": _("Cluster or topic"), "organizations": _("Organization"),
              "deadlines": _("Deadline")}
    rows = dashboards.dashboard_rows(document, dimension, reader_language())
    table = RollupTable(rows, name_label=labels[dimension], show_overdue=dimension != "themes")
    fmt = requested_format(request)
    if fmt:
        return export_table(table, fmt, document.symbol, dimension)
    can_assign = perms.can_assign(request.user, document)
    return render(request, "observations/tracking/dashboard.html", tracking_context(
        request, document=document, table=table, dimension=dimension, dimensions=DIMENSIONS,
        totals=dashboards.document_totals(document), can_assign=can_assign,
        chart_names=[(name, charts.chart_title(name)) for name in charts.CHARTS],
        can_switch_public_page=perms.can_switch_public_page(request.user, document),
        review_count=perms.review_queue_for(request.user).filter(recommendation__document=document).count()
        if can_assign else 0,
    ))


@login_required
def bulk_assign(request, slug):
    """Assign a topic, a cluster or a list of paragraphs to one organization."""
    document = get_tracked_document(request.user, slug)
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
    return render(request, "observations/tracking/bulk_assign.html", tracking_context(
        request, document=document, form=form, lead_days=services.lead_days(), dimensions=DIMENSIONS,
        dimension="assign",
    ))


# --- A recommendation ----------------------------------------------------------------


def _chains(user, recommendation, updates):
    """Updates grouped into their version chains, newest version first, with what the
    user may do on each (``permissions``)."""
    updates = list(updates)
    for update in updates:
        update.recommendation = recommendation
    correctable = perms.correctable_update_ids(user, updates)
    chains: OrderedDict = OrderedDict()
    for update in updates:
        update.can_edit = perms.can_edit_update(user, update)
        update.can_correct = update.pk in correctable
        update.can_review = perms.can_validate_update(user, update)
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
    recommendation, level = get_recommendation(request.user, pk, full=False)
    language = reader_language()
    document = recommendation.document
    context = {
        "recommendation": recommendation, "document": document, "level": level, "full": level == perms.FULL,
        "text": recommendation.text_in(language), "is_follow_up": recommendation.is_follow_up,
        "heading_title": recommendation.paragraph.heading.title_in(language) if recommendation.paragraph.heading
        else "",
        "assessments": list(selectors.assessments_for(recommendation)),
        "can_assess": perms.can_assess(request.user, recommendation),
    }
    if level == perms.FULL:
        updates = (
            perms.updates_visible_to(request.user, recommendation.updates.all())
            .select_related("organization", "author", "submitted_by", "reviewed_by", "last_edited_by")
            .prefetch_related("measures", "evidence")
        )
        context.update(
            assignment=getattr(recommendation, "assignment", None),
            overdue=recommendation.is_overdue,
            chains=_chains(request.user, recommendation, updates),
            history=list(selectors.history_for(recommendation)),
            can_assign=perms.can_assign(request.user, document),
            reporting_organizations=perms.reporting_organizations(request.user, recommendation),
        )
    return render(request, "observations/tracking/recommendation_detail.html", tracking_context(request, **context))


@login_required
def assign_recommendation(request, pk):
    recommendation, _level = get_recommendation(request.user, pk)
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
            return back_to(recommendation)
    return render(request, "observations/tracking/assignment_form.html", tracking_context(
        request, recommendation=recommendation, document=document, form=form, assignment=assignment,
        text=recommendation.text_in(reader_language()), lead_days=services.lead_days(),
    ))
