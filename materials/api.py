"""The REST API of methodical materials and the public bank of practices.

Thin, like the pages (`materials.views`): every action goes through `materials.services`, with
the permission rules of the pages. A material you may not see is 404, an action you may not take 403.
The completeness check and the decision are completed from the task list (`/api/tasks/{id}/complete/`),
registered below. Experts stay anonymous to the authors: the reviews come from `visible_reviews`, the
timeline from `visible_events`, and the expert assignments are shown to nobody among the authors.
"""
from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_choice_field
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from viewflow.workflow.models import Task

from accounts.models import Municipality, RoleAssignment, User
from accounts.permissions import may, visible

from materials import services
from workflows.api import (BlankAsNullChoiceField, CaseApi, CaseEventSerializer, Completion, PersonSerializer,
    absolute, error_responses, register_case_api)
from .bank import published_materials, search_bank
from workflows.files import download_url
from .flows import MaterialFlow
from workflows.models import Decision
from .models import EducationLevel, ExpertAssignment, Material, MaterialFile, MaterialKind, PracticeStage, Review
from workflows.pagination import ValidatedPagination
from workflows.services import TaskAlreadyDone, can_act_on

Status = Material.Status


# Choices with their own enum names in the schema


class NamedChoiceField(serializers.ChoiceField):
    """A choice field whose choices are one enum of the schema, named `enum_name`: the other processes'
    serializers already use the names `status` and `kind` for other choices."""

    def __init__(self, *args, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(*args, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        schema = build_choice_field(self.target)
        schema.pop("x-spec-enum-id", None)
        component = ResolvedComponent(name=self.target.enum_name, type=ResolvedComponent.SCHEMA,
                                      object=self.target.enum_name, schema=schema)
        auto_schema.registry.register_on_missing(component)
        return component.ref


def material_status(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=Status.choices, enum_name="MaterialStatusEnum", **kwargs)


def material_kind(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=MaterialKind.choices, enum_name="MaterialKindEnum", **kwargs)


# Representations


class RefSerializer(serializers.Serializer):
    """An organisation or a municipality: its id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class MaterialFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = MaterialFile
        fields = ["id", "version", "name", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, material_file) -> str:
        return absolute(self.context.get("request"), download_url(material_file))


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


class VisibleReviewSerializer(serializers.Serializer):
    """A review as the reader may see it: the authors read «Expert 1», not the expert's name."""

    round = serializers.IntegerField()
    expert = serializers.CharField()
    total = serializers.IntegerField()
    scores = serializers.DictField(child=serializers.IntegerField(), help_text=gettext_lazy(
        "Scores by criterion id."))
    text = serializers.CharField()
    recommendation = serializers.CharField()


class AssignmentSerializer(serializers.ModelSerializer):
    expert = PersonSerializer(read_only=True)
    status = NamedChoiceField(choices=ExpertAssignment.Status.choices, enum_name="ExpertAssignmentStatusEnum",
                              read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ExpertAssignment
        fields = ["id", "expert", "round", "status", "status_display", "decline_reason", "replacement",
                  "assigned_at"]
        read_only_fields = fields


def practice_stage() -> BlankAsNullChoiceField:
    return BlankAsNullChoiceField(choices=PracticeStage.choices, read_only=True, allow_null=True,
                                  help_text=gettext_lazy("The stage of a published practice; null before it is."))


class MaterialDetailSerializer(MaterialSerializer):
    practice_stage = practice_stage()
    practice_stage_display = serializers.CharField(source="get_practice_stage_display", read_only=True)
    files = MaterialFileSerializer(many=True, read_only=True, help_text=gettext_lazy("The files of every version."))
    reviews = serializers.SerializerMethodField()
    assignments = serializers.SerializerMethodField(help_text=gettext_lazy(
        "The experts of the material; never shown to its authors, and an expert sees only their own."))
    actions = serializers.SerializerMethodField(help_text=gettext_lazy(
        "What you may do with the material now: edit, submit, check, assign_experts, replace_expert, review, "
        "decide, revise, manage_practice."))
    current_task = serializers.SerializerMethodField(help_text=gettext_lazy(
        "Your open task on the material, to claim or complete through /api/tasks/."))

    class Meta(MaterialSerializer.Meta):
        fields = [*MaterialSerializer.Meta.fields, "annotation", "route", "practice_stage", "practice_stage_display",
                  "files", "reviews", "assignments", "actions", "current_task"]
        read_only_fields = fields

    @extend_schema_field(VisibleReviewSerializer(many=True))
    def get_reviews(self, material) -> list[dict]:
        return VisibleReviewSerializer(services.visible_reviews(material, self.context["request"].user),
                                       many=True).data

    @extend_schema_field(AssignmentSerializer(many=True))
    def get_assignments(self, material) -> list[dict]:
        return AssignmentSerializer(assignments_seen_by(material, self.context["request"].user), many=True).data

    def get_actions(self, material) -> list[str]:
        return sorted(services.available_actions(material, self.context["request"].user))

    def get_current_task(self, material) -> int | None:
        task = my_open_task(material, self.context["request"].user)
        return task.pk if task else None


def is_author(material: Material, user) -> bool:
    return user.pk in {author.pk for author in material.authors()}


def assignments_seen_by(material: Material, user) -> QuerySet:
    """Nothing for the authors, an expert's own assignments for an expert, all of them for the methodist."""
    assignments = material.assignments.select_related("expert")
    if is_author(material, user):
        return assignments.none()
    if assignments.filter(expert=user).exists():
        return assignments.filter(expert=user)
    return assignments


def my_open_task(material: Material, user) -> Task | None:
    if not material.process_id:
        return None
    tasks = Task.objects.filter(process_id=material.process_id, status__in=services.ACTIVE, flow_task_type="HUMAN")
    return next((task for task in tasks.order_by("pk") if can_act_on(task, user)), None)


class CriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    name = serializers.CharField()
    max_score = serializers.IntegerField()


class ExpertCandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")
    subject = serializers.CharField()
    organisation = serializers.CharField(allow_null=True)
    load = serializers.IntegerField(help_text=gettext_lazy("Materials the expert is reviewing now."))


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


class MaterialListQuerySerializer(serializers.Serializer):
    status = material_status(required=False)


class ProposalQuerySerializer(serializers.Serializer):
    count = serializers.IntegerField(required=False, min_value=1, max_value=50, help_text=gettext_lazy(
        "How many experts to propose; by default as many as the municipality requires."))


class ExpertsSerializer(serializers.Serializer):
    experts = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.all(), allow_empty=False,
                                                 help_text=gettext_lazy("Ids of the experts."))


class ReplaceExpertSerializer(serializers.Serializer):
    expert = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), help_text=gettext_lazy(
        "The id of the expert who takes the place of the one who declined."))


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class ReviewInputSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.IntegerField(allow_null=True), help_text=gettext_lazy(
        "A score for every criterion of /api/materials/criteria/, by criterion id, from 0 to its maximum."))
    text = serializers.CharField(allow_blank=True)
    recommendation = serializers.ChoiceField(choices=Review.Recommendation.choices)


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


