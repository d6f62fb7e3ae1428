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

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

TABLE_CLASSES = "table table-sm table-hover align-middle"


def table_attrs(table_id: str) -> dict:
    return {"class": TABLE_CLASSES, "id": table_id}


def overdue_row(record) -> str:
    """Row class of a recommendation annotated ``is_overdue`` (``selectors.with_tracking``)."""
    return "table-danger" if getattr(record, "is_overdue", False) else ""


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
