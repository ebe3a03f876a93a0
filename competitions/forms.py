"""The forms of competitions and entries: they parse input, the services judge it."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from workflows.decisions import DecisionForm  # noqa: F401  the committee's admission
from workflows.widgets import MultipleFileField, PersonPicker, people, person_label

from .entries_eligibility import nominees_for
from .models import Competition, Entry, Round
from .setup_services import SUGGESTED_NAMES, CriterionSpec, jury_members, setting_up_municipalities

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class PeopleField(forms.ModelMultipleChoiceField):
    widget = PersonPicker

    def label_from_instance(self, person) -> str:
        return person_label(person)


class CompetitionForm(forms.ModelForm):
    name = forms.CharField(label=_("Name"), max_length=300, widget=forms.TextInput(attrs={"list": "competition-names"}),
                           help_text=_("For example: %(names)s.") % {"names": ", ".join(f"«{name}»" for name in
                                                                                       SUGGESTED_NAMES[:4])})
    nominations = forms.CharField(label=_("Nominations"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("One a line."))
    positions = forms.CharField(label=_("Positions admitted"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=_("One a line; empty: any position."))
    committee = PeopleField(label=_("Organising committee"), queryset=User.objects.none(), required=False)
    jury = PeopleField(label=_("Jury"), queryset=User.objects.none(), required=False)

    class Meta:
        model = Competition
        fields = ["name", "level", "year", "municipality", "description", "nominations_open_on",
                  "nominations_deadline", "self_nomination", "young_teachers_only", "max_age", "min_tenure_years",
                  "max_tenure_years", "positions", "aggregation", "tie_break", "winners", "prize_winners",
                  "next_level"]
        widgets = {"nominations_open_on": DATE, "nominations_deadline": DATETIME,
                   "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations_deadline"].input_formats = DATETIME_FORMATS
        self.fields["municipality"].queryset = setting_up_municipalities(user)
        municipality = self.instance.municipality if self.instance.municipality_id else None
        candidates = people(User.objects.filter(is_active=True, organisation__municipality=municipality)
                            if municipality else User.objects.filter(is_active=True,
                                                                     organisation__municipality__in=setting_up_municipalities(user)))
        self.fields["committee"].queryset = candidates
        self.fields["jury"].queryset = candidates
        self.fields["next_level"].queryset = Competition.objects.exclude(pk=self.instance.pk).order_by("-year", "name")
        if self.instance.pk:
            self.fields["municipality"].disabled = True
            self.initial["nominations"] = "\n".join(self.instance.nominations.values_list("name", flat=True))
            self.initial["positions"] = "\n".join(self.instance.positions)
            members = self.instance.members.active()
            self.initial["committee"] = [m.person_id for m in members if m.role == "committee"]
            self.initial["jury"] = [m.person_id for m in members if m.role == "jury"]

    def clean_positions(self) -> list[str]:
        return lines(self.cleaned_data["positions"])

    def clean_nominations(self) -> list[str]:
        return lines(self.cleaned_data["nominations"])


class RoundForm(forms.ModelForm):
    criteria = forms.CharField(label=_("Criteria"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_(
        "One a line: «criterion; maximum score; weight» (the weight 1 when left out)."))
    jury = PeopleField(label=_("Jury of the round"), queryset=User.objects.none(), required=False,
                       help_text=_("Of the competition's jury."))

    class Meta:
        model = Round
        fields = ["name", "kind", "starts_on", "ends_on", "place", "advance_top", "advance_threshold"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, competition: Competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jury"].queryset = people(jury_members(competition))
        if self.instance.pk:
            self.initial["criteria"] = "\n".join(f"{item.name}; {item.max_score}; {item.weight}"
                                                 for item in self.instance.criteria.all())
            self.initial["jury"] = list(self.instance.jury.values_list("pk", flat=True))

    def clean_criteria(self) -> list[CriterionSpec]:
        specs, errors = [], []
        for number, line in enumerate(lines(self.cleaned_data["criteria"]), start=1):
            parts = [part.strip() for part in line.split(";")]
            try:
                weight = Decimal(parts[2].replace(",", ".")) if len(parts) > 2 and parts[2] else Decimal("1")
                specs.append(CriterionSpec(parts[0], int(parts[1]), weight))
            except (IndexError, ValueError, InvalidOperation):
                errors.append(_("Line %(number)d: write «criterion; maximum score; weight».") % {"number": number})
        if errors:
            raise ValidationError(errors)
        return specs


class EntryForm(forms.ModelForm):
    nominee = forms.ModelChoiceField(label=_("Contestant"), queryset=User.objects.none())
    materials = MultipleFileField(label=_("Materials"), required=False, help_text=_(
        "The portfolio, the essay, the lesson's plan: PDF, DOCX, PPTX, ZIP…"))
    material_round = forms.ModelChoiceField(label=_("The materials are for the round"), queryset=Round.objects.none(),
                                            required=False)

    class Meta:
        model = Entry
        fields = ["nominee", "nomination", "about", "consent_given_on", "prepared_by"]
        widgets = {"consent_given_on": DATE, "about": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user: User, competition: Competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = people(nominees_for(user, competition))
        self.fields["nominee"].label_from_instance = person_label
        self.fields["nomination"].queryset = competition.nominations.all()
        self.fields["material_round"].queryset = competition.rounds.all()
        self.fields["prepared_by"].queryset = people(User.objects.filter(
            is_active=True, organisation__municipality=competition.municipality_id))
        self.fields["prepared_by"].label_from_instance = person_label
        self.fields["consent_given_on"].help_text = _(
            "The date of the contestant's written consent to the processing of personal data (152-ФЗ).")
        if self.instance.pk:
            self.fields["nominee"].disabled = True


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
