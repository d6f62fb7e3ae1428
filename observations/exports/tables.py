"""Exports of a table: exactly the filtered, ordered rows of a list as CSV or XLSX.

``export_table(table, fmt, name)`` answers ``?_export=csv`` / ``?_export=xlsx`` (and
the older ``?export=``) through django-tables2's ``TableExport`` (tablib). Every cell is
plain text (the page's HTML stripped); a cell that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with
``'`` so that it stays text. Headers are the columns' names in the reader's language.
The file is named after what it holds and the day: ``CMW-C-KGZ-CO-1_recommendations_2026-12-01.csv``.

Which rows: whatever the page's own queryset gives (its permissions), never more.
"""

from __future__ import annotations

import html
import re

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeData
from django_tables2.export import TableExport
from tablib import Dataset

EXPORT_FORMATS = ("csv", "xlsx")
EXPORT_PARAMETERS = ("_export", "export")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SPACES = re.compile(r"\s+")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def requested_format(request) -> str | None:
    """The export format asked for in the query string, if it is one offered."""
    for parameter in EXPORT_PARAMETERS:
        fmt = request.GET.get(parameter)
        if fmt in EXPORT_FORMATS:
            return fmt
    return None


def neutralise(text: str) -> str:
    """A text a spreadsheet shows as text, never evaluates."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def clean_cell(value):
    """A cell of the export: numbers and dates as they are, everything else plain text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    text = force_str(value)
    if isinstance(value, SafeData):
        text = _SPACES.sub(" ", html.unescape(strip_tags(text)))
    return neutralise(text.strip(" \n"))


class CleanTableExport(TableExport):
    """``TableExport`` whose cells are plain, formula-free text."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = Dataset(**(dataset_kwargs or {}))
        for i, row in enumerate(table.as_values(exclude_columns=exclude_columns)):
            if i == 0:
                dataset.headers = [neutralise(force_str(header)) for header in row]
            else:
                dataset.append([clean_cell(value) for value in row])
        return dataset


def export_filename(*parts: str, fmt: str, today=None) -> str:
    """``<parts>_<date>.<fmt>``; a document symbol's slashes become hyphens."""
    today = today or timezone.localdate()
    names = [_UNSAFE_NAME.sub("-", part.replace("/", "-")).strip("-") for part in parts if part]
    return "_".join([*names, today.isoformat()]) + f".{fmt}"


def export_table(table, fmt: str, *parts: str):
    """The download of ``table`` (already filtered, ordered, unpaginated) in ``fmt``."""
    exporter = CleanTableExport(fmt, table, dataset_kwargs={"title": "Export"})
    response = exporter.response()
    response["Content-Disposition"] = content_disposition_header(True, export_filename(*parts, fmt=fmt))
    return response
