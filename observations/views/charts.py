"""The charts of a document's follow-up (``exports.charts``): each as an SVG image at its
own address (shown on the tracking dashboard), and all of them inline with the tables of
their numbers on the charts page. For the State's coordinators and viewers, like the
dashboard (others: 403; an unknown chart: 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from ..exports import charts
from ..forms.tracking import reader_language
from .base import get_tracked_document, tracking_context


@login_required
@cache_control(private=True, no_cache=True)
def tracking_chart(request, slug, name):
    document = get_tracked_document(request.user, slug)
    if name not in charts.CHARTS:
        raise Http404
    chart = charts.dashboard_chart(document, name, reader_language())
    return HttpResponse(chart.svg, content_type="image/svg+xml; charset=utf-8")


@login_required
def tracking_charts(request, slug):
    document = get_tracked_document(request.user, slug)
    return render(request, "observations/tracking/charts.html", tracking_context(
        request, document=document, charts=charts.dashboard_charts(document, reader_language()),
    ))
