from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.permissions import organisations_in_scope

from scoring.forms import DeclineForm, ExpertsForm, ReplaceExpertForm, ReviewForm  # noqa: F401  the case page's
from workflows.decisions import DecisionForm  # noqa: F401  the check's and the decision's form

from .models import Material, PracticeStage
from .services import validate_material_file
from workflows.widgets import MultipleFileField, PersonPicker, PlainSelect, people, person_label


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
