"""Forms of the document pages in the admin: importing files, deadlines and their items."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..choices import Language
from ..models import Deadline, DeadlineItem
from ..services.imports import UploadedText


class ImportFileForm(forms.Form):
    file = forms.FileField(required=False, label=_("File"))
    language = forms.ChoiceField(
        required=False,
        label=_("Language"),
        choices=[("", _("Detect from the text"))] + list(Language.choices),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                _("%(name)s is %(size)s; the largest file that can be imported is %(max)s."),
                code="too_large",
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                },
            )
        return upload


class BaseImportFileFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("file") for form in self.forms):
            raise ValidationError(_("Choose at least one file to import."), code="no_file")


ImportFileFormSet = forms.formset_factory(
    ImportFileForm, formset=BaseImportFileFormSet, extra=len(Language.choices), max_num=len(Language.choices),
    validate_max=True,
)


class SymbolForm(forms.Form):
    """The symbol to use when the files do not print it (both import pages)."""

    symbol = forms.CharField(
        required=False,
        max_length=60,
        label=_("Document symbol"),
        help_text=_("Only when the files do not print it and it cannot be worked out, e.g. CMW/C/KGZ/CO/2."),
    )

    def clean_symbol(self):
        return self.cleaned_data["symbol"].strip()


def uploaded_files(formset) -> list[UploadedText]:
    """The chosen files of a valid import formset, read whole, with the language chosen for each."""
    return [
        UploadedText(form.cleaned_data["file"].name, form.cleaned_data["file"].read(),
                     form.cleaned_data["language"] or None)
        for form in formset.forms
        if form.cleaned_data.get("file")
    ]


class ImportOptionsForm(SymbolForm):
    replace = forms.BooleanField(
        required=False,
        label=_("Replace"),
        help_text=_(
            "Replace a language version already imported with this corrected file. Paragraphs whose "
            "number still exists keep what is attached to them."
        ),
    )


class DeadlineForm(forms.ModelForm):
    """A deadline's paragraph must be one of its own document's."""

    class Meta:
        model = Deadline
        fields = ("document", "kind", "due_date", "computed", "period_months", "stated_in", "report_number",
                  "description")

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document") or getattr(self.instance, "document", None)
        stated_in = cleaned.get("stated_in")
        if stated_in and document and stated_in.document_id != document.pk:
            self.add_error("stated_in", _("This paragraph belongs to another document."))
        return cleaned


class DeadlineItemForm(forms.ModelForm):
    """An item names a paragraph of the deadline's own document, and a sub-paragraph of it."""

    class Meta:
        model = DeadlineItem
        fields = ("deadline", "paragraph", "subparagraph")

    def clean(self):
        cleaned = super().clean()
        deadline, paragraph, sub = cleaned.get("deadline"), cleaned.get("paragraph"), cleaned.get("subparagraph")
        if paragraph and deadline and paragraph.document_id != deadline.document_id:
            self.add_error("paragraph", _("This paragraph belongs to another document."))
        if paragraph and sub and sub.paragraph_id != paragraph.pk:
            self.add_error("subparagraph", _("This sub-paragraph is not part of the paragraph chosen."))
        return cleaned
