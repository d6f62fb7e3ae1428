"""Forms of the reminders: a person's notification settings, a State's reminder schedule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.notifications import NotificationSettings
from .tracking import BootstrapMixin

MAX_DAYS_BEFORE = 730


class NotificationSettingsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["digest", "language"]
        widgets = {"digest": forms.RadioSelect}


class ScheduleForm(BootstrapMixin, forms.Form):
    days_before = forms.CharField(
        label=_("Days before the deadline"), max_length=200,
        help_text=_("Numbers separated by commas, for example 90, 30, 14, 7, 1, 0 (0 is the day itself)."),
    )
    overdue_every_days = forms.IntegerField(
        label=_("While overdue, remind every (days)"), min_value=0, max_value=365,
        help_text=_("0 stops the reminders once the deadline has passed."),
    )

    def clean_days_before(self):
        raw = self.cleaned_data["days_before"]
        days = set()
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit():
                raise forms.ValidationError(
                    _("“%(value)s” is not a number of days. Write whole numbers separated by commas."),
                    params={"value": part})
            value = int(part)
            if value > MAX_DAYS_BEFORE:
                raise forms.ValidationError(_("%(value)s days is more than two years before the deadline."),
                                            params={"value": value})
            days.add(value)
        if not days:
            raise forms.ValidationError(_("Give at least one day, for example 0 for the day itself."))
        return sorted(days, reverse=True)
