"""Forms of the site's import page: the files of one document (the admin's formset, one
file and its language per row, each at most IMPORT_MAX_BYTES) and the symbol to use when
the files do not print it. There is no "replace" option: the preview shows what a
corrected version would change, and confirming it is the uploader's consent."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import Language
from ..services.imports import UploadedText
from .documents import BaseImportFileFormSet, ImportFileForm

__all__ = ["ImportFileFormSet", "UploadOptionsForm", "uploaded_files"]


class SiteImportFileForm(ImportFileForm):
    """The admin's row (a file, its language), with the site's look."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update({
            "class": "form-control", "accept": ".txt,.docx,.pdf,text/plain,application/pdf,"
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
        self.fields["language"].widget.attrs.update({"class": "form-select"})


class SiteImportFileFormSet(BaseImportFileFormSet):
    def clean(self):
        if not self.management_form.is_valid():
            return  # a forged or truncated post: the management form's own error says so
        super().clean()


ImportFileFormSet = forms.formset_factory(
    SiteImportFileForm, formset=SiteImportFileFormSet, extra=len(Language.choices), max_num=len(Language.choices),
    validate_max=True,
)


class UploadOptionsForm(forms.Form):
    symbol = forms.CharField(
        required=False,
        max_length=60,
        label=_("Document symbol"),
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "ltr"}),
        help_text=_("Only when the files do not print it and it cannot be worked out, e.g. CMW/C/KGZ/CO/2."),
    )

    def clean_symbol(self):
        return self.cleaned_data["symbol"].strip()


def uploaded_files(formset) -> list[UploadedText]:
    """The chosen files of a valid formset, read whole, with the language chosen for each."""
    return [
        UploadedText(form.cleaned_data["file"].name, form.cleaned_data["file"].read(),
                     form.cleaned_data["language"] or None)
        for form in formset.forms
        if form.cleaned_data.get("file")
    ]
