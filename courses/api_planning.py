"""The REST API of the course needs and plans: /api/course-needs/ (the needs with the page's filters; a
school submits, changes and deletes its own) and /api/course-plans/ (the plans; the methodist consolidates
the year's and chooses a line's programme). Thin: the same selectors, services and rules as the pages."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.models import Municipality, Organisation, User
from accounts.permissions import may, visible, visible_or_404
from workflows.api_fields import (
    HistoryRecordSerializer,
    NamedChoiceField,
    PersonSerializer,
    RefSerializer,
    absolute,
)
from workflows.pagination import ValidatedPagination

from . import planning
from .api import CourseSerializer, RegisterViewSet, history_response, register_schema
from .models import Course, CourseNeed, CoursePlan, CoursePlanItem, Focus
from .selectors import (
    municipalities_in_scope,
    need_rows,
    plan_items,
    visible_needs,
    visible_plans,
)


class CourseNeedSerializer(serializers.ModelSerializer):
    organisation = RefSerializer()
    municipality = RefSerializer()
    focus = NamedChoiceField(choices=Focus.choices, enum_name="CourseFocusEnum")
    focus_display = serializers.CharField(source="get_focus_display")
    people = PersonSerializer(many=True)
    comment = serializers.SerializerMethodField()
    submitted_by = PersonSerializer()

    class Meta:
        model = CourseNeed
        fields = ["id", "organisation", "municipality", "year", "focus", "focus_display", "topic", "teachers_count",
                  "people", "comment", "submitted_by", "submitted_at"]
        read_only_fields = fields

    def get_comment(self, need: CourseNeed) -> str | None:
        return need.comment or None


class CourseNeedInputSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), help_text=gettext_lazy(
        "Your organisation."))
    year = serializers.IntegerField(help_text=gettext_lazy("This year or a later one."))
    focus = NamedChoiceField(choices=Focus.choices, enum_name="CourseFocusEnum")
    topic = serializers.CharField(min_length=1, max_length=300)
    teachers_count = serializers.IntegerField(required=False, allow_null=True, default=None, help_text=gettext_lazy(
        "How many teachers; left out, the number of those named."))
    people = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), many=True, required=False, default=list,
                                                help_text=gettext_lazy("Named teachers of the organisation."))
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class CourseNeedChangeSerializer(CourseNeedInputSerializer):
    organisation = None


NEED_FILTERS = [
    OpenApiParameter("municipality", int, description=gettext_lazy("A municipality of your scope.")),
    OpenApiParameter("organisation", int, description=gettext_lazy("An organisation of your scope.")),
    OpenApiParameter("year", int),
    OpenApiParameter("focus", str, enum=Focus.values),
    OpenApiParameter("q", str, description=gettext_lazy("Words of the topic or the organisation's name.")),
]


@register_schema(CourseNeedSerializer, rows=gettext_lazy("Course needs you may see"), row=gettext_lazy("A course need"),
                 history=gettext_lazy("Who changed what in a course need"), filters=NEED_FILTERS)
class NeedViewSet(RegisterViewSet):
    """The schools' course needs you may see; a school's director or methodical lead submits its own."""

    serializer_class = CourseNeedSerializer
    rows = staticmethod(need_rows)
    visible_rows = staticmethod(visible_needs)

    @extend_schema(summary=gettext_lazy("Submit a course need of your organisation"), request=CourseNeedInputSerializer,
                   responses={201: CourseNeedSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        if not planning.need_organisations(request.user):
            raise PermissionDenied(_("You may not submit course needs of this organisation."))
        body = CourseNeedInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        people = data.pop("people")
        need = planning.submit_need(request.user, CourseNeed(**data), people)
        return self.respond(need, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Change a course need"), request=CourseNeedChangeSerializer,
                   responses={200: CourseNeedSerializer, **error_responses(400, 401, 403, 404)})
    def partial_update(self, request: Request, pk=None) -> Response:
        need = self.get_object()
        if not may(request.user, "change", need):
            raise PermissionDenied(_("You may not change this need."))
        body = CourseNeedChangeSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        people = data.pop("people", None)
        for name, value in data.items():
            setattr(need, name, value)
        return self.respond(planning.submit_need(request.user, need, need.people.all() if people is None else people))

    @extend_schema(summary=gettext_lazy("Delete a course need"),
                   responses={204: None, **error_responses(401, 403, 404)})
    def destroy(self, request: Request, pk=None) -> Response:
        planning.delete_need(request.user, self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class CoursePlanItemSerializer(serializers.ModelSerializer):
    focus = NamedChoiceField(choices=Focus.choices, enum_name="CourseFocusEnum")
    focus_display = serializers.CharField(source="get_focus_display")
    organisations = serializers.SerializerMethodField()
    course = CourseSerializer(allow_null=True)

    class Meta:
        model = CoursePlanItem
        fields = ["id", "focus", "focus_display", "topic", "teachers_count", "organisations_count", "organisations",
                  "course"]
        read_only_fields = fields

    def get_organisations(self, item: CoursePlanItem) -> list[str]:
        return sorted({need.organisation.short_name for need in item.needs.all()})


class CoursePlanSerializer(serializers.ModelSerializer):
    municipality = RefSerializer()
    consolidated_by = PersonSerializer()
    note = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = CoursePlan
        fields = ["id", "municipality", "year", "note", "consolidated_by", "consolidated_at", "url"]
        read_only_fields = fields

    def get_note(self, plan: CoursePlan) -> str | None:
        return plan.note or None

    def get_url(self, plan: CoursePlan) -> str:
        return absolute(self.context.get("request"), plan.get_absolute_url())


class CoursePlanDetailSerializer(CoursePlanSerializer):
    items = serializers.SerializerMethodField()

    class Meta(CoursePlanSerializer.Meta):
        fields = [*CoursePlanSerializer.Meta.fields, "items"]
        read_only_fields = fields

    def get_items(self, plan: CoursePlan) -> list[dict]:
        return CoursePlanItemSerializer(plan_items(plan), many=True, context=self.context).data


class CoursePlanConsolidateSerializer(serializers.Serializer):
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all(), help_text=gettext_lazy(
        "Your municipality."))
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    note = serializers.CharField(required=False, allow_null=True, default=None, allow_blank=True)


class CoursePlanChoiceSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text=gettext_lazy("A line of the plan."))
    course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.select_related("provider"), allow_null=True)


class PlanViewSet(viewsets.GenericViewSet):
    """The municipalities' course plans you may see, consolidated from the schools' needs."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = CoursePlanSerializer

    def get_queryset(self) -> QuerySet:
        return visible_plans(self.request.user)

    def get_object(self) -> CoursePlan:
        return visible_or_404(self.request.user, "view", self.get_queryset(), pk=self.kwargs["pk"])

    def respond(self, plan: CoursePlan, code: int = status.HTTP_200_OK) -> Response:
        plan = self.get_queryset().get(pk=plan.pk)
        return Response(CoursePlanDetailSerializer(plan, context={"request": self.request}).data, status=code)

    @extend_schema(summary=gettext_lazy("Course plans you may see"),
                   responses={200: CoursePlanSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CoursePlanSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A course plan with its lines"),
                   responses={200: CoursePlanDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Consolidate the year's course plan from the schools' needs (the methodist)"),
                   request=CoursePlanConsolidateSerializer,
                   responses={200: CoursePlanDetailSerializer, **error_responses(400, 401, 403)})
    @action(detail=False, methods=["post"])
    def consolidate(self, request: Request) -> Response:
        if not visible(request.user, "consolidate_course_plan", municipalities_in_scope(request.user)).exists():
            raise PermissionDenied(_("Only the municipality's methodist consolidates its course plan."))
        body = CoursePlanConsolidateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        return self.respond(planning.consolidate_plan(request.user, data["municipality"], data["year"], data["note"]))

    @extend_schema(summary=gettext_lazy("Choose the programme of a line of the plan (the methodist)"),
                   request=CoursePlanChoiceSerializer,
                   responses={200: CoursePlanDetailSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def choose(self, request: Request, pk=None) -> Response:
        plan = self.get_object()
        if not may(request.user, "change", plan):
            raise PermissionDenied(_("Only the municipality's methodist changes its course plan."))
        body = CoursePlanChoiceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = plan.items.select_related("plan__municipality").filter(pk=body.validated_data["item"]).first()
        if item is None:
            raise exceptions.ValidationError({"item": [_("No such line in this plan.")]})
        planning.choose_course(request.user, item, body.validated_data["course"])
        return self.respond(plan)

    @extend_schema(summary=gettext_lazy("Who changed what in a course plan"),
                   responses={200: HistoryRecordSerializer(many=True), **error_responses(401, 403, 404)})
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk=None) -> Response:
        return history_response(request.user, self.get_object())
