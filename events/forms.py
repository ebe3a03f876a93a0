"""Forms of the events' pages. Thin: the services check everything that matters and name the field."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Role, RoleAssignment, User
from accounts.permissions import visible
from workflows.widgets import MultipleFileField, PlainSelect

from .models import Event, Registration
from .services import EDITABLE, activities_to_link

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventEditForm(forms.ModelForm):
    """An event's fields; the choices of organisers and people are the municipality's."""

    files = MultipleFileField(label=_("Materials (PDF, DOCX, PPTX, XLSX, ZIP)"), required=False)

    class Meta:
        model = Event
        fields = ["municipality", *EDITABLE]
        widgets = {"starts_at": MOMENT, "ends_at": MOMENT, "registration_deadline": MOMENT,
                   "description": forms.Textarea(attrs={"rows": 3}), "materials": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipalities: list[Municipality], **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at", "registration_deadline"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
        ids = [municipality.pk for municipality in municipalities]
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=ids)
        self.fields["municipality"].widget = PlainSelect(choices=self.fields["municipality"].choices)
        if self.instance.pk:
            del self.fields["municipality"]
        elif len(ids) == 1:
            self.fields["municipality"].initial = ids[0]
        self.fields["organisation"].queryset = self.fields["organisation"].queryset.filter(municipality__in=ids)
        self.fields["association"].queryset = self.fields["association"].queryset.filter(municipality__in=ids)
        self.fields["site"].queryset = self.fields["site"].queryset.filter(municipality__in=ids)
        staff = RoleAssignment.objects.active().filter(role__in=(Role.METHODIST, Role.DIRECTOR, Role.LEAD)).filter(
            municipality__in=ids) | RoleAssignment.objects.active().filter(
            role__in=(Role.DIRECTOR, Role.LEAD), organisation__municipality__in=ids)
        self.fields["methodist"].queryset = User.objects.filter(pk__in=staff.values("user_id"))
        course = self.fields["follows_course"]
        course.queryset = course.queryset.filter(provider__region__municipalities__in=ids).distinct()

    def fields_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("files", None)
        return data


class PersonForm(forms.Form):
    """Whom a school or the centre registers: a person of their scope."""

    person = forms.TypedChoiceField(label=_("Participant"), coerce=int, widget=PlainSelect)

    def __init__(self, *args, user: User, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        people = [person for person in visible(user, "view", User.objects.filter(is_active=True)
                                               .select_related("organisation")).order_by("last_name", "first_name")[:500]
                  if person.pk != user.pk]
        self.fields["person"].choices = [("", "—"), *((person.pk, f"{person} ({person.organisation})")
                                                      for person in people)]

    def clean_person(self) -> User:
        return User.objects.get(pk=self.cleaned_data["person"])


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(label=_("Came"), coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(registration.pk, str(registration.person)) for registration in registrations]


class LinkForm(forms.Form):
    activity = forms.TypedChoiceField(label=_("Activity of my route"), coerce=int, required=False, empty_value=None,
                                      widget=PlainSelect)

    def __init__(self, *args, registration: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "—"), *(
            (activity.pk, f"{activity.title} ({activity.starts_on:%d.%m.%Y})")
            for activity in activities_to_link(registration.person))]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)
