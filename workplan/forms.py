"""Forms of the work plan's pages: a plan for a year, an item, the report on an item, the analysis. Thin:
the services check everything that matters and name the field of each refusal."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, User
from workflows.widgets import PlainSelect

from .indicators import Indicator
from .models import PlanItem, Section, WorkPlan
from .selectors import people_to_name

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int, widget=PlainSelect)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=300, required=False,
                            help_text=_("Left empty, the plan is named after the municipality and the year."))

    def __init__(self, *args, municipalities: list[Municipality], **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {municipality.pk: municipality for municipality in municipalities}
        self.fields["municipality"].choices = [(pk, str(m)) for pk, m in self.municipalities.items()]

    def clean_municipality(self) -> Municipality:
        return self.municipalities[self.cleaned_data["municipality"]]


class ItemForm(forms.Form):
    section = forms.ChoiceField(label=_("Section of the roadmap"), choices=Section.choices)
    title = forms.CharField(label=_("What is done"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    responsible = forms.TypedChoiceField(label=_("Responsible"), coerce=int, widget=PlainSelect)
    indicator = forms.ChoiceField(label=_("Indicator it serves"), required=False,
                                  choices=[("", "—"), *Indicator.choices])

    def __init__(self, *args, plan: WorkPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people_to_name(plan)
        self.fields["responsible"].choices = [("", "—"), *(
            (person.pk, f"{person} ({person.organisation.short_name})") for person in self.people)]

    def clean_responsible(self) -> User:
        return self.people.get(pk=self.cleaned_data["responsible"])

    @staticmethod
    def initial_of(item: PlanItem) -> dict:
        return {"section": item.section, "title": item.title, "deadline": item.deadline,
                "responsible": item.responsible_id, "indicator": item.indicator}


class ReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanItem.Status.choices)
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required to close the item: what was done, or why it was not."))
    closed_on = forms.DateField(label=_("Closed on"), required=False, widget=DATE,
                                help_text=_("Today when left empty."))


class AnalysisForm(forms.Form):
    analysis = forms.CharField(label=_("Analysis of the plan's execution"),
                               widget=forms.Textarea(attrs={"rows": 6}), required=False)
