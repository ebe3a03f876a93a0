from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, RoleAssignment, User
from workflows.decisions import DecisionChoiceField
from workflows.models import Decision
from workflows.uploads import validate_upload
from workflows.widgets import PersonPicker, PersonSelect, people, person_label

from ..models import Deficit, IndividualRoute, RouteActivity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RouteForm(forms.ModelForm):
    class Meta:
        model = IndividualRoute
        fields = ["kind", "participants", "mentor", "period_start", "period_end", "topic", "deficits", "goals", "expected_product",
                  "presentation_level"]
        widgets = {"period_start": DATE, "period_end": DATE, "deficits": forms.CheckboxSelectMultiple,
                   "participants": PersonPicker, "mentor": PersonSelect, "kind": forms.RadioSelect}

    def __init__(self, *args, author: User, **kwargs):
        super().__init__(*args, **kwargs)
        mentors = RoleAssignment.objects.active().filter(role=Role.MENTOR, organisation=author.organisation)
        self.fields["mentor"].queryset = people(User.objects.filter(pk__in=mentors.values("user_id")))
        self.fields["deficits"].queryset = Deficit.objects.filter(diagnostics__teacher=author)
        colleagues = RoleAssignment.objects.active().filter(role=Role.TEACHER, organisation=author.organisation)
        self.fields["participants"].queryset = people(User.objects.filter(pk__in=colleagues.values("user_id")).exclude(
            pk=author.pk))
        for name in ("mentor", "participants"):
            self.fields[name].label_from_instance = person_label
        self.fields["participants"].help_text = _("For a group route: the colleagues who follow it too.")
        self.fields["kind"].choices = [choice for choice in self.fields["kind"].choices if choice[0]]
        self.author = author

    @property
    def is_group(self) -> bool:
        """Whether the form is of a group route (its participants are asked for only then)."""
        kind = self["kind"].value()
        return kind == IndividualRoute.Kind.GROUP

    def clean(self) -> dict:
        """A mentor reviews the route: never its author, never one of its participants. An individual
        route has no participants, whatever was ticked before the type was changed."""
        cleaned = super().clean()
        if cleaned.get("kind") == IndividualRoute.Kind.INDIVIDUAL:
            cleaned["participants"] = User.objects.none()
        mentor = cleaned.get("mentor")
        if mentor is not None and mentor.pk == self.author.pk:
            self.add_error("mentor", _("You cannot be your own mentor: choose another mentor or none."))
        elif mentor is not None and mentor in (cleaned.get("participants") or ()):
            self.add_error("mentor", _("A participant of the group route cannot be its mentor."))
        return cleaned



class BaseActivityFormSet(BaseInlineFormSet):
    """The activities of a route. «Add a row» (`ADD_ROW` in the data) asks for one more empty row and
    saves nothing; the page's script adds it in place without a round trip."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and ADD_ROW in data:
            data = data.copy()
            total = f"{kwargs.get('prefix') or self.get_default_prefix()}-TOTAL_FORMS"
            data[total] = str(int_or(data.get(total), 0) + 1)
        super().__init__(data, *args, **kwargs)

    def kept(self) -> list[RouteActivity]:
        """The activities of the filled rows not marked for deletion, unsaved."""
        return [form.save(commit=False) for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")]

    def fit(self, route: IndividualRoute) -> bool:
        """Check each kept row against the route it belongs to (its period), putting a refusal on that row's
        field, and that there is at least one row; the formset must be valid already."""
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        for form in kept:
            form.instance.route = route
            try:
                form.instance.clean()
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
        if not kept:
            self._non_form_errors = self.error_class([_("Add at least one activity to the route.")],
                                                     renderer=self.renderer)
        return bool(kept) and not any(form.errors for form in kept)


ADD_ROW = "add_row"


def as_entered(*forms_):
    """The forms (and formsets) shown again as entered without judging them: «add a row» saves nothing,
    so it asks nothing yet either."""
    for form in forms_:
        for each in getattr(form, "forms", [form]):
            each._errors = ErrorDict()  # bound, so the values stay; judged, so no error shows
        if hasattr(form, "forms"):
            form._non_form_errors = form.error_class(renderer=form.renderer)
    return forms_


def int_or(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


ActivityFormSet = inlineformset_factory(
    IndividualRoute, RouteActivity, formset=BaseActivityFormSet,
    fields=["form", "title", "provider", "starts_on", "ends_on", "expected_result"],
    widgets={"starts_on": DATE, "ends_on": DATE, "title": forms.TextInput(attrs={"size": 24}),
             "provider": forms.TextInput(attrs={"size": 14}), "expected_result": forms.TextInput(attrs={"size": 18})},
    extra=1, can_delete=True,
)


class DecisionForm(forms.Form):
    """The reviewer's decision: only the decisions the current step allows (`choices`, from
    `workflows.decisions.decision_choices`)."""

    decision = DecisionChoiceField()
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    file = forms.FileField(label=_("File"), required=False, validators=[validate_upload])

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices:
            self.fields["decision"].choices = choices


class EvaluationForm(forms.Form):
    result = forms.ChoiceField(label=_("Evaluation"), widget=forms.RadioSelect, choices=[
        *IndividualRoute.Result.choices, (Decision.RETURN, _("return the report for revision"))])
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ActivityDoneForm(forms.Form):
    evidence = forms.FileField(label=_("Evidence file"), required=False, validators=[validate_upload])
    link = forms.URLField(label=_("or a link"), required=False, assume_scheme="https")
    comment = forms.CharField(label=_("Comment"), required=False)


class ReportForm(forms.ModelForm):
    class Meta:
        model = IndividualRoute
        fields = ["self_analysis", "product", "presentations"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["self_analysis"].required = self.fields["product"].required = True


class AmendmentForm(forms.Form):
    reason = forms.CharField(label=_("What changes and why"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    activity = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Methodist's comment"), widget=forms.Textarea(attrs={"rows": 2}))
