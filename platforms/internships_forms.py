"""The forms of the internship pages: a programme, the filter of programmes, and each step's input."""
from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality

from .internships import activities_to_link
from .models import Internship, InternshipProgramme, Site

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.ModelForm):
    """A programme of the person's site; `publish` opens it to applications at once."""

    publish = forms.BooleanField(label=_("Publish: teachers may apply"), required=False, initial=True)

    class Meta:
        model = InternshipProgramme
        fields = ["site", "topic", "description", "hours", "starts_on", "ends_on", "capacity"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, sites: QuerySet[Site] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if sites is None:  # a saved programme stays at its site
            del self.fields["site"]
        else:
            self.fields["site"].queryset = sites
            self.fields["site"].label_from_instance = lambda site: f"{site.organisation.short_name} — {site.topic}"
        if self.instance.pk and self.instance.published:
            del self.fields["publish"]


class ProgrammeFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(Municipality.objects.order_by("name"), label=_("Municipality"),
                                          required=False)
    topic = forms.CharField(label=_("Topic"), required=False, max_length=200)
    starts_from = forms.DateField(label=_("Starts from"), required=False, widget=DATE)
    ends_until = forms.DateField(label=_("Ends by"), required=False, widget=DATE)
    open_only = forms.BooleanField(label=_("Only with places left"), required=False)


class ApplyForm(forms.Form):
    motivation = forms.CharField(label=_("What you expect from the internship"), widget=forms.Textarea(
        attrs={"rows": 3}), max_length=4000)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000)


class CompleteForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Internship.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note on the outcome"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class LinkForm(forms.Form):
    activity = forms.ModelChoiceField(None, label=_("Activity of your ИОМ"), required=False, empty_label=_(
        "— not linked —"))

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities_to_link(teacher)
        self.fields["activity"].label_from_instance = lambda activity: f"{activity.route.number}: {activity.title}"
