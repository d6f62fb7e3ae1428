"""Charts of a document's follow-up as SVG, drawn on the server (no script).

Each chart is an ``<svg role="img">`` with its ``<title>`` and ``<desc>`` (the numbers in
words) and a data table beside it in the template; it prints as it shows. Built with
lxml, so every label is escaped. In a right-to-left language the chart is mirrored:
every x mirrored and ``direction="rtl"`` on the root, so that a label's ``text-anchor``
(logical: "start" is where the writing starts) puts right-to-left text on the right side of
its point; labels stand on the right, bars grow leftwards and time runs from right to left.

- ``stacked_bars(rows)``: one bar per row, one segment per official status (by cluster,
  by organization);
- ``columns(points)``: validated updates per month;
- ``timeline(events)``: deadlines on a line of time, today marked.

``dashboard_chart(document, name, language)`` gathers the data of one chart of the
tracking dashboard (``CHARTS``: clusters, organizations, months, deadlines; from
``selectors.dashboards`` and ``selectors.deadlines``) and draws it. The dashboard shows each
as an image from its own address (so the dashboard's own queries stay as they are); the
charts page shows them inline, each with the table of its numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from lxml import etree

from ..choices import ImplementationStatus, ReviewState

SVG_NS = "http://www.w3.org/2000/svg"
COLOURS = {  # the Bootstrap colours of the choices, as fills
    "primary": "#0d6efd", "secondary": "#6c757d", "success": "#198754", "danger": "#dc3545",
    "warning": "#ffc107", "info": "#0dcaf0", "dark": "#212529", "light": "#f8f9fa",
}
WIDTH = 640
ROW = 26
LABEL = 220


def fill(colour: str) -> str:
    return COLOURS.get(colour, COLOURS["secondary"])


@dataclass
class Chart:
    """One chart: its SVG, and its rows for the data table beside it."""

    id: str
    title: str
    svg: str
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)


class _Canvas:
    """An SVG root with title and description; ``x()`` mirrors in right to left."""

    def __init__(self, chart_id: str, title: str, desc: str, height: int, rtl: bool):
        self.rtl = rtl
        self.root = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS}, attrib={
            "id": chart_id, "class": "chart", "role": "img", "width": "100%",
            "viewBox": f"0 0 {WIDTH} {height}", "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "direction": "rtl" if rtl else "ltr", "font-size": "12", "font-family": "sans-serif",
        })
        self.add("title", title, id=f"{chart_id}-title")
        self.add("desc", desc, id=f"{chart_id}-desc")

    def x(self, x: float, width: float = 0) -> float:
        return round(WIDTH - x - width, 1) if self.rtl else round(x, 1)

    def anchor(self, anchor: str) -> str:
        """``text-anchor`` is logical: under ``direction="rtl"`` "start" is the right end of
        the text, so mirroring the positions is enough; the anchor stays what it means."""
        return anchor

    def add(self, tag: str, text: str | None = None, parent=None, **attrs):
        element = etree.SubElement(parent if parent is not None else self.root, f"{{{SVG_NS}}}{tag}",
                                   attrib={k.replace("_", "-"): str(v) for k, v in attrs.items()})
        if text is not None:
            element.text = str(text)
        return element

    def rect(self, x: float, y: float, width: float, height: float, colour: str, label: str, **attrs):
        rect = self.add("rect", None, x=self.x(x, width), y=y, width=round(width, 1), height=height,
                        fill=fill(colour), **attrs)
        self.add("title", label, parent=rect)
        return rect

    def svg(self) -> str:
        return etree.tostring(self.root, encoding="unicode")


def stacked_bars(chart_id: str, title: str, rows: list[tuple[str, object]], *, rtl: bool = False) -> str:
    """``rows``: (label, StatusCounts); each bar as long as the largest total allows."""
    statuses = list(ImplementationStatus)
    height = 40 + ROW * max(len(rows), 1)
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{s.label} {counts.get(s)}" for s in statuses if counts.get(s))
        for label, counts in rows
    ) or _("Nothing to show.")
    canvas = _Canvas(chart_id, title, desc, height, rtl)
    largest = max((counts.total for _label, counts in rows), default=0) or 1
    scale = (WIDTH - LABEL - 40) / largest
    for i, (label, counts) in enumerate(rows):
        y = 10 + i * ROW
        group = canvas.add("g", None, **{"class": "bar", "data-label": label, "data-total": counts.total})
        text = canvas.add("text", label[:40], parent=group, x=canvas.x(LABEL - 8), y=y + 15,
                          text_anchor=canvas.anchor("end"))
        text.set("class", "label")
        offset = LABEL
        for status in statuses:
            n = counts.get(status)
            if not n:
                continue
            rect = canvas.rect(offset, y, n * scale, ROW - 8, status.colour, f"{status.label}: {n}",
                               parent=group)
            rect.set("data-status", status.value)
            rect.set("data-count", str(n))
            offset += n * scale
        canvas.add("text", str(counts.total), parent=group, x=canvas.x(offset + 6), y=y + 15,
                   text_anchor=canvas.anchor("start"))
    _legend(canvas, statuses, height - 18)
    return canvas.svg()


def _legend(canvas: _Canvas, statuses, y: float) -> None:
    x = 0
    for status in statuses:
        canvas.rect(x, y, 10, 10, status.colour, status.label)
        canvas.add("text", status.label, x=canvas.x(x + 14), y=y + 9, text_anchor=canvas.anchor("start"))
        x += 14 + 7 * len(str(status.label)) + 12


def columns(chart_id: str, title: str, points: list[tuple[str, int]], *, rtl: bool = False) -> str:
    """``points``: (month "YYYY-MM", count), oldest first; time runs with the writing."""
    height = 200
    desc = "; ".join(f"{label}: {n}" for label, n in points) or _("Nothing to show.")
    canvas = _Canvas(chart_id, title, desc, height, rtl)
    largest = max((n for _label, n in points), default=0) or 1
    slot = (WIDTH - 20) / max(len(points), 1)
    base = height - 30
    canvas.add("line", None, x1=canvas.x(10), x2=canvas.x(WIDTH - 10), y1=base, y2=base, stroke="#6c757d")
    for i, (label, n) in enumerate(points):
        bar_height = round((base - 20) * n / largest, 1)
        x = 10 + i * slot + slot * 0.15
        group = canvas.add("g", None, **{"class": "column", "data-label": label, "data-count": n})
        canvas.rect(x, base - bar_height, slot * 0.7, bar_height, "success", f"{label}: {n}", parent=group)
        canvas.add("text", str(n), parent=group, x=canvas.x(x + slot * 0.35), y=base - bar_height - 4,
                   text_anchor="middle")
        canvas.add("text", label, parent=group, x=canvas.x(x + slot * 0.35), y=base + 16, text_anchor="middle")
    return canvas.svg()


def timeline(chart_id: str, title: str, events: list[tuple[dt.date, str, str]], *, today: dt.date,
             rtl: bool = False) -> str:
    """``events``: (date, label, colour); a line from the earliest date to the latest."""
    events = sorted(events)
    height = 70 + 18 * len(events)
    desc = "; ".join(f"{date.isoformat()}: {label}" for date, label, _c in events) or _("Nothing to show.")
    canvas = _Canvas(chart_id, title, desc, height, rtl)
    dates = [date for date, _l, _c in events] + [today]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)

    def position(date):
        return 20 + (WIDTH - 40) * (date - first).days / span

    axis = 30
    canvas.add("line", None, x1=canvas.x(20), x2=canvas.x(WIDTH - 20), y1=axis, y2=axis, stroke="#6c757d")
    now = canvas.add("g", None, **{"class": "today"})
    canvas.add("line", None, parent=now, x1=canvas.x(position(today)), x2=canvas.x(position(today)),
               y1=axis - 14, y2=height - 5, stroke="#212529", stroke_dasharray="3 3")
    canvas.add("text", _("Today"), parent=now, x=canvas.x(position(today)), y=axis - 18, text_anchor="middle")
    for i, (date, label, colour) in enumerate(events):
        x = position(date)
        group = canvas.add("g", None, **{"class": "event", "data-date": date.isoformat()})
        marker = canvas.add("circle", None, parent=group, cx=canvas.x(x), cy=axis, r=5, fill=fill(colour))
        canvas.add("title", f"{date.isoformat()}: {label}", parent=marker)
        y = axis + 22 + 18 * i
        canvas.add("line", None, parent=group, x1=canvas.x(x), x2=canvas.x(x), y1=axis + 5, y2=y - 10,
                   stroke=fill(colour))
        anchor = "start" if x < WIDTH / 2 else "end"
        canvas.add("text", f"{date.isoformat()} {label}", parent=group, x=canvas.x(x), y=y,
                   text_anchor=canvas.anchor(anchor))
    return canvas.svg()


# --- The tracking dashboard's charts ------------------------------------------------------


def validated_per_month(document) -> list[tuple[str, int]]:
    """Validated progress updates of the document per month of validation, no month skipped."""
    from ..models import ProgressUpdate

    rows = (
        ProgressUpdate.objects.filter(recommendation__document=document, review_state=ReviewState.VALIDATED,
                                      reviewed_at__isnull=False)
        .annotate(month=TruncMonth("reviewed_at")).values("month").annotate(n=Count("id")).order_by("month")
    )
    counts = {row["month"].date().replace(day=1) if hasattr(row["month"], "date") else row["month"]: row["n"]
              for row in rows}
    if not counts:
        return []
    month, last, points = min(counts), max(counts), []
    while month <= last:
        points.append((month.strftime("%Y-%m"), counts.get(month, 0)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return points


def deadline_events(document, today: dt.date) -> list[tuple[dt.date, str, str]]:
    """The Committee's deadlines, and the internal deadlines (how many recommendations each)."""
    from ..models import Assignment
    from ..selectors.deadlines import committee_state

    events = []
    for deadline in document.deadlines.all():
        if deadline.effective_date:
            events.append((deadline.effective_date, str(deadline.get_kind_display()),
                           committee_state(deadline, today).colour))
    internal = (Assignment.objects.filter(recommendation__document=document, internal_deadline__isnull=False)
                .values("internal_deadline").annotate(n=Count("id")).order_by("internal_deadline"))
    for row in internal:
        date = row["internal_deadline"]
        label = _("Internal deadline (%(count)s)") % {"count": row["n"]}
        events.append((date, label, "danger" if date < today else "primary"))
    return events


