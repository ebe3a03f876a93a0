from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.permissions import organisations_in_scope

from scoring.models import Criterion, Review

from .models import Material, PracticeStage
from workflows.models import Decision
from workflows.widgets import PlainSelect


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class MaterialForm(forms.ModelForm):
    files = MultipleFileField(label=_("Files (PDF, DOCX, PPTX, ZIP)"), required=False)

    class Meta:
        model = Material
        fields = ["title", "kind", "subject", "level", "annotation", "keywords", "co_authors", "route"]
        widgets = {"co_authors": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, author: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].queryset = self.fields["route"].queryset.filter(author=author)
        municipality = author.organisation.municipality if author.organisation_id else None
        self.fields["co_authors"].queryset = User.objects.filter(organisation__municipality=municipality).exclude(
            pk=author.pk)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


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
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})", required=False)

    def scores(self) -> dict:
        return {name.removeprefix("score_"): value for name, value in self.cleaned_data.items()
                if name.startswith("score_")}


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviseForm(forms.Form):
    files = MultipleFileField(label=_("Revised files"))


class PracticeForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage of the practice"), choices=[("", "—"), *PracticeStage.choices],
                              required=False)
    adopted_by = forms.ModelChoiceField(label=_("Adopted by (organisation)"), queryset=Organisation.objects.none(),
                                        required=False, widget=PlainSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_by"].queryset = organisations_in_scope(user).order_by("short_name", "name")
