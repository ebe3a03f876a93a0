"""Forms of the register's pages: the annual report, the curator's review, revocation by order, and a
regional or federal status recorded from outside. Thin: the services check everything that matters."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.permissions import organisations_in_scope
from workflows.widgets import MultipleFileField, PlainSelect

from .models import SiteKind, SiteLevel
from .register import COUNTED_KINDS
from .reports import ReportDecision

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.Form):
    text = forms.CharField(label=_("What was done in the year"), widget=forms.Textarea(attrs={"rows": 6}),
                           required=False)
    results = forms.CharField(label=_("Results achieved"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    files = MultipleFileField(label=_("Files (PDF, DOCX, PPTX, XLSX, ZIP)"), required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ReportDecision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              help_text=_("Required to return the report or not to accept it."))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Grounds for revoking the status"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False)
    date = forms.DateField(label=_("Date of the order"), widget=DATE, required=False)
    number = forms.CharField(label=_("Number of the order"), max_length=40, required=False,
                             help_text=_("Left empty, the journal gives the next number."))


class ExternalSiteForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, widget=PlainSelect)
    kind = forms.ChoiceField(label=_("Kind"), choices=SiteKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=[
        (value, label) for value, label in SiteLevel.choices if value != SiteLevel.MUNICIPAL])
    topic = forms.CharField(label=_("Topic"), max_length=500)
    starts_on = forms.DateField(label=_("Status from"), widget=DATE)
    ends_on = forms.DateField(label=_("Status until"), widget=DATE)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=300, required=False)
    issuing_document = forms.CharField(label=_("Document granting the status"), max_length=300, required=False,
                                       help_text=_("Its kind, date and number: «приказ от 10.01.2026 № 12»."))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—"), *organisations_in_scope(user).filter(
            kind__in=COUNTED_KINDS).order_by("short_name").values_list("pk", "short_name")]

    def clean_organisation(self) -> Organisation:
        return Organisation.objects.get(pk=self.cleaned_data["organisation"])
