"""Forms of a Committee deadline's life: met, extended, undo. The rules themselves are
checked by ``services.deadlines``; these forms only read the fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .tracking import BootstrapMixin, DateInput


class MetForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label=_("Date of submission"), widget=DateInput(),
                         help_text=_("The date the State submitted what the Committee asked for."))
    symbol = forms.CharField(label=_("Symbol of the submission"), max_length=100,
                             help_text=_("As printed on the document, e.g. CMW/C/KGZ/CO/2/Add.1 or CMW/C/KGZ/3."))


class ExtendForm(BootstrapMixin, forms.Form):
    to = forms.DateField(label=_("New date"), widget=DateInput(),
                         help_text=_("The date the Committee granted."))
    letter_date = forms.DateField(label=_("Date of the Committee's letter"), widget=DateInput())
    letter_reference = forms.CharField(label=_("Reference of the Committee's letter"), max_length=100)


class UndoForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=300)
