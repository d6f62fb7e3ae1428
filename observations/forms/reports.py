"""Forms of the reports pages: the NGO's entries and report details, and the language of
an export."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from ..choices import Language, NgoAssessment

MAX_TEXT = 20000
MAX_LINKS = 30

_url = URLValidator(schemes=["http", "https"])


def parse_links(text: str) -> list[dict]:
    """One link per line: the address, then optionally a space and a description."""
    links, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        url, _space, title = line.partition(" ")
        try:
            _url(url)
        except ValidationError:
            errors.append(
                _("Line %(number)s: “%(url)s” is not a web address (it should start with https:// or http://).")
                % {"number": number, "url": url[:80]}
            )
            continue
        links.append({"url": url, "title": title.strip()[:300]})
    if len(links) > MAX_LINKS:
        errors.append(_("At most %(max)s links per entry.") % {"max": MAX_LINKS})
    if errors:
        raise ValidationError(errors)
    return links


def format_links(links: list[dict]) -> str:
    return "\n".join(f"{link['url']} {link.get('title', '')}".strip() for link in links or [])


class ShadowEntryForm(forms.Form):
    assessment = forms.ChoiceField(
        label=_("Our assessment of implementation"), choices=NgoAssessment.choices, initial=NgoAssessment.NOT_ASSESSED,
    )
    narrative = forms.CharField(
        label=_("What happened"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Your account of implementation, with facts and dates."),
    )
    evidence = forms.CharField(
        label=_("Evidence (links)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One link per line: the address, then optionally a space and a description."),
    )
    proposals = forms.CharField(
        label=_("Questions or recommendations proposed to the Committee"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_evidence(self):
        return parse_links(self.cleaned_data.get("evidence", ""))

    def clean(self):
        data = super().clean()
        if not self.errors and (
            data.get("assessment") == NgoAssessment.NOT_ASSESSED
            and not data.get("narrative", "").strip()
            and not data.get("evidence")
            and not data.get("proposals", "").strip()
        ):
            raise ValidationError(
                _("The entry is empty: give an assessment, a narrative, evidence or a proposal — or delete the entry.")
            )
        return data

    @classmethod
    def initial_for(cls, entry) -> dict:
        if entry is None:
            return {"version": 0}
        return {
            "assessment": entry.assessment, "narrative": entry.narrative, "evidence": format_links(entry.evidence),
            "proposals": entry.proposals, "version": entry.version,
        }


class ShadowReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=300)
    language = forms.ChoiceField(
        label=_("Language of the report"), choices=Language.choices,
        help_text=_("The Committee's text is quoted in this language."),
    )
    introduction = forms.CharField(
        label=_("Introduction"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who you are, how you gathered the information (optional)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if languages:
            self.fields["language"].choices = [c for c in Language.choices if c[0] in languages]


class StartShadowReportForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("For the organization"), queryset=None, empty_label=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
