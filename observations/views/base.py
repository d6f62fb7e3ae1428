"""What the pages share: the list base view, and the lookups and context of the tracking
pages.

A list page sets what it lists and how, the base does the rest::

    class DocumentListView(ObjectListView):
        filterset = DocumentFilterSet        # which rows (filtersets/)
        filterset_form = DocumentFilterForm  # the form that renders it, same field names
        table = DocumentTable                # which columns (tables/)
        template_name = "observations/documents/document_list.html"

        def get_queryset(self, request):     # what the user may see (permissions/selectors)
            ...

The base filters (a blank filter means "any"; a filter value that is not valid lists
nothing, with the reason), orders (the table's ``?sort=``), paginates (django-tables2
``RequestConfig``, ``per_page``) and renders with ``table``, ``filter_form``,
``filter_active``, ``filter_errors`` and whatever ``get_extra_context()`` adds.

Exports: ``?_export=<format>`` (or ``?export=<format>``) on the list's own URL. Every
list offers CSV and XLSX (``export_formats``, ``exports.tables``) and answers them in
``export_response(request, table, fmt)``; ``get_export_table()`` gives the same filtered,
ordered rows unpaginated, with every column of ``Meta.fields``, from the same
``get_queryset()`` (so the same permissions). The file is named by ``export_name()``. A
format not offered is ignored (the page is shown).
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django_tables2 import RequestConfig

from .. import permissions as perms
from ..exports.tables import EXPORT_FORMATS, export_table, requested_format
from ..forms.tracking import reader_language
from ..models import Document, ProgressUpdate, Recommendation
from ..selectors.tracking import with_tracking


class ObjectListView(View):
    """A list page: a queryset, a FilterSet, the form that renders it, and a table."""

    queryset = None
    filterset = None
    filterset_form = None
    table = None
    template_name = None
    per_page = 50
    export_formats: tuple[str, ...] = EXPORT_FORMATS
    export_label = "list"

    # --- What a list sets ---

    def get_queryset(self, request):
        return self.queryset.all()

    def get_filter_options(self, request) -> dict:
        """Keyword arguments given to both the FilterSet and its form."""
        return {}

    def get_table_kwargs(self, request) -> dict:
        return {}

    def get_extra_context(self, request) -> dict:
        return {}

    # --- What the base does ---

    def filter_data(self, request):
        """The query string without blank values: a filter left blank means "any"."""
        data = request.GET.copy()
        for name in list(data):
            values = [value for value in data.getlist(name) if value.strip()]
            if values:
                data.setlist(name, values)
            else:
                del data[name]
        return data

    def filtered(self, request, queryset, data, options):
        """(filtered queryset, the FilterSet, whether its values were valid). A list
        without a FilterSet shows its queryset as is."""
        if self.filterset is None:
            return queryset, None, True
        filterset = self.filterset(data, queryset=queryset, request=request, **options)
        valid = filterset.is_valid()
        return (filterset.qs if valid else queryset.none()), filterset, valid

    def get_table(self, request, queryset, **kwargs):
        return self.table(queryset, **self.get_table_kwargs(request), **kwargs)

    def get_export_table(self, request):
        """Every filtered row in the requested order, with every column, unpaginated."""
        data = self.filter_data(request)
        queryset = self.get_queryset(request)
        queryset, _filterset, _valid = self.filtered(request, queryset, data, self.get_filter_options(request))
        table = self.get_table(request, queryset, columns=self.table.Meta.fields)
        RequestConfig(request, paginate=False).configure(table)
        return table

    def export_name(self, request) -> tuple[str, ...]:
        """What the file name says before the date (a document symbol, the list)."""
        return (self.export_label,)

    def export_response(self, request, table, fmt):
        return export_table(table, fmt, *self.export_name(request))

    def get(self, request, *args, **kwargs):
        fmt = requested_format(request)
        if fmt and fmt in self.export_formats:
            return self.export_response(request, self.get_export_table(request), fmt)
        queryset = self.get_queryset(request)
        data = self.filter_data(request)
        options = self.get_filter_options(request)
        rows, filterset, valid = self.filtered(request, queryset, data, options)
        table = self.get_table(request, rows)
        RequestConfig(request, paginate={"per_page": self.per_page}).configure(table)
        context = {
            "table": table,
            "filter_form": self.filterset_form(data, **options) if filterset is not None else None,
            "filter_active": filterset is not None and any(name in data for name in filterset.filters),
            "filter_errors": None if valid else filterset.errors,
            **self.get_extra_context(request),
        }
        return render(request, self.template_name, context)


# --- The tracking pages ------------------------------------------------------------


class TrackingListView(LoginRequiredMixin, ObjectListView):
    """A list of the tracking pages: signed-in users only, with the tracking context."""

    def get_extra_context(self, request) -> dict:
        return tracking_context(request)


def tracking_context(request, **context) -> dict:
    context.setdefault("is_coordinator", perms.is_coordinator(request.user))
    context.setdefault("language", reader_language())
    return context


def get_recommendation(user, pk, *, full=True):
    """The recommendation (with ``with_tracking`` annotations: ``is_follow_up``,
    ``is_overdue``) and the user's access level to it, or 404."""
    recommendation = get_object_or_404(
        with_tracking(Recommendation.objects.select_related("document__committee", "paragraph__heading")),
        pk=pk,
    )
    level = perms.recommendation_access(user, recommendation)
    if level is None or (full and level != perms.FULL):
        raise Http404
    return recommendation, level


def get_update(user, pk, *, may=None):
    """A progress update the user may see, with its recommendation loaded, or 404; with
    ``may`` (a predicate of ``permissions``), 403 unless the user may also do that to it."""
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("organization", "recommendation", "recommendation__document",
                                              "recommendation__paragraph", "recommendation__subparagraph"),
        pk=pk,
    )
    if not perms.can_view_update(user, update):
        raise Http404
    if may is not None and not may(user, update):
        raise PermissionDenied
    return update


def get_tracked_document(user, slug):
    """A document whose whole tracking the user reads (coordinators, viewers), else 403."""
    document = get_object_or_404(Document.objects.select_related("committee"), slug=slug)
    if not perms.can_read_state_tracking(user, document.state):
        raise PermissionDenied
    return document


def back_to(update_or_recommendation):
    if isinstance(update_or_recommendation, ProgressUpdate):
        return redirect(update_or_recommendation.get_absolute_url())
    return redirect("observations:recommendation_detail", update_or_recommendation.pk)
