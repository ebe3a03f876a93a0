"""Forms of the mentoring pages. Thin: the services check everything that matters and name the field."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from workflows.widgets import PlainSelect

from .models import Mentorship
from .selectors import people_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of pair"), required=False, choices=[("", "—"), *Mentorship.Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *Mentorship.Status.choices])


class ProposeForm(forms.Form):
    mentor = forms.TypedChoiceField(label=_("Mentor"), coerce=int, widget=PlainSelect)
    mentee = forms.TypedChoiceField(label=_("Mentee"), coerce=int, widget=PlainSelect)
    kind = forms.ChoiceField(label=_("Kind of pair"), choices=Mentorship.Kind.choices)
    competence = forms.CharField(label=_("Competence"), max_length=300, required=False,
                                 help_text=_("What the mentee is to master, for a pair by a competence."))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people_of(organisation)
        choices = [("", "—"), *((person.pk, str(person)) for person in self.people)]
        self.fields["mentor"].choices = self.fields["mentee"].choices = choices

    def clean_mentor(self) -> User:
        return self.people.get(pk=self.cleaned_data["mentor"])

    def clean_mentee(self) -> User:
        return self.people.get(pk=self.cleaned_data["mentee"])


class IssueForm(forms.Form):
    date = forms.DateField(label=_("Date of the order"), widget=DATE)
    number = forms.CharField(label=_("Number"), max_length=40, required=False,
                             help_text=_("Left empty, the next number of your organisation's journal."))
    title = forms.CharField(label=_("Title"), max_length=500, required=False)


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE)
    end_reason = forms.CharField(label=_("Reason for the end"), max_length=500)
    result = forms.ChoiceField(label=_("Result of the term"), choices=Mentorship.Result.choices)
    evaluation = forms.CharField(label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 4}))
