"""Filters of the lists of recommendations (the convention: ``filtersets.base``)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import ImplementationStatus
from ..models import Organization, ProgressUpdate, Recommendation
from ..selectors import search
from .base import BaseFilterSet, CheckedFilter


class RecommendationFilterSet(BaseFilterSet):
    """Filters for lists of recommendations annotated by ``selectors.with_tracking``.
    ``organizations`` offers the lead filter (coordinators' lists); ``for_coordinator``
    the "not assigned yet" one."""

    status = django_filters.MultipleChoiceFilter(choices=ImplementationStatus.choices, label=_("Official status"))
    follow_up = CheckedFilter(field_name="is_follow_up", label=_("Follow-up only"))
    overdue = CheckedFilter(field_name="is_overdue", label=_("Overdue only"))
    unassigned = CheckedFilter(field_name="assignment", lookup_expr="isnull", label=_("Not assigned yet"))
    lead = django_filters.ModelChoiceFilter(field_name="assignment__lead", queryset=Organization.objects.none(),
                                            label=_("Lead organization"))

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

    def search_condition(self, value):
        """Words of the text in any language (each with its own stemming), or a
        paragraph number ("12", "12(a)")."""
        condition = search.recommendations_matching(value)
        number = value.split("(")[0].strip()
        if number.isdigit():
            condition |= Q(paragraph__number=int(number))
        return condition


def _checkbox(label):
    return forms.BooleanField(required=False, label=label, widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


class RecommendationFilterForm(forms.Form):
    """Renders ``RecommendationFilterSet`` (same field names, same options)."""

    q = forms.CharField(required=False, label=_("Search"),
                        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}))
    status = forms.MultipleChoiceField(required=False, choices=ImplementationStatus.choices,
                                       label=_("Official status"),
                                       widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    follow_up = _checkbox(_("Follow-up only"))
    overdue = _checkbox(_("Overdue only"))
    unassigned = _checkbox(_("Not assigned yet"))
    lead = forms.ModelChoiceField(required=False, queryset=Organization.objects.none(), label=_("Lead organization"),
                                  widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    def __init__(self, *args, organizations=None, for_coordinator=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_coordinator:
            del self.fields["unassigned"]
        if organizations is None:
            del self.fields["lead"]
        else:
            self.fields["lead"].queryset = organizations


class ReviewFilterSet(BaseFilterSet):
    """Filters of the review queue: words of the update or of its recommendation (any
    language), a paragraph number, the document's symbol or the organization's name; and
    the organization that submitted."""

    organization = django_filters.ModelChoiceFilter(queryset=Organization.objects.none(), label=_("Organization"))

    class Meta:
        model = ProgressUpdate
        fields = ["q", "organization"]

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organization"].queryset = organizations if organizations is not None else Organization.objects.none()

    def search_condition(self, value):
        condition = (search.narrative_condition(value)
                     | Q(recommendation__in=Recommendation.objects.filter(search.recommendations_matching(value)))
                     | Q(recommendation__document__symbol__icontains=value)
                     | Q(organization__name__icontains=value) | Q(organization__short_name__icontains=value))
        number = value.split("(")[0].strip()
        if number.isdigit():
            condition |= Q(recommendation__paragraph__number=int(number))
        return condition


class ReviewFilterForm(forms.Form):
    """Renders ``ReviewFilterSet``: the organizations offered are those with updates waiting."""

    q = forms.CharField(required=False, label=_("Search"),
                        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}))
    organization = forms.ModelChoiceField(required=False, queryset=Organization.objects.none(),
                                          label=_("Organization"),
                                          widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
