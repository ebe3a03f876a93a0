"""Forms of the courses' pages. Thin: the services check everything that matters and name the field."""
from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Role, RoleAssignment, User
from accounts.permissions import organisations_in_scope, visible
from workflows.widgets import PlainSelect, person_label

from .models import Focus, Provider
from .selectors import courses_for, providers_for, year_choices
from .services import may_record_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def recordable_people(user: User):
    """Whom the person may enter completions for: the teachers of the organisations whose courses they enter,
    and themself as a teacher. The service asks the rules again for the one chosen."""
    teachers = RoleAssignment.objects.active().filter(role=Role.TEACHER, organisation__in=visible(
        user, "record_courses", organisations_in_scope(user))).values("user_id")
    people = User.objects.filter(pk__in=teachers)
    if may_record_for(user, user):
        people = people | User.objects.filter(pk=user.pk)
    return people.select_related("organisation").order_by("last_name", "first_name", "pk")


class CompletionForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Teacher"), coerce=int, widget=PlainSelect)
    course = forms.TypedChoiceField(label=_("Programme"), coerce=int, required=False, empty_value=None,
                                    widget=PlainSelect, help_text=_("Or describe a programme not in the list below."))
    provider = forms.TypedChoiceField(label=_("Provider of a new programme"), coerce=int, required=False,
                                      empty_value=None, widget=PlainSelect)
    title = forms.CharField(label=_("Title of a new programme"), max_length=500, required=False)
    hours = forms.IntegerField(label=_("Hours"), required=False)
    focus = forms.ChoiceField(label=_("Focus"), required=False, choices=[("", "—"), *Focus.choices])
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until"), widget=DATE)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=100, required=False)
    certificate = forms.FileField(label=_("Certificate (PDF, JPEG, PNG)"), required=False)

    def __init__(self, *args, user: User, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["person"]
        else:
            self.fields["person"].choices = [("", "—"), *(
                (person.pk, person_label(person)) for person in recordable_people(user))]
        self.fields["course"].choices = [("", "—"), *(
            (course.pk, str(course)) for course in courses_for(user))]
        self.fields["provider"].choices = [("", "—"), *providers_for(user).filter(active=True).values_list(
            "pk", "short_name")]

    def clean_person(self) -> User | None:
        return User.objects.select_related("organisation").filter(pk=self.cleaned_data["person"]).first()

    def clean_provider(self) -> Provider | None:
        pk = self.cleaned_data["provider"]
        return Provider.objects.filter(pk=pk).first() if pk else None

    def new_course(self) -> dict | None:
        data = self.cleaned_data
        if data["course"] or not (data["provider"] or data["title"] or data["hours"] is not None):
            return None
        return {"provider": data["provider"], "title": data["title"], "hours": data["hours"], "focus": data["focus"]}


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=300)
    short_name = forms.CharField(label=_("Short name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=Provider.Kind.choices)
    active = forms.BooleanField(label=_("In the list"), required=False, initial=True)


class NeedForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, widget=PlainSelect)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    focus = forms.ChoiceField(label=_("Focus"), choices=Focus.choices)
    topic = forms.CharField(label=_("Topic"), max_length=300)
    teachers_count = forms.IntegerField(label=_("Number of teachers"), required=False,
                                        help_text=_("Left empty, the number of the teachers named."))
    people = forms.TypedMultipleChoiceField(label=_("Named teachers"), coerce=int, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user: User, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(year, year) for year in (this_year, this_year + 1)]
        self.fields["organisation"].choices = [(organisation.pk, organisation.short_name)
                                               for organisation in organisations]
        teachers = RoleAssignment.objects.active().filter(role=Role.TEACHER, organisation__in=organisations)
        self.fields["people"].choices = [(person.pk, person_label(person)) for person in User.objects.filter(
            pk__in=teachers.values("user_id")).select_related("organisation").order_by("last_name", "first_name")]

    def clean_organisation(self) -> Organisation:
        return Organisation.objects.get(pk=self.cleaned_data["organisation"])

    def clean_people(self) -> list[User]:
        return list(User.objects.filter(pk__in=self.cleaned_data["people"]))


class PlanForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()[:3]


class PlanItemForm(forms.Form):
    course = forms.TypedChoiceField(label=_("Programme"), coerce=int, required=False, empty_value=None,
                                    widget=PlainSelect)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", "—"), *((course.pk, str(course)) for course in courses_for(user))]
