"""The REST representations of methodical materials and practices, and the input the API accepts.

The experts stay anonymous to the authors here too: reviews come from `services.visible_reviews`, and
the authors see no expert assignment (`assignments_seen_by`).
"""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from viewflow.workflow.models import Task

from accounts.models import Municipality, User
from workflows.api_fields import (
    BlankAsNullChoiceField, CaseStateFields, NamedChoiceField, PersonSerializer, RefSerializer, StoredFileSerializer,
)
from workflows.models import Decision

from scoring.api import (AssignmentSerializer, CriterionSerializer, DeclineSerializer,  # noqa: F401  re-exported
    ExpertCandidateSerializer, ExpertsSerializer, ReplaceExpertSerializer, ReviewInputSerializer,
    ScoredCaseFields, VisibleReviewSerializer, assignments_seen_by, my_open_task)

from . import services
from .models import EducationLevel, Material, MaterialFile, MaterialKind, PracticeStage

Status = Material.Status


# Choices with their own enum names in the schema


def material_status(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=Status.choices, enum_name="MaterialStatusEnum", **kwargs)


def material_kind(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=MaterialKind.choices, enum_name="MaterialKindEnum", **kwargs)


# Representations


class MaterialFileSerializer(StoredFileSerializer):
    class Meta:
        model = MaterialFile
        fields = ["id", "version", "name", "size", "uploaded_at", "url"]
        read_only_fields = fields


class MaterialSerializer(serializers.ModelSerializer):
    status = material_status(read_only=True)
    kind = material_kind(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    author = PersonSerializer(read_only=True)
    co_authors = PersonSerializer(many=True, read_only=True)
    organisation = RefSerializer(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:material-detail")

    class Meta:
        model = Material
        fields = ["id", "url", "number", "status", "status_display", "title", "kind", "kind_display", "subject",
                  "level", "level_display", "keywords", "author", "co_authors", "organisation", "version",
                  "expertise_round", "current_step", "due_at", "published_at", "created_at", "updated_at"]
        read_only_fields = fields


def practice_stage() -> BlankAsNullChoiceField:
    return BlankAsNullChoiceField(choices=PracticeStage.choices, read_only=True, allow_null=True,
                                  help_text=gettext_lazy("The stage of a published practice; null before it is."))


class MaterialDetailSerializer(ScoredCaseFields, CaseStateFields, MaterialSerializer):
    practice_stage = practice_stage()
    practice_stage_display = serializers.CharField(source="get_practice_stage_display", read_only=True)
    files = MaterialFileSerializer(many=True, read_only=True, help_text=gettext_lazy("The files of every version."))
    case_actions = services.ACTIONS

    class Meta(MaterialSerializer.Meta):
        fields = [*MaterialSerializer.Meta.fields, "annotation", "route", "practice_stage", "practice_stage_display",
                  "files", "reviews", "assignments", "actions", "current_task"]
        read_only_fields = fields

    def reviews_for(self, material, user) -> list[dict]:
        return services.visible_reviews(material, user)

    def actions_of(self, material, user) -> set[str]:
        return services.available_actions(material, user)

    def open_task(self, material, user) -> Task | None:
        return my_open_task(material, user)


# Input


def validate_material_files(files: list) -> list:
    """Types and sizes the material accepts, checked before anything is saved."""
    errors = []
    for upload in files:
        try:
            services.validate_material_file(upload)
        except DjangoValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise serializers.ValidationError(errors)
    return files


class MaterialInputSerializer(serializers.ModelSerializer):
    """A draft's content. Co-authors are offered as on the page: people of the author's municipality; a
    route, among the author's own."""

    kind = material_kind()
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list,
                                  validators=[validate_material_files], help_text=gettext_lazy(
                                      "Files to add to the current version: PDF, DOCX, PPTX or ZIP."))

    class Meta:
        model = Material
        fields = ["title", "kind", "subject", "level", "annotation", "keywords", "co_authors", "route", "files"]

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        if author is not None:
            municipality = author.organisation.municipality_id if author.organisation_id else None
            self.fields["co_authors"].child_relation.queryset = User.objects.filter(
                organisation__municipality=municipality).exclude(pk=author.pk)
            self.fields["route"].queryset = self.fields["route"].queryset.filter(author=author)


def save_material(material: Material, data: dict, user, partial: bool) -> Material:
    data = dict(data)
    files = data.pop("files", [])
    co_authors = data.pop("co_authors", None if partial else [])
    for name, value in data.items():
        setattr(material, name, value)
    return services.save_material(material, user, files, co_authors=co_authors)


class ProposalQuerySerializer(serializers.Serializer):
    count = serializers.IntegerField(required=False, min_value=1, max_value=50, help_text=gettext_lazy(
        "How many experts to propose; by default as many as the municipality requires."))


class ReviseSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False,
                                  validators=[validate_material_files], help_text=gettext_lazy(
                                      "The files of the revised version: PDF, DOCX, PPTX or ZIP."))


# Completing the check and the decision from the task list


class MaterialCheckSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices, help_text=gettext_lazy(
        "approve to send the material to experts, return it to the author, or reject it."))
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text=gettext_lazy(
        "Required to return or reject."))


class MaterialDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices, help_text=gettext_lazy(
        "approve to publish the material in the bank, return it for revision, or reject it."))
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text=gettext_lazy(
        "Required to return or reject."))


# The public bank of practices


class PracticeSerializer(serializers.ModelSerializer):
    """A published practice, as anyone may read it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:practice-detail")
    kind = material_kind(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    practice_stage = practice_stage()
    practice_stage_display = serializers.CharField(source="get_practice_stage_display", read_only=True)
    authors = serializers.SerializerMethodField()
    organisation = RefSerializer(read_only=True)
    municipality = RefSerializer(read_only=True)
    adopted_by = RefSerializer(many=True, read_only=True)

    class Meta:
        model = Material
        fields = ["id", "url", "number", "title", "kind", "kind_display", "subject", "level", "level_display",
                  "keywords", "annotation", "authors", "organisation", "municipality", "published_at",
                  "practice_stage", "practice_stage_display", "adopted_by"]
        read_only_fields = fields

    def get_authors(self, practice) -> list[str]:
        return [str(author) for author in practice.authors()]


class PracticeDetailSerializer(PracticeSerializer):
    files = serializers.SerializerMethodField(help_text=gettext_lazy("The files of the published version."))

    class Meta(PracticeSerializer.Meta):
        fields = [*PracticeSerializer.Meta.fields, "files"]
        read_only_fields = fields

    @extend_schema_field(MaterialFileSerializer(many=True))
    def get_files(self, practice) -> list[dict]:
        files = practice.files.filter(version=practice.version)
        return MaterialFileSerializer(files, many=True, context=self.context).data


class BankQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text=gettext_lazy(
        "Words of the title, keywords or annotation (any word form on PostgreSQL)."))
    subject = serializers.CharField(required=False, allow_blank=True)
    level = serializers.ChoiceField(choices=EducationLevel.choices, required=False)
    kind = material_kind(required=False)
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all(), required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100, help_text=gettext_lazy(
        "The year of publication."))
