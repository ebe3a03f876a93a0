"""The forms of calls and applications for a site's status: they parse input, the services judge it."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from scoring.forms import DeclineForm, ExpertsForm, ReplaceExpertForm, ReviewForm  # noqa: F401  the experts' steps
from workflows.decisions import DecisionForm  # noqa: F401  the completeness check
from workflows.widgets import MultipleFileField, PersonPicker, people, person_label

from .calls import call_criteria, open_calls_for, parse_criteria
from .models import Call, CouncilProtocol, ProjectStage, Site, SiteApplication, SiteKind
from .register import CURRENT
from .services import headed_organisations, validate_files

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CallForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(label=_("Kinds of sites"), choices=SiteKind.choices,
                                      widget=forms.CheckboxSelectMultiple)
    criteria = forms.CharField(label=_("Criteria of the expert council"), required=False,
                               widget=forms.Textarea(attrs={"rows": 5}), help_text=_(
                                   "One a line: «criterion; maximum score». Left empty, the municipality's defaults."))

    class Meta:
        model = Call
        fields = ["municipality", "title", "kinds", "description", "opens_on", "deadline"]
        widgets = {"opens_on": DATE, "deadline": DATETIME}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        if self.instance.pk:
            self.fields["municipality"].disabled = True
            self.initial["criteria"] = "\n".join(f"{criterion.name}; {criterion.max_score}"
                                                 for criterion in call_criteria(self.instance))

    def clean_criteria(self) -> list[tuple[str, int]]:
        try:
            return parse_criteria(self.cleaned_data["criteria"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["criteria"]) from error


class ApplicationForm(forms.ModelForm):
    files = MultipleFileField(label=_("Files of the application"), required=False, help_text=_(
        "The project, the council's decision, letters of the partners: PDF, DOCX, ODT, XLSX, ZIP…"))

    class Meta:
        model = SiteApplication
        fields = ["call", "organisation", "kind", "topic", "relevance", "goals", "tasks", "expected_results",
                  "resources", "term_years", "team", "partner_organisations", "partners", "extends"]
        widgets = {"team": PersonPicker, "term_years": forms.NumberInput(attrs={"min": 1, "max": 3}),
                   **{name: forms.Textarea(attrs={"rows": 3}) for name in (
                       "relevance", "goals", "tasks", "expected_results", "resources", "partners")}}

    def __init__(self, *args, director: User, **kwargs):
        super().__init__(*args, **kwargs)
        headed = headed_organisations(director)
        calls = Call.objects.filter(pk__in=open_calls_for(director).values("pk"))
        if self.instance.call_id:
            calls = calls | Call.objects.filter(pk=self.instance.call_id)
        self.fields["call"].queryset = calls
        self.fields["organisation"].queryset = headed
        self.fields["organisation"].empty_label = None
        self.fields["team"].queryset = people(User.objects.filter(organisation__in=headed, is_active=True))
        self.fields["team"].label_from_instance = person_label
        self.fields["partner_organisations"].queryset = Organisation.objects.filter(
            municipality__in=headed.values("municipality")).exclude(pk__in=headed).order_by("short_name")
        self.fields["extends"].queryset = Site.objects.filter(organisation__in=headed, status__in=CURRENT)
        self.fields["extends"].help_text = _("For an extension: the site whose status continues.")
        if self.instance.pk:
            self.fields["call"].disabled = self.fields["organisation"].disabled = True

    def clean_files(self) -> list:
        """A file of a type not accepted or too large is refused here, next to «Files»."""
        try:
            return validate_files(self.cleaned_data["files"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["files"]) from error


class BaseStageFormSet(BaseInlineFormSet):
    """The stages of the project, a row each; empty rows are ignored."""

    def kept(self) -> list[ProjectStage]:
        return [form.save(commit=False) for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")]

    def show(self, error: ValidationError) -> None:
        """A service's refusal of `stages[<n>].<field>` under that row's field, the rest on the formset."""
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        for key, messages in error.message_dict.items():
            index, _sep, field = key.removeprefix("stages[").partition("].")
            if index.isdigit() and int(index) < len(kept):
                kept[int(index)].add_error(field if field in kept[int(index)].fields else None, messages)
            else:
                self._non_form_errors = self.error_class(messages, renderer=self.renderer)


StageFormSet = inlineformset_factory(
    SiteApplication, ProjectStage, formset=BaseStageFormSet, fields=["title", "starts_on", "ends_on", "results"],
    widgets={"starts_on": DATE, "ends_on": DATE, "results": forms.TextInput()}, extra=2, can_delete=True)


class ProtocolForm(forms.ModelForm):
    class Meta:
        model = CouncilProtocol
        fields = ["number", "date", "members_present", "votes_for", "votes_against", "votes_abstained",
                  "recommendation", "text"]
        widgets = {"date": DATE, "members_present": forms.CheckboxSelectMultiple,
                   "recommendation": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members_present"].queryset = members
        self.fields["members_present"].label_from_instance = person_label


class GrantForm(forms.Form):
    number = forms.CharField(label=_("Number of the order"), max_length=40, required=False, help_text=_(
        "The journal's next number is suggested; another one not used this year may be typed."))
    date = forms.DateField(label=_("Date of the order"), widget=DATE)
    signatory = forms.ModelChoiceField(label=_("Signatory"), queryset=User.objects.none())
    starts_on = forms.DateField(label=_("Status from"), widget=DATE, required=False, help_text=_(
        "Left empty, from the date of the order."))
    text = forms.CharField(label=_("Preamble of the order"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, signatories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = signatories


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the refusal"), widget=forms.Textarea(attrs={"rows": 2}))
