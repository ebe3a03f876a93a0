"""The forms of the experts' steps, the same on every scoring process's case page: assigning the panel or a
replacement, scoring against the criteria, declining."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import Criterion, Review
from .services import validate_scores


class ExpertsForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(label=_("Experts"), queryset=User.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = candidates


class ReplaceExpertForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Another expert"), queryset=User.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = candidates


class ReviewForm(forms.Form):
    text = forms.CharField(label=_("Review"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Review.Recommendation.choices,
                                       widget=forms.RadioSelect)

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})", required=False)
        self.fields["recommendation"].required = False

    def clean(self) -> dict:
        """Every refusal at once, by field: the scores, the text and the recommendation are judged by the
        same rules as the service's (`scoring.services.validate_scores`), in this one pass."""
        cleaned = super().clean()
        try:
            validate_scores(self.criteria, self.scores(), cleaned.get("text", ""), cleaned.get("recommendation", ""))
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                if field not in self.errors:  # a score that is not a number is already refused as such
                    self.add_error(field if field in self.fields else None, errors)
        return cleaned

    def scores(self) -> dict:
        return {name.removeprefix("score_"): value for name, value in self.cleaned_data.items()
                if name.startswith("score_")}


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 2}))
