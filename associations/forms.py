"""Forms of the register's pages. Thin: the services check everything that matters; choices offer only
people and organisations of the person's scope."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.permissions import organisations_in_scope
from routes.models import CompetenceArea
from workflows.pages import form_errors
from workflows.widgets import MultipleFileField, PlainSelect

from .meetings import PlanItem
from .models import Association, Meeting, Membership, PlannedMeeting
from .selectors import DeficitGroup, members_on

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ITEM_ERROR = "items["  # the services name a plan's rows `items[<n>].<field>`


def person_choices(people: QuerySet[User]) -> list[tuple]:
    return [("", "—"), *((person.pk, f"{person} ({person.organisation.short_name})")
                        for person in people.select_related("organisation").order_by("last_name", "first_name"))]


def people_of(association: Association) -> QuerySet[User]:
    """Whom the association may take: its school's people for a ШМО, its municipality's otherwise."""
    if association.level == Association.Level.SCHOOL:
        return User.objects.filter(organisation=association.organisation_id, is_active=True)
    return User.objects.filter(organisation__municipality=association.municipality_id, is_active=True)


class AssociationForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Association.Level.choices)
    territory = forms.ChoiceField(label=_("Municipal, district or city"), choices=Association.Territory.choices,
                                  initial=Association.Territory.MUNICIPAL, required=False,
                                  help_text=_("Only for an association of the municipal level."))
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect, help_text=_("Only for a school association."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Association.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=300)
    direction = forms.CharField(label=_("Subject or area"), max_length=200)
    head = forms.TypedChoiceField(label=_("Head"), coerce=int, required=False, empty_value=None, widget=PlainSelect)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations_in_scope(user)
        self.fields["organisation"].choices = [("", "—"), *organisations.order_by("short_name").values_list(
            "pk", "short_name")]
        self.fields["head"].choices = person_choices(User.objects.filter(organisation__in=organisations,
                                                                         is_active=True))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("organisation"):
            data["organisation"] = Organisation.objects.get(pk=data["organisation"])
        if data.get("head"):
            data["head"] = User.objects.get(pk=data["head"])
        return data


class MemberForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Member"), coerce=int, widget=PlainSelect)
    role = forms.ChoiceField(label=_("Role in the association"), choices=Membership.Role.choices)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE, required=False)

    def __init__(self, *args, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = person_choices(people_of(association).exclude(
            pk__in=members_on(association).values("person_id")))

    def clean_person(self) -> User:
        return User.objects.get(pk=self.cleaned_data["person"])


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    theme = forms.CharField(label=_("Methodical theme of the year"), max_length=500, required=False)


class PlanItemForm(forms.Form):
    planned_on = forms.DateField(label=_("Planned date"), widget=DATE, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=500, required=False)
    area = forms.ChoiceField(label=_("Competence area"), required=False,
                             choices=[("", "—"), *CompetenceArea.choices])
    deficits = forms.MultipleChoiceField(label=_("Members' deficits it addresses"), required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, groups: list[DeficitGroup], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {str(index): group for index, group in enumerate(groups)}
        self.fields["deficits"].choices = [
            (key, _("%(title)s (%(area)s): %(members)s members") % {
                "title": group.title, "area": group.area_label, "members": group.members})
            for key, group in self.groups.items()]

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("planned_on") or data.get("topic", "").strip() or data.get("deficits"))

    def item(self) -> PlanItem:
        data = self.cleaned_data
        deficits = [deficit.pk for key in data["deficits"] for deficit in self.groups[key].deficits]
        return PlanItem(data["planned_on"], data["topic"], data["area"], deficits)


PlanItemFormSet = forms.formset_factory(PlanItemForm, extra=4)


def plan_items(formset) -> list[tuple[int, PlanItem]]:
    """The rows filled in, each with its index in the formset (a blank row is left out)."""
    return [(index, form.item()) for index, form in enumerate(formset.forms) if not form.is_blank]


def plan_errors(form: PlanForm, formset, rows: list[tuple[int, PlanItem]], error: ValidationError) -> None:
    """A service's refusal on the plan's form and its rows: `items[<n>].<field>` goes to the n-th row filled."""
    on_rows = {key: value for key, value in error.message_dict.items() if key.startswith(ITEM_ERROR)}
    for key, messages in on_rows.items():
        index, field = key[len(ITEM_ERROR):].split("].", 1)
        formset.forms[rows[int(index)][0]].add_error(field, messages)
    rest = {key: value for key, value in error.message_dict.items() if key not in on_rows}
    if rest:
        form_errors(form, ValidationError(rest))


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    place = forms.CharField(label=_("Place or link"), max_length=500, required=False)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    planned = forms.TypedChoiceField(label=_("Meeting of the plan"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        self.association = association
        items = PlannedMeeting.objects.filter(plan__association=association, meeting__isnull=True).values_list(
            "pk", "planned_on", "topic").order_by("planned_on")
        self.fields["planned"].choices = [("", "—"), *((pk, f"{day:%d.%m.%Y} — {topic}") for pk, day, topic in items)]

    def clean_planned(self):
        pk = self.cleaned_data["planned"]
        return None if pk is None else PlannedMeeting.objects.get(pk=pk)


class ProtocolForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple)
    decisions = forms.CharField(label=_("Decisions"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    files = MultipleFileField(label=_("Files (PDF, DOCX, PPTX, XLSX, ZIP)"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(membership.person_id, str(membership.person))
                                          for membership in members_on(meeting.association, meeting.held_on)]

    def clean_present(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["present"]]
