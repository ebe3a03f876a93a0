"""Forms of the diagnostics pages: parse input; the services in `routes.diagnostics` decide."""
from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..diagnostics import current_survey_period
from ..models import (
    CompetenceArea,
    Deficit,
    Diagnostics,
    Difficulty,
    Recommendation,
    YoungTeacherSurvey,
    school_year_label,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TeacherChoiceMixin:
    """The teacher is chosen only when a new record may be entered for someone other than oneself."""

    def limit_teachers(self, teachers: QuerySet | None, actor) -> None:
        if self.instance.pk or teachers is None or list(teachers.values_list("pk", flat=True)) == [actor.pk]:
            del self.fields["teacher"]
            if not self.instance.pk:
                self.instance.teacher = actor
        else:
            self.fields["teacher"].queryset = teachers.select_related("organisation").order_by(
                "last_name", "first_name", "patronymic"
            )
            self.fields["teacher"].label_from_instance = lambda person: f"{person} ({person.organisation})"


class DiagnosticsForm(TeacherChoiceMixin, forms.ModelForm):
    competence_areas = forms.MultipleChoiceField(
        label=_("competence areas assessed"), choices=CompetenceArea.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Diagnostics
        fields = ["teacher", "date", "provider", "competence_areas", "notes"]
        widgets = {"date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor, teachers: QuerySet | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.limit_teachers(teachers, actor)


class DeficitForm(forms.ModelForm):
    class Meta:
        model = Deficit
        fields = ["area", "title", "severity", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


DeficitFormSet = forms.inlineformset_factory(
    Diagnostics, Deficit, form=DeficitForm, extra=3, can_delete=True
)


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class ImportForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("municipality"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=_("file of the provider's results (.xlsx)"), validators=[FileExtensionValidator(["xlsx"])]
    )

    def __init__(self, *args, municipalities: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


def school_year_choices(today=None) -> list[tuple[int, str]]:
    current, _half = current_survey_period(today)
    return [(year, school_year_label(year)) for year in range(current, current - 3, -1)]


class SurveyForm(TeacherChoiceMixin, forms.ModelForm):
    school_year = forms.TypedChoiceField(label=_("school year"), coerce=int, choices=school_year_choices)
    difficulties = forms.MultipleChoiceField(
        label=_("difficulties"), choices=Difficulty.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    comfort = forms.TypedChoiceField(
        label=_("emotional comfort"),
        coerce=int,
        choices=[(level, str(level)) for level in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=YoungTeacherSurvey._meta.get_field("comfort").help_text,
    )

    class Meta:
        model = YoungTeacherSurvey
        fields = [
            "teacher", "school_year", "half", "difficulties", "other_difficulties", "comfort", "wants_mentor", "comment"
        ]
        widgets = {
            "other_difficulties": forms.Textarea(attrs={"rows": 2}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, actor, teachers: QuerySet | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.limit_teachers(teachers, actor)
        if not self.instance.pk:
            self.initial["school_year"], self.initial["half"] = current_survey_period(timezone.localdate())
        elif self.instance.school_year not in dict(self.fields["school_year"].choices):
            self.fields["school_year"].choices = [(self.instance.school_year, self.instance.school_year_display)]
