"""Forms of the site's import page: the files of one document (the admin's formset, one
file and its language per row, each at most IMPORT_MAX_BYTES) and the symbol to use when
the files do not print it. There is no "replace" option: the preview shows what a
corrected version would change, and confirming it is the uploader's consent."""

from __future__ import annotations

from django import forms

from ..choices import Language
from .documents import BaseImportFileFormSet, ImportFileForm, SymbolForm, uploaded_files

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


class UploadOptionsForm(SymbolForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["symbol"].widget.attrs.update({"class": "form-control", "dir": "ltr"})
