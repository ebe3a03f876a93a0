"""Forms of the register's pages: a visit planned, reported, recommended on and cancelled; a recommendation's
execution; a consultation. Thin: the services check everything that matters and name the field."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, RoleAssignment, User
from accounts.permissions import organisations_in_scope
from courses.models import Course
from courses.selectors import courses_for
from workflows.widgets import PlainSelect

from .models import Consultation, Visit
from .selectors import visible_visits
from .services import VISITING_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


def schools_of(user: User):
    return organisations_in_scope(user).exclude(
        kind__in=(Organisation.Kind.METHODICAL_CENTRE, Organisation.Kind.DEPARTMENT)).order_by("short_name")


def visitors_of(user: User):
    municipalities = organisations_in_scope(user).values("municipality_id")
    return User.objects.filter(pk__in=RoleAssignment.objects.active().filter(
        role__in=VISITING_ROLES, municipality__in=municipalities).values("user_id")).order_by("last_name")


class OrganisationChoice(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=int, widget=PlainSelect, empty_value=None, **kwargs)


class PlanVisitForm(forms.Form):
    organisation = OrganisationChoice(label=_("Organisation"))
    reason = forms.ChoiceField(label=_("Reason"), choices=Visit.Reason.choices)
    purpose = forms.CharField(label=_("Purpose of the visit"), max_length=500)
    planned_on = forms.DateField(label=_("Planned date"), widget=DATE)
    methodists = forms.TypedMultipleChoiceField(label=_("Methodists"), coerce=int,
                                                widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        schools = schools_of(user)
        # ШНОР first: the schedule is drawn up for them [002:162].
        self.fields["organisation"].choices = [("", "—"), *(
            (pk, f"{name} (ШНОР)" if low else name)
            for pk, name, low in schools.order_by("-is_low_results", "short_name").values_list(
                "pk", "short_name", "is_low_results"))]
        self.fields["methodists"].choices = [(person.pk, str(person)) for person in visitors_of(user)]
        self.initial.setdefault("methodists", [user.pk])

    def clean_organisation(self) -> Organisation:
        return Organisation.objects.select_related("municipality").get(pk=self.cleaned_data["organisation"])

    def clean_methodists(self) -> list[User]:
        return list(User.objects.filter(pk__in=self.cleaned_data["methodists"]))


class ReportVisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=DATE, required=False)
    findings = forms.CharField(label=_("Findings"), widget=TEXT, required=False)
    report = forms.CharField(label=_("Report of the visit"), widget=TEXT, required=False)
    text = forms.CharField(label=_("Addressed recommendation"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False, help_text=_("Optional; more may be added after the report."))
    due_on = forms.DateField(label=_("Due date of the recommendation"), widget=DATE, required=False)

    def recommendations(self) -> list[dict]:
        data = self.cleaned_data
        if not data["text"].strip() and data["due_on"] is None:
            return []
        return [{"text": data["text"], "due_on": data["due_on"]}]


class RecommendForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    due_on = forms.DateField(label=_("Due date"), widget=DATE, required=False)


class CancelVisitForm(forms.Form):
    cancel_reason = forms.CharField(label=_("Reason for cancelling"), max_length=500, required=False)


class ExecutionForm(forms.Form):
    execution = forms.CharField(label=_("What was done"), widget=TEXT, required=False)


class ConsultationForm(forms.ModelForm):
    people = forms.TypedMultipleChoiceField(label=_("People consulted"), coerce=int, required=False,
                                            widget=forms.SelectMultiple(attrs={"size": 6}))
    organisation = OrganisationChoice(label=_("Organisation consulted"), required=False)
    visit = forms.ModelChoiceField(label=_("During the visit"), queryset=Visit.objects.none(), required=False,
                                   widget=PlainSelect, error_messages={
                                       "invalid_choice": _("Choose a visit of your municipality.")})
    follows_course = forms.ModelChoiceField(label=_("Follows up the course"), queryset=Course.objects.none(),
                                            required=False, widget=PlainSelect, error_messages={
                                                "invalid_choice": _("Choose a course of your region's list.")})

    class Meta:
        model = Consultation
        fields = ["audience", "topic", "form", "held_at", "organisation", "whom", "attendees", "visit",
                  "follows_course", "notes"]
        widgets = {"held_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—"), *schools_of(user).values_list("pk", "short_name")]
        people = User.objects.filter(organisation__in=schools_of(user)).order_by("last_name", "first_name")
        self.fields["people"].choices = [(person.pk, str(person)) for person in people.only(
            "last_name", "first_name", "patronymic", "username")[:500]]
        self.fields["visit"].queryset = visible_visits(user).exclude(status=Visit.Status.CANCELLED).order_by(
            "-planned_on", "pk")
        self.fields["follows_course"].queryset = courses_for(user)
        if self.instance.pk:
            self.initial["organisation"] = self.instance.organisation_id
            self.initial["people"] = list(self.instance.people.values_list("pk", flat=True))

    def clean_organisation(self) -> Organisation | None:
        pk = self.cleaned_data["organisation"]
        return Organisation.objects.get(pk=pk) if pk else None

    def clean_people(self) -> list[User]:
        return list(User.objects.filter(pk__in=self.cleaned_data["people"]).select_related("organisation"))

    def _post_clean(self) -> None:
        """The service validates the consultation (and names the field); the form only parses."""

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