def complete_check(material: Material, user, data: dict):
    return services.check(material, user, data["decision"], data["comment"])


def complete_decision(material: Material, user, data: dict):
    return services.final_decision(material, user, data["decision"], data["comment"])


register_case_api(MaterialFlow, CaseApi(
    type="material",
    detail_url_name="api:material-detail",
    completions={
        "check": Completion(MaterialCheckSerializer, complete_check),
        "decision": Completion(MaterialDecisionSerializer, complete_decision),
    },
))


# Errors in the request's terms


def renamed_errors(error: DjangoValidationError, rename) -> exceptions.ValidationError:
    """A service's errors under the API's field names: `rename(key)` gives a field name, or a (field, key)
    pair for an error inside a mapping such as `scores`."""
    detail = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    result: dict = {}
    for key, messages in detail.items():
        path = rename(key)
        if isinstance(path, tuple):
            result.setdefault(path[0], {})[path[1]] = messages
        else:
            result[path] = messages
    return exceptions.ValidationError(result)


def score_path(key: str) -> str | tuple[str, str]:
    """`score_<criterion id>` of the service is `scores.<criterion id>` of the request."""
    return ("scores", key.removeprefix("score_")) if key.startswith("score_") else key


# Endpoints


class MaterialViewSet(viewsets.GenericViewSet):
    """Methodical materials you may see: drafts, submission, expertise and the timeline."""

    queryset = Material.objects.all()
    serializer_class = MaterialSerializer
    pagination_class = ValidatedPagination
    lookup_value_converter = "int"

    def get_queryset(self) -> QuerySet:
        return visible(self.request.user, "view", Material.objects.all()).select_related(
            "author", "organisation").prefetch_related("co_authors")

    def get_object(self) -> Material:
        """The material if the user may see it; 404 otherwise, so its existence is not revealed."""
        material = get_object_or_404(Material.objects.select_related("author", "organisation", "municipality"),
                                     pk=self.kwargs["pk"])
        if not may(self.request.user, "view", material):
            raise Http404
        return material

    def respond(self, material: Material, code: int = status.HTTP_200_OK) -> Response:
        material = Material.objects.select_related("author", "organisation", "municipality").prefetch_related(
            "co_authors", "files").get(pk=material.pk)
        return Response(MaterialDetailSerializer(material, context=self.get_serializer_context()).data, status=code)

    def acting_on(self, material: Material, *nodes: str) -> Task:
        """The open step among `nodes` (400 if the material is elsewhere), if the user may act on it (403)."""
        task = services.active_task(material, *nodes)
        if not can_act_on(task, self.request.user):
            raise PermissionDenied(_("You may not act on this step of the material."))
        return task

    @extend_schema(summary=gettext_lazy("Materials you may see"), parameters=[MaterialListQuerySerializer],
                   responses={200: MaterialSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request):
        query = MaterialListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        materials = self.get_queryset()
        if "status" in query.validated_data:
            materials = materials.filter(status=query.validated_data["status"])
        page = self.paginate_queryset(materials)
        return self.get_paginated_response(MaterialSerializer(page, many=True,
                                                              context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("Draw up a material (a draft)"),
                   request={"multipart/form-data": MaterialInputSerializer,
                            "application/json": MaterialInputSerializer},
                   responses={201: MaterialDetailSerializer, **error_responses(400, 401, 403)})
    def create(self, request):
        if not services.may_submit_materials(request.user):
            raise PermissionDenied(_("Only teachers submit methodical materials."))
        body = MaterialInputSerializer(data=request.data, author=request.user)
        body.is_valid(raise_exception=True)
        material = save_material(Material(), body.validated_data, request.user, partial=False)
        return self.respond(material, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("A material"),
                   responses={200: MaterialDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request, pk=None):
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Edit a draft or a returned material; files are added"),
                   request={"multipart/form-data": MaterialInputSerializer,
                            "application/json": MaterialInputSerializer},
                   responses={200: MaterialDetailSerializer, **error_responses(400, 401, 403, 404)})
    def partial_update(self, request, pk=None):
        material = self.get_object()
        if "edit" not in services.available_actions(material, request.user):
            raise PermissionDenied(_("The material can be edited by its author only in draft or when returned."))
        body = MaterialInputSerializer(material, data=request.data, partial=True, author=request.user)
        body.is_valid(raise_exception=True)
        return self.respond(save_material(material, body.validated_data, request.user, partial=True))

    @extend_schema(summary=gettext_lazy("Send the material for the completeness check"), request=None,
                   responses={200: MaterialDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self.respond(services.submit(self.get_object(), request.user))

    @extend_schema(summary=gettext_lazy("The material's timeline"), description=gettext_lazy(
        "The authors see who acted at every step except the experts."),
        responses={200: CaseEventSerializer(many=True), **error_responses(401, 404)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def timeline(self, request, pk=None):
        events = services.visible_events(self.get_object(), request.user)
        return Response(CaseEventSerializer(events, many=True, context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("Experts proposed for the material"), description=gettext_lazy(
        "Free of conflict of interest and not yet on this round, by subject first, then by current load. "
        "For the methodist assigning experts."), parameters=[ProposalQuerySerializer],
        responses={200: ExpertCandidateSerializer(many=True), **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["get"], url_path="proposed-experts", pagination_class=None)
    def proposed_experts(self, request, pk=None):
        material = self.get_object()
        self.acting_on(material, "assign_experts", "replace_expert")
        query = ProposalQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        count = query.validated_data.get("count") or services.expertise_rules(material.municipality).experts
        experts = services.propose_experts(material, count)
        return Response(ExpertCandidateSerializer(experts, many=True).data)

    @extend_schema(summary=gettext_lazy("Assign experts"), description=gettext_lazy(
        "At least as many as the municipality requires, none with a conflict of interest."),
        request=ExpertsSerializer,
        responses={200: MaterialDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def experts(self, request, pk=None):
        material = self.get_object()
        self.acting_on(material, "assign_experts")
        body = ExpertsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.assign_experts(material, request.user, body.validated_data["experts"])
        return self.respond(material)

    @extend_schema(summary=gettext_lazy("Assign another expert in place of one who declined"),
                   request=ReplaceExpertSerializer,
                   responses={200: MaterialDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"], url_path="replace-expert")
    def replace_expert(self, request, pk=None):
        material = self.get_object()
        self.acting_on(material, "replace_expert")
        body = ReplaceExpertSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.replace_expert(material, request.user, body.validated_data["expert"])
        except TaskAlreadyDone:
            raise
        except DjangoValidationError as error:
            raise renamed_errors(error, lambda key: "expert" if key == "experts" else key) from error
        return self.respond(material)

    @extend_schema(summary=gettext_lazy("Decline the review (the expert), with a reason"), request=DeclineSerializer,
                   responses={200: MaterialDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        material = self.get_object()
        services.expert_task(material, request.user)  # 403 for anyone with no review to do, before the body
        body = DeclineSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.decline(material, request.user, body.validated_data["reason"])
        return self.respond(material)

    @extend_schema(summary=gettext_lazy("Submit the review (the expert)"), request=ReviewInputSerializer,
                   responses={200: MaterialDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        material = self.get_object()
        services.expert_task(material, request.user)  # 403 for anyone with no review to do, before the body
        body = ReviewInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            services.submit_review(material, request.user, data["scores"], data["text"], data["recommendation"])
        except TaskAlreadyDone:
            raise
        except DjangoValidationError as error:
            raise renamed_errors(error, score_path) from error
        return self.respond(material)

    @extend_schema(summary=gettext_lazy("Upload the revised version and send it back"),
                   request={"multipart/form-data": ReviseSerializer},
                   responses={200: MaterialDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        material = self.get_object()
        if material.author_id != request.user.pk or material.status not in (Status.REVISION, Status.RETURNED):
            raise PermissionDenied(_("Only the author revises a material returned to them."))
        body = ReviseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.revise(material, request.user, body.validated_data["files"]))

    @extend_schema(summary=gettext_lazy("The expertise criteria of your municipality"),
                   responses={200: CriterionSerializer(many=True), **error_responses(401)})
    @action(detail=False, methods=["get"], pagination_class=None)
    def criteria(self, request):
        municipality = municipality_of(request.user)
        found = services.criteria(municipality) if municipality is not None else []
        return Response(CriterionSerializer(found, many=True).data)


def municipality_of(user) -> Municipality | None:
    if user.organisation_id:
        return user.organisation.municipality
    assignment = (RoleAssignment.objects.active().filter(user=user, municipality__isnull=False)
                  .select_related("municipality").first())
    return assignment.municipality if assignment else None


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


class BankViewSet(viewsets.GenericViewSet):
    """The public bank of practices: no sign-in to search and read it."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    queryset = Material.objects.none()
    serializer_class = PracticeSerializer
    pagination_class = ValidatedPagination
    lookup_value_converter = "int"

    @extend_schema(summary=gettext_lazy("Search the bank of practices"), parameters=[BankQuerySerializer],
                   responses={200: PracticeSerializer(many=True), **error_responses(400, 404)}, auth=[])
    def list(self, request):
        query = BankQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = self.paginate_queryset(search_bank(query.validated_data))
        return self.get_paginated_response(PracticeSerializer(page, many=True,
                                                              context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("A practice of the bank"),
                   responses={200: PracticeDetailSerializer, **error_responses(404)}, auth=[])
    def retrieve(self, request, pk=None):
        practice = get_object_or_404(published_materials(), pk=pk)
        return Response(PracticeDetailSerializer(practice, context=self.get_serializer_context()).data)
