"""The base of every table (django-tables2).

One convention for all lists:

- one table class per list, subclassing ``BaseTable`` with ``class Meta(BaseTable.Meta)``;
- ``Meta.fields`` names every column the table can show, in the order shown;
  ``Meta.default_columns`` those shown on the page (all of ``fields`` when empty); an
  export asks for ``columns=Meta.fields``;
- ``Meta.attrs = table_attrs("<id>")``: the shared classes plus the table's own id;
- a column that names an object links to it with ``linkify``; a column of a choice set
  shows its badge in the choice's own colour (``choices.ColourChoices``).
"""

from __future__ import annotations

import datetime as dt
import functools

import django_tables2 as tables
import django_tables2.utils
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from django_tables2.columns.base import BoundColumn
from django_tables2.utils import AttributeDict

# django-tables2 reads the signature of a column's render method for every cell it renders
# (``utils.call_with_appropriate``), which is most of a long list's rendering time. A
# method's signature does not change: it is read once per function.
_signature = django_tables2.utils.signature


@functools.lru_cache(maxsize=2048)
def _signature_of(function, bound: bool):
    return _signature(function.__get__(object()) if bound else function)


def _cached_signature(fn):
    function = getattr(fn, "__func__", None)
    try:
        if function is not None:
            return _signature_of(function, True)
        return _signature_of(fn, False)
    except TypeError:  # not hashable
        return _signature(fn)


django_tables2.utils.signature = _cached_signature

TABLE_CLASSES = "table table-sm table-hover align-middle"


def table_attrs(table_id: str) -> dict:
    return {"class": TABLE_CLASSES, "id": table_id}


def overdue_row(record) -> str:
    """Row class of a recommendation annotated ``is_overdue`` (``selectors.with_tracking``)."""
    return "table-danger" if getattr(record, "is_overdue", False) else ""


def _has_callable(value) -> bool:
    if callable(value):
        return True
    if isinstance(value, dict):
        return any(_has_callable(v) for v in value.values())
    return False


class _FixedAttrsBoundColumn(BoundColumn):
    """A column whose cell attributes depend on no row: django-tables2 works them out again
    for every cell (a good part of a list's rendering time); here once, when the table is
    rendered (after its ordering is known)."""

    @property
    def attrs(self):
        attrs = self.__dict__.get("_fixed_attrs")
        if attrs is None:
            attrs = BoundColumn.attrs.fget(self)
            attrs = {key: _FixedAttributeDict(value) if isinstance(value, AttributeDict) else value
                     for key, value in attrs.items()}
            self.__dict__["_fixed_attrs"] = attrs
        return attrs


class _FixedAttributeDict(AttributeDict):
    """Cell attributes written out once, not once per cell."""

    def as_html(self):
        html = self.__dict__.get("_html")
        if html is None:
            html = self.__dict__["_html"] = super().as_html()
        return html


class DateColumn(tables.Column):
    """A date or date and time in a fixed format (``format`` as for the ``date`` filter),
    local time for a moment. django-tables2's own DateColumn and DateTimeColumn compile a
    template for every cell."""

    def __init__(self, *, format: str, **kwargs):
        self.format = format
        super().__init__(**kwargs)

    def render(self, value):
        return dateformat.format(timezone.template_localtime(value), self.format)

    def value(self, value):
        """In exports, as django-tables2 writes it: ISO 8601."""
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()


class BaseTable(tables.Table):
    class Meta:
        attrs = {"class": TABLE_CLASSES}
        empty_text = _("Nothing to show.")
        fields: tuple[str, ...] = ()
        default_columns: tuple[str, ...] = ()

    def __init__(self, *args, columns=None, **kwargs):
        fields = tuple(self.Meta.fields)
        visible = set(columns or self.Meta.default_columns or fields)
        if fields:
            kwargs.setdefault("exclude", [name for name in self.base_columns if name not in visible])
            kwargs.setdefault("sequence", (*fields, "..."))
        super().__init__(*args, **kwargs)
        if not _has_callable(dict(self.attrs)):
            for bound in self.columns.columns.values():
                if type(bound) is BoundColumn and not _has_callable(dict(bound.column.attrs)):
                    bound.__class__ = _FixedAttrsBoundColumn