def _status_table(rows):
    statuses = list(ImplementationStatus)
    return ([str(s.label) for s in statuses],
            [(label, [counts.get(s) for s in statuses], counts.total) for label, counts in rows])


def _clusters(document, language, today, rtl):
    from ..selectors import dashboards

    rows = [(row["name"].strip(), row["counts_object"]) for row in dashboards.theme_rows(document, language)
            if row.get("kind") == "cluster"]
    title = chart_title("clusters")
    headers, table = _status_table(rows)
    return Chart("chart-clusters", title, stacked_bars("chart-clusters", title, rows, rtl=rtl), headers, table)


def _organizations(document, language, today, rtl):
    from ..selectors import dashboards

    rows = [(str(row["name"]), row["counts_object"]) for row in dashboards.organization_rows(document)]
    title = chart_title("organizations")
    headers, table = _status_table(rows)
    return Chart("chart-organizations", title, stacked_bars("chart-organizations", title, rows, rtl=rtl),
                 headers, table)


def _months(document, language, today, rtl):
    points = validated_per_month(document)
    title = chart_title("months")
    return Chart("chart-months", title, columns("chart-months", title, points, rtl=rtl),
                 [_("Validated updates")], [(label, [n], None) for label, n in points])


def _deadlines(document, language, today, rtl):
    events = deadline_events(document, today)
    title = chart_title("deadlines")
    return Chart("chart-deadlines", title, timeline("chart-deadlines", title, events, today=today, rtl=rtl),
                 [_("Deadline")], [(date.isoformat(), [label], None) for date, label, _c in events])


CHARTS = {"clusters": _clusters, "organizations": _organizations, "months": _months, "deadlines": _deadlines}


def chart_title(name: str) -> str:
    return {
        "clusters": _("Official status by cluster"),
        "organizations": _("Official status by organization"),
        "months": _("Validated updates per month"),
        "deadlines": _("Deadlines"),
    }[name]


def dashboard_chart(document, name: str, language: str, today: dt.date | None = None) -> Chart:
    """One chart of the dashboard (``CHARTS``), in the active language's direction."""
    return CHARTS[name](document, language, today or timezone.localdate(), get_language_bidi())


def dashboard_charts(document, language: str, today: dt.date | None = None) -> list[Chart]:
    return [dashboard_chart(document, name, language, today) for name in CHARTS]
