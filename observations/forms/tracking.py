"""Forms of the tracking workflow. They check what a person typed and say clearly what
is wrong; the rules that protect the data are enforced again by ``services``."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..choices import CommitteeGrade, ImplementationStatus, Language, MeasureKind
from ..models import Heading, Organization
from ..permissions import assignable_organizations
from ..services import tracking as services
from ..services.evidence import ALLOWED_EXTENSIONS, EXTENSION_ALIASES, max_bytes


def reader_language() -> str:
    """The UN language matching the interface language (zh-hans -> zh), else English."""
    code = (get_language() or "en").split("-")[0]
    return code if code in Language.values else Language.ENGLISH


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BootstrapMixin:
    """Bootstrap classes on every widget, and aria-invalid on fields with errors."""

    def _style(self):
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
                css = "form-check-input"
            elif isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)
            if self.is_bound and self.errors.get(name):
                widget.attrs["class"] += " is-invalid"
                widget.attrs["aria-invalid"] = "true"

    def full_clean(self):
        super().full_clean()
        self._style()


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


# --- Assignments ---------------------------------------------------------------------


class AssignmentForm(BootstrapMixin, forms.Form):
    lead = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Lead organization"))
    supporting = OrganizationMultipleChoiceField(
        queryset=Organization.objects.none(), required=False, label=_("Supporting organizations"),
        widget=forms.CheckboxSelectMultiple,
    )
    internal_deadline = forms.DateField(
        required=False, widget=DateInput, label=_("Internal deadline"),
        help_text=_("Leave empty for no internal deadline."),
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note"))

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        organizations = assignable_organizations(document.state).order_by("name")
        self.fields["lead"].queryset = organizations
        self.fields["supporting"].queryset = organizations
        self._style()

    def clean(self):
        data = super().clean()
        lead, supporting = data.get("lead"), data.get("supporting") or []
        if lead and lead in supporting:
            self.add_error("supporting", _("The lead organization cannot also be supporting."))
        deadline = data.get("internal_deadline")
        if deadline and self.document.adoption_date and deadline < self.document.adoption_date:
            self.add_error("internal_deadline", _("The internal deadline cannot be before the adoption of the "
                                                  "document (%(date)s).") % {"date": self.document.adoption_date})
        return data


class BulkAssignmentForm(BootstrapMixin, forms.Form):
    heading = forms.ModelChoiceField(
        queryset=Heading.objects.none(), required=False, label=_("A topic or cluster"),
        help_text=_("Every recommendation under it, sub-headings included."),
    )
    paragraphs = forms.CharField(
        required=False, label=_("Or paragraph numbers"), help_text=_("For example: 12, 18, 20-24"),
    )
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Organization"))
    role = forms.ChoiceField(
        choices=[(services.LEAD, _("Lead")), (services.SUPPORTING, _("Supporting"))], initial=services.LEAD,
        widget=forms.RadioSelect, label=_("As"),
    )
    internal_deadline = forms.DateField(
        required=False, widget=DateInput, label=_("Internal deadline"),
        help_text=_("Leave empty to keep existing deadlines and give new assignments the default "
                    "(the Committee's date minus the lead time)."),
    )

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        language = reader_language()
        headings = Heading.objects.filter(document=document, kind__in=["cluster", "topic"]).order_by("position")
        self.fields["heading"].queryset = headings
        self.fields["heading"].label_from_instance = (
            lambda h: (f"{h.key}. " if h.key else "— ") + h.title_in(language)
        )
        self.fields["organization"].queryset = assignable_organizations(document.state).order_by("name")
        self._style()

    def clean(self):
        data = super().clean()
        heading, paragraphs = data.get("heading"), (data.get("paragraphs") or "").strip()
        if bool(heading) == bool(paragraphs):
            raise ValidationError(_("Choose either a topic or cluster, or a list of paragraph numbers."))
        numbers = None
        if paragraphs:
            try:
                numbers = services.parse_paragraph_numbers(paragraphs)
            except ValidationError as error:
                self.add_error("paragraphs", error)
                return data
            known = set(self.document.paragraphs.filter(number__in=numbers).values_list("number", flat=True))
            unknown = [str(n) for n in numbers if n not in known]
            if unknown:
                self.add_error("paragraphs", _("%(symbol)s has no paragraph %(numbers)s.")
                               % {"symbol": self.document.symbol, "numbers": ", ".join(unknown)})
                return data
        scope = services.recommendations_in_scope(self.document, heading=heading, paragraph_numbers=numbers)
        if not scope.exists():
            raise ValidationError(_("There is no recommendation to assign there (only concerns or procedural "
                                    "paragraphs)."))
        data["recommendations"] = list(scope)
        deadline = data.get("internal_deadline")
        if deadline and self.document.adoption_date and deadline < self.document.adoption_date:
            self.add_error("internal_deadline", _("The internal deadline cannot be before the adoption of the "
                                                  "document (%(date)s).") % {"date": self.document.adoption_date})
        return data


# --- Progress updates ----------------------------------------------------------------


class MeasureForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(choices=[("", "—")] + list(MeasureKind.choices), required=False, label=_("Kind"))
    description = forms.CharField(required=False, label=_("Measure"),
                                  widget=forms.Textarea(attrs={"rows": 1}),
                                  help_text=_("e.g. the law, its number and what it changes"))
    date = forms.DateField(required=False, widget=DateInput, label=_("Date"))

    def __init__(self, *args, adoption_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.adoption_date = adoption_date
        self._style()

    def clean(self):
        data = super().clean()
        if not (data.get("description") or "").strip():
            if data.get("kind") or data.get("date"):
                self.add_error("description", _("Describe the measure, or clear this row."))
            return data
        if not data.get("kind"):
            self.add_error("kind", _("Choose the kind of measure."))
        date = data.get("date")
        if date and self.adoption_date and date < self.adoption_date:
            self.add_error("date", _("This date is before the adoption of the recommendation (%(date)s); report "
                                     "measures taken since.") % {"date": self.adoption_date.isoformat()})
        return data

    def measure(self) -> services.MeasureData | None:
        data = self.cleaned_data
        if not (data.get("description") or "").strip() or data.get("DELETE"):
            return None
        return services.MeasureData(kind=data["kind"], description=data["description"].strip(), date=data.get("date"))


MeasureFormSet = forms.formset_factory(MeasureForm, extra=2, can_delete=True, max_num=30, validate_max=True)


def measure_formset(*, data=None, update=None, adoption_date=None, prefix="measures"):
    initial = None
    if update is not None:
        initial = [{"kind": m.kind, "description": m.description, "date": m.date} for m in update.measures.all()]
    return MeasureFormSet(data=data, initial=initial, prefix=prefix, form_kwargs={"adoption_date": adoption_date})


def measures_from(formset) -> list:
    return [m for m in (form.measure() for form in formset.forms if form.has_changed() or form.initial) if m]


class ProgressUpdateForm(BootstrapMixin, forms.Form):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("On behalf of"),
                                           required=False)
    status = forms.ChoiceField(choices=ImplementationStatus.choices, label=_("Status"),
                               help_text=_("Where the recommendation stands, in your organization's view."))
    narrative = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label=_("What was done"),
                                help_text=_("Facts: what was decided, adopted, spent, achieved, and what remains."))
    language = forms.ChoiceField(choices=Language.choices, label=_("Written in"))
    as_of = forms.DateField(widget=DateInput, label=_("Information as of"))
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    evidence_file = forms.FileField(required=False, label=_("Attach a file"))
    evidence_link = forms.URLField(required=False, label=_("Or a link"), assume_scheme="https")
    evidence_description = forms.CharField(required=False, max_length=300, label=_("What the evidence shows"))

    def __init__(self, *args, recommendation, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation
        if organizations is None:  # editing: the organization is fixed
            del self.fields["organization"]
            del self.fields["submission_key"]
        else:
            self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
            self.fields["organization"].required = True
            if len(organizations) == 1:
                self.fields["organization"].initial = organizations[0].pk
                self.fields["organization"].widget = forms.HiddenInput()
                self.fields["organization"].required = False
                self.only_organization = organizations[0]
        self.fields["evidence_file"].help_text = _("Up to %(size)s: %(types)s.") % {
            "size": filesizeformat(max_bytes()), "types": ", ".join(ALLOWED_EXTENSIONS)}
        self.fields["evidence_file"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in (*ALLOWED_EXTENSIONS, *EXTENSION_ALIASES))
        self.fields["language"].initial = reader_language()
        self.fields["as_of"].initial = timezone.localdate()
        self.fields["status"].initial = recommendation.status
        if "submission_key" in self.fields:
            self.fields["submission_key"].initial = uuid.uuid4()
        self._style()

    def clean_organization(self):
        value = self.cleaned_data.get("organization")
        if value is None and getattr(self, "only_organization", None) is not None:
            return self.only_organization
        return value

    def clean_as_of(self):
        value = self.cleaned_data["as_of"]
        adopted = self.recommendation.document.adoption_date
        if adopted and value < adopted:
            raise ValidationError(_("The date cannot be before the adoption of %(symbol)s on %(date)s.")
                                  % {"symbol": self.recommendation.document.symbol, "date": adopted.isoformat()})
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("evidence_file") and data.get("evidence_link"):
            self.add_error("evidence_link", _("Attach a file or give a link, one at a time."))
        return data

    def update_fields(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("status", "narrative", "language", "as_of")}


class ReturnForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("What needs to change"),
                              help_text=_("The focal point sees this comment and corrects the update."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class AssessmentForm(BootstrapMixin, forms.Form):
    grade = forms.ChoiceField(choices=CommitteeGrade.choices, widget=forms.RadioSelect, label=_("Grade"))
    letter_date = forms.DateField(widget=DateInput, label=_("Date of the Committee's letter"))
    letter_symbol = forms.CharField(max_length=80, required=False, label=_("Reference of the letter"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Note"),
                           help_text=_("The Committee's own words, e.g. what further information it requests."))

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation
        self._style()

    def clean_letter_date(self):
        value = self.cleaned_data["letter_date"]
        adopted = self.recommendation.document.adoption_date
        if adopted and value < adopted:
            raise ValidationError(_("The letter cannot be dated before the adoption of the document (%(date)s).")
                                  % {"date": adopted.isoformat()})
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on its field when it has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
