from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, RoleAssignment, User
from workflows.models import Decision
from workflows.uploads import validate_upload

from ..models import Deficit, IndividualRoute, RouteActivity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RouteForm(forms.ModelForm):
    class Meta:
        model = IndividualRoute
        fields = ["kind", "participants", "mentor", "period_start", "period_end", "topic", "deficits", "goals", "expected_product",
                  "presentation_level"]
        widgets = {"period_start": DATE, "period_end": DATE, "deficits": forms.CheckboxSelectMultiple,
                   "participants": forms.CheckboxSelectMultiple}

    def __init__(self, *args, author: User, **kwargs):
        super().__init__(*args, **kwargs)
        mentors = RoleAssignment.objects.active().filter(role=Role.MENTOR, organisation=author.organisation)
        self.fields["mentor"].queryset = User.objects.filter(pk__in=mentors.values("user_id"))
        self.fields["deficits"].queryset = Deficit.objects.filter(diagnostics__teacher=author)
        colleagues = RoleAssignment.objects.active().filter(role=Role.TEACHER, organisation=author.organisation)
        self.fields["participants"].queryset = User.objects.filter(pk__in=colleagues.values("user_id")).exclude(
            pk=author.pk)
        self.fields["participants"].help_text = _("For a group route: the colleagues who follow it too.")
        self.author = author

    def clean(self) -> dict:
        """A mentor reviews the route: never its author, never one of its participants."""
        cleaned = super().clean()
        mentor = cleaned.get("mentor")
        if mentor is not None and mentor.pk == self.author.pk:
            self.add_error("mentor", _("You cannot be your own mentor: choose another mentor or none."))
        elif mentor is not None and mentor in (cleaned.get("participants") or ()):
            self.add_error("mentor", _("A participant of the group route cannot be its mentor."))
        return cleaned



ActivityFormSet = inlineformset_factory(
    IndividualRoute, RouteActivity,
    fields=["form", "title", "provider", "starts_on", "ends_on", "expected_result"],
    widgets={"starts_on": DATE, "ends_on": DATE},
    extra=3, can_delete=True,
)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    file = forms.FileField(label=_("File"), required=False, validators=[validate_upload])


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
