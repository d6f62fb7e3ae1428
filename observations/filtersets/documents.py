"""Filters of the document list (the convention: ``filtersets.base``)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..models import Committee, Document
from ..selectors import search
from .base import BaseFilterSet


def _all_countries():
    return list(countries)


class DocumentFilterSet(BaseFilterSet):
    committee = django_filters.ModelMultipleChoiceFilter(
        field_name="committee__code", queryset=Committee.objects.all(), to_field_name="code",
        label=_("Committee"),
    )
    state = django_filters.MultipleChoiceFilter(choices=_all_countries, label=_("State party"))

    class Meta:
        model = Document
        fields = ["q", "committee", "state"]

    def search_condition(self, value):
        """Symbol, title, State or Committee, or any language version of the text."""
        return search.documents_matching(value)


class DocumentFilterForm(forms.Form):
    """Renders the document filters; offers only committees and States that have documents."""

    q = forms.CharField(
        required=False,
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Symbol, State or words in any language"),
                                      "class": "form-control form-control-sm", "type": "search", "dir": "auto"}),
    )
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.filter(documents__isnull=False).distinct(),
        to_field_name="code",
        required=False,
        label=_("Committee"),
        empty_label=_("All committees"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    state = forms.ChoiceField(
        required=False,
        label=_("State party"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = set(Document.objects.values_list("state", flat=True).distinct())
        states = sorted(((code, countries.name(code)) for code in codes), key=lambda c: str(c[1]))
        self.fields["state"].choices = [("", _("All States"))] + states
        self.fields["committee"].label_from_instance = lambda c: c.code
