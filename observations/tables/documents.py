"""Tables of the document pages (the convention: ``tables.base``)."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..models import Document
from ..selectors.deadlines import next_deadline
from ..templatetags.deadline_tags import deadline_state
from ..templatetags.document_tags import language_name
from .base import BaseTable, DateColumn, table_attrs


class DocumentTable(BaseTable):
    symbol = tables.Column(linkify=True, verbose_name=_("Symbol"), attrs={"td": {"class": "text-nowrap"}})
    committee = tables.Column(
        accessor="committee__code",
        verbose_name=_("Committee"),
        linkify=lambda record: reverse("observations:document_list") + f"?committee={record.committee.code}",
    )
    state = tables.Column(verbose_name=_("State party"))
    report = tables.Column(accessor="periodic_report", verbose_name=_("Report"), order_by=("periodic_report",))
    session_number = tables.Column(verbose_name=_("Session"))
    adoption_date = DateColumn(verbose_name=_("Adopted"), format="Y-m-d", attrs={"td": {"class": "text-nowrap"}})
    languages = tables.Column(empty_values=(), orderable=False, verbose_name=_("Languages"))
    next_deadline = tables.Column(
        empty_values=(), accessor="next_due", order_by=("next_due",), verbose_name=_("Next deadline")
    )
    previous_observations_symbol = tables.Column(verbose_name=_("Previous observations"))

    class Meta(BaseTable.Meta):
        model = Document
        fields = (
            "symbol", "committee", "state", "report", "session_number", "adoption_date", "languages",
            "next_deadline", "previous_observations_symbol",
        )
        default_columns = ("symbol", "committee", "state", "report", "adoption_date", "languages", "next_deadline")
        attrs = table_attrs("document-table")
        empty_text = _("No documents match.")

    def render_state(self, record):
        return record.state.name

    def order_state(self, queryset, is_descending):
        # Ordered by country code: the localised name is not in the database.
        return queryset.order_by(("-" if is_descending else "") + "state"), True

    def render_report(self, record):
        return record.report_label

    def render_languages(self, record):
        return format_html_join(
            " ",
            '<span class="badge text-bg-light border" title="{}" lang="{}">{}</span>',
            ((language_name(v.language), v.language, v.language.upper()) for v in record.versions.all()),
        ) or "—"

    def render_next_deadline(self, record):
        deadline = next_deadline(record)
        if deadline is None:
            return "—"
        return format_html(
            '<span class="text-nowrap">{}</span> <small class="text-muted">{}</small><br>{}',
            deadline.effective_date.isoformat(), deadline.get_kind_display(), deadline_state(deadline),
        )
