"""The form of the staff import page: what the file lists, the people's municipality, the file."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .staff_import import KIND_TITLES, MAX_FILE_BYTES, PEOPLE, importable_municipalities


class StaffImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("The file lists"), choices=list(KIND_TITLES.items()),
                             initial=PEOPLE, widget=forms.RadioSelect)
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=None, required=False,
        help_text=gettext_lazy("Of the people: the file names their organisations by short name within it."))
    file = forms.FileField(label=gettext_lazy("File"), help_text=gettext_lazy("XLSX or CSV, up to 10 MB."))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        municipalities = importable_municipalities(user)
        self.fields["municipality"].queryset = municipalities
        if len(municipalities[:2]) == 1:
            self.fields["municipality"].initial = municipalities[0]

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not file.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an XLSX or CSV file with a row of headers."))
        return file

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == PEOPLE and not data.get("municipality"):
            self.add_error("municipality", _("Choose the municipality of the people."))
        return data
