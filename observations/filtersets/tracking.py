"""django-filter FilterSets of the tracking pages; the forms that render them are the
FilterSets' own forms, styled in the template."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import ImplementationStatus
from ..models import Organization, Recommendation


def checkbox():
    return forms.CheckboxInput(attrs={"class": "form-check-input"})


class RecommendationFilterSet(django_filters.FilterSet):
    """Filters for lists of recommendations annotated by ``querysets.with_tracking``."""

    q = django_filters.CharFilter(method="search", label=_("Search"),
                                  widget=forms.TextInput(attrs={"class": "form-control form-control-sm",
                                                                "type": "search"}))
    status = django_filters.MultipleChoiceFilter(choices=ImplementationStatus.choices, label=_("Official status"),
                                                 widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    follow_up = django_filters.BooleanFilter(field_name="is_follow_up", label=_("Follow-up only"),
                                             widget=checkbox(), method="only_true")
    overdue = django_filters.BooleanFilter(field_name="is_overdue", label=_("Overdue only"),
                                           widget=checkbox(), method="only_true")
    unassigned = django_filters.BooleanFilter(field_name="assignment", label=_("Not assigned yet"),
                                              widget=checkbox(), method="only_unassigned")
    lead = django_filters.ModelChoiceFilter(field_name="assignment__lead", queryset=Organization.objects.none(),
                                            label=_("Lead organization"),
                                            widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    class Meta:
        model = Recommendation
        fields = ["q", "status", "follow_up", "overdue", "unassigned", "lead"]

    def __init__(self, *args, organizations=None, for_coordinator=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_coordinator:
            del self.filters["unassigned"]
        if organizations is None:
            del self.filters["lead"]
        else:
            self.filters["lead"].queryset = organizations

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(paragraph__text__icontains=value) | Q(subparagraph__text__icontains=value)
        number = value.split("(")[0].strip()
        if number.isdigit():
            condition |= Q(paragraph__number=int(number))
        return queryset.filter(condition)

    def only_true(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset

    def only_unassigned(self, queryset, name, value):
        return queryset.filter(assignment__isnull=True) if value else queryset
