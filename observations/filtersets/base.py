"""The base of every FilterSet (django-filter).

One convention for all lists: the FilterSet decides which rows a list shows; a plain
``forms.Form`` with the same field names renders it (widgets, labels, the choices worth
offering), kept beside it in the same module. Free text ``q`` goes through the one
``search()`` method, which asks the FilterSet's ``search_condition()``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))

    def search(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(self.search_condition(value))

    def search_condition(self, value: str) -> Q:
        raise NotImplementedError


class CheckedFilter(django_filters.BooleanFilter):
    """A checkbox: ticked keeps the rows where the lookup holds; unticked filters nothing."""

    field_class = forms.BooleanField

    def filter(self, qs, value):
        return super().filter(qs, True) if value else qs
