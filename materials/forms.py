from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.permissions import organisations_in_scope

from scoring.models import Criterion, Review
from scoring.services import validate_scores

from .models import Material, PracticeStage
from .services import validate_material_file
from workflows.decisions import DecisionChoiceField
from workflows.widgets import PersonPicker, PlainSelect, people, person_label


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


# The school subjects a material is filed under (data, as the bank's filter and the experts' subjects name them).
SUBJECTS = ["математика", "русский язык", "литература", "родной язык", "иностранный язык", "английский язык",
            "физика", "химия", "биология", "география", "история", "обществознание", "информатика",
            "начальные классы", "окружающий мир", "музыка", "изобразительное искусство", "технология",
            "физическая культура", "ОБЖ", "дошкольное образование", "дополнительное образование",
            "воспитательная работа", "психология", "управление образованием", "межпредметное"]


class MaterialForm(forms.ModelForm):
    files = MultipleFileField(label=_("Files (PDF, DOCX, PPTX, ZIP)"), required=False)

    class Meta:
        model = Material
        fields = ["title", "kind", "subject", "level", "annotation", "keywords", "co_authors", "route"]
        widgets = {"co_authors": PersonPicker}

    def __init__(self, *args, author: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].queryset = self.fields["route"].queryset.filter(author=author)
        self.fields["co_authors"].queryset = people(co_authors_for(author))
        self.fields["co_authors"].label_from_instance = person_label
        current = self.instance.subject if self.instance.pk else ""
        subjects = SUBJECTS if not current or current in SUBJECTS else [*SUBJECTS, current]
        self.fields["subject"] = forms.ChoiceField(label=self.fields["subject"].label, choices=[
            ("", "—"), *((subject, subject) for subject in subjects)])

    def clean_files(self) -> list:
        """A file of a type the expertise does not take is refused here, next to «Файлы»."""
        files = self.cleaned_data["files"]
        for upload in files:
            validate_material_file(upload)
        return files


def co_authors_for(author: User):
    """Whom an author may name as co-authors: the people of the municipalities the author works in."""
    municipality = author.organisation.municipality_id if author.organisation_id else None
    return User.objects.filter(organisation__municipality_id=municipality, is_active=True).exclude(pk=author.pk)


class DecisionForm(forms.Form):
    """The methodist's decision: only what the step allows, in its words (`choices`, from
    `workflows.decisions.decision_choices`)."""

    decision = DecisionChoiceField()
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices:
            self.fields["decision"].choices = choices


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


class ReviseForm(forms.Form):
    files = MultipleFileField(label=_("Revised files"))
    reply = forms.CharField(label=_("Your reply to the reviewer (optional)"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        for upload in files:
            validate_material_file(upload)
        return files


class PracticeForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage of the practice"), choices=[("", "—"), *PracticeStage.choices],
                              required=False)
    adopted_by = forms.ModelChoiceField(label=_("Adopted by (organisation)"), queryset=Organisation.objects.none(),
                                        required=False, widget=PlainSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_by"].queryset = organisations_in_scope(user).order_by("short_name", "name")
