"""The REST API of diagnostics: the records a person may see with their deficits and recommendations, a new
record (a teacher's own, or a methodist's for a teacher of the municipality), a methodist's recommendation,
and the import of a provider's results. Thin: the services of `routes.diagnostics` and
`routes.diagnostics_import` decide, with the rules of the diagnostics pages (`routes.rules`).
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.models import Municipality
from accounts.permissions import may, visible, visible_or_404
from workflows.api_fields import NamedChoiceField, PersonSerializer
from workflows.pagination import ValidatedPagination

from . import diagnostics as services
from .diagnostics_import import import_diagnostics_xlsx
from .models import CompetenceArea, Deficit, Diagnostics, Recommendation


def area_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=CompetenceArea.choices, enum_name="CompetenceAreaEnum", **kwargs)


class DeficitSerializer(serializers.ModelSerializer):
    area = area_field()

    class Meta:
        model = Deficit
        fields = ["id", "area", "title", "description", "severity"]
        read_only_fields = ["id"]


class RecommendationSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = fields


class DiagnosticsSerializer(serializers.ModelSerializer):
    teacher = PersonSerializer(read_only=True)
    entered_by = PersonSerializer(read_only=True)
    competence_areas = serializers.ListField(child=area_field())
    deficits = DeficitSerializer(many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = Diagnostics
        fields = ["id", "teacher", "organisation", "entered_by", "date", "provider", "competence_areas", "notes",
                  "source", "created_at", "updated_at", "deficits", "recommendations"]
        read_only_fields = fields


class DiagnosticsInputSerializer(serializers.ModelSerializer):
    """A new diagnostics with its deficits; `teacher` left out: your own."""

    teacher = serializers.PrimaryKeyRelatedField(queryset=Diagnostics.objects.none(), required=False)
    competence_areas = serializers.ListField(child=area_field(), allow_empty=False)
    deficits = DeficitSerializer(many=True, required=False, default=list, help_text=gettext_lazy(
        "The deficits found, each in one of the areas assessed."))

    class Meta:
        model = Diagnostics
        fields = ["teacher", "date", "provider", "competence_areas", "notes", "deficits"]
        validators: list = []  # one record per teacher, date and provider: `save_diagnostics` checks it
    def __init__(self, *args, teachers: QuerySet | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if teachers is not None:
            self.fields["teacher"].queryset = teachers


class RecommendationInputSerializer(serializers.Serializer):
    text = serializers.CharField(min_length=1)


class ImportSerializer(serializers.Serializer):
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.none(), help_text=gettext_lazy(
        "The municipality whose teachers the file names."))
    file = serializers.FileField(help_text=gettext_lazy("The provider's XLSX sheet, one deficit a row."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["municipality"].queryset = Municipality.objects.filter(
                pk__in=[municipality.pk for municipality in services.import_municipalities(user)])


class ImportResultSerializer(serializers.Serializer):
    batch = serializers.UUIDField()
    diagnostics = serializers.IntegerField(help_text=gettext_lazy("How many diagnostics were created."))
    deficits = serializers.IntegerField()


class DiagnosticsViewSet(viewsets.GenericViewSet):
    """Diagnostics of teachers' professional deficits that you may see."""

    lookup_value_converter = "int"
    queryset = Diagnostics.objects.all()
    pagination_class = ValidatedPagination
    serializer_class = DiagnosticsSerializer

    def get_queryset(self) -> QuerySet:
        return visible(self.request.user, "view", Diagnostics.objects.all()).select_related(
            "teacher", "entered_by").prefetch_related("deficits", "recommendations__author").order_by("-date", "-pk")

    def get_object(self) -> Diagnostics:
        return visible_or_404(self.request.user, "view", self.get_queryset(), pk=self.kwargs["pk"])

    def respond(self, diagnostics: Diagnostics, code: int = status.HTTP_200_OK) -> Response:
        return Response(DiagnosticsSerializer(self.get_queryset().get(pk=diagnostics.pk)).data, status=code)

    @extend_schema(summary=gettext_lazy("Diagnostics you may see"),
                   responses={200: DiagnosticsSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(DiagnosticsSerializer(page, many=True).data)

    @extend_schema(summary=gettext_lazy("A diagnostics with its deficits and recommendations"),
                   responses={200: DiagnosticsSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Record a diagnostics with its deficits"), request=DiagnosticsInputSerializer,
                   responses={201: DiagnosticsSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        teachers = services.teachers_for_entry(request.user, Diagnostics)
        if not teachers.exists():
            raise PermissionDenied(_("You may not record diagnostics."))
        body = DiagnosticsInputSerializer(data=request.data, teachers=teachers)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        deficits = [Deficit(**deficit) for deficit in data.pop("deficits")]
        data["teacher"] = data.get("teacher") or request.user
        if not teachers.filter(pk=data["teacher"].pk).exists():
            raise exceptions.ValidationError({"teacher": [_("Choose the teacher.")]}, code="required")
        diagnostics = services.save_diagnostics(Diagnostics(**data), request.user, deficits)
        return self.respond(diagnostics, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Write recommendations on a diagnostics (the methodist)"),
                   request=RecommendationInputSerializer,
                   responses={200: DiagnosticsSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def recommendations(self, request: Request, pk=None) -> Response:
        diagnostics = self.get_object()
        if not may(request.user, "recommend", diagnostics):
            raise PermissionDenied(_("Only the municipal methodist writes recommendations."))
        body = RecommendationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.add_recommendation(diagnostics, request.user, body.validated_data["text"])
        return self.respond(diagnostics)

    @extend_schema(summary=gettext_lazy("Import a provider's results (the methodist)"),
                   request={"multipart/form-data": ImportSerializer},
                   responses={201: ImportResultSerializer, **error_responses(400, 401, 403)})
    @action(detail=False, methods=["post"], url_path="import")
    def import_results(self, request: Request) -> Response:
        if not services.import_municipalities(request.user):
            raise PermissionDenied(_("Only the municipal methodist imports providers' results."))
        body = ImportSerializer(data=request.data, user=request.user)
        body.is_valid(raise_exception=True)
        result = import_diagnostics_xlsx(body.validated_data["file"], body.validated_data["municipality"],
                                         request.user)
        if not result.ok:
            raise exceptions.ValidationError({"file": result.errors}, code="invalid")
        return Response(ImportResultSerializer({"batch": result.batch, "diagnostics": len(result.created),
                                                "deficits": result.deficit_count}).data,
                        status=status.HTTP_201_CREATED)
