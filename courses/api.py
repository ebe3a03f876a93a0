"""The REST API of the courses: /api/course-providers/ and /api/courses/ (the region's reference list) and
/api/course-completions/ (the completions with the page's filters; enter, correct, delete, history). Thin:
the same selectors, services and rules as the pages (`courses.rules`); the rules are asked before the body
is read."""
from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.models import User
from accounts.permissions import may, visible_or_404
from workflows.api_fields import (
    HistoryRecordSerializer,
    NamedChoiceField,
    PersonSerializer,
    RefSerializer,
    absolute,
)
from workflows.history import changes_of
from workflows.pagination import ValidatedPagination

from . import services
from .models import Course, CourseCompletion, Focus, Provider
from .selectors import (
    completion_rows,
    courses_for,
    follow_ups,
    providers_for,
    visible_completions,
)


def invalid_filter(form) -> exceptions.ValidationError:
    errors = {field: [str(error) for error in messages] for field, messages in form.errors.items()}
    return exceptions.ValidationError(errors, code="invalid")


def history_response(user, obj) -> Response:
    if not may(user, "view_history", obj):
        raise PermissionDenied(_("You may not see the history of this record."))
    return Response(HistoryRecordSerializer(changes_of(obj), many=True).data)


class CourseProviderSerializer(serializers.ModelSerializer):
    region = RefSerializer(read_only=True)
    kind = NamedChoiceField(choices=Provider.Kind.choices, enum_name="CourseProviderKindEnum")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    name = serializers.CharField(min_length=1, max_length=300)
    short_name = serializers.CharField(min_length=1, max_length=100)

    class Meta:
        model = Provider
        fields = ["id", "region", "name", "short_name", "kind", "kind_display", "active"]
        read_only_fields = ["id", "region", "kind_display"]


class ProviderViewSet(viewsets.GenericViewSet):
    """The course providers of your region; a methodist of the region adds them."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = CourseProviderSerializer

    def get_queryset(self) -> QuerySet:
        return providers_for(self.request.user).select_related("region").order_by("short_name", "pk")

    @extend_schema(summary=gettext_lazy("Course providers of your region"),
                   responses={200: CourseProviderSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CourseProviderSerializer(page, many=True).data)

    @extend_schema(summary=gettext_lazy("Add a course provider to your region's list (a methodist)"),
                   request=CourseProviderSerializer,
                   responses={201: CourseProviderSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        region = services.managed_region(request.user)
        if region is None:
            raise PermissionDenied(_("Only a methodist of the region keeps its list of course providers."))
        body = CourseProviderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        provider = services.save_provider(Provider(region=region, **body.validated_data), request.user)
        return Response(CourseProviderSerializer(provider).data, status=status.HTTP_201_CREATED)


class CourseSerializer(serializers.ModelSerializer):
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all())
    provider_name = serializers.CharField(source="provider.short_name", read_only=True)
    title = serializers.CharField(min_length=1, max_length=500)
    hours = serializers.IntegerField(help_text=gettext_lazy("From 1 to 1000."))
    focus = NamedChoiceField(choices=Focus.choices, enum_name="CourseFocusEnum")
    focus_display = serializers.CharField(source="get_focus_display", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = ["id", "provider", "provider_name", "title", "hours", "focus", "focus_display", "url"]
        read_only_fields = ["id", "provider_name", "focus_display", "url"]

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["provider"].queryset = providers_for(user).filter(active=True)

    def get_url(self, course: Course) -> str:
        return absolute(self.context.get("request"), course.get_absolute_url())


class CourseFollowUpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(source="__str__")


class CourseDetailSerializer(CourseSerializer):
    follow_up_events = serializers.SerializerMethodField()
    follow_up_consultations = serializers.SerializerMethodField()

    class Meta(CourseSerializer.Meta):
        fields = [*CourseSerializer.Meta.fields, "follow_up_events", "follow_up_consultations"]
        read_only_fields = fields

    def follow_ups(self, course: Course) -> tuple[list, list]:
        if not hasattr(self, "_follow_ups"):
            self._follow_ups = follow_ups(self.context["request"].user, course)
        return self._follow_ups

    def get_follow_up_events(self, course: Course) -> list[dict]:
        return CourseFollowUpSerializer(self.follow_ups(course)[0], many=True).data

    def get_follow_up_consultations(self, course: Course) -> list[dict]:
        return CourseFollowUpSerializer(self.follow_ups(course)[1], many=True).data


class CourseViewSet(viewsets.GenericViewSet):
    """The programmes of your region's providers, with the events and consultations following them up."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = CourseSerializer

    def get_queryset(self) -> QuerySet:
        return courses_for(self.request.user)

    @extend_schema(summary=gettext_lazy("Programmes of your region's course providers"),
                   responses={200: CourseSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CourseSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A programme with its post-course support"),
                   responses={200: CourseDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        course = self.get_queryset().filter(pk=pk).first()
        if course is None:
            raise exceptions.NotFound(_("Not found."))
        return Response(CourseDetailSerializer(course, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("Add a programme to the list (whoever enters completions in the region)"),
                   request=CourseSerializer, responses={201: CourseSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        if not services.may_add_course_somewhere(request.user):
            raise PermissionDenied(_("You may not add programmes of this provider."))
        body = CourseSerializer(data=request.data, user=request.user)
        body.is_valid(raise_exception=True)
        course = services.add_course(request.user, **body.validated_data)
        return Response(CourseSerializer(course, context={"request": request}).data, status=status.HTTP_201_CREATED)


class CourseCompletionSerializer(serializers.ModelSerializer):
    person = PersonSerializer()
    organisation = RefSerializer()
    municipality = RefSerializer()
    course = CourseSerializer()
    certificate_number = serializers.SerializerMethodField()
    certificate = serializers.SerializerMethodField()
    recorded_by = PersonSerializer()
    url = serializers.SerializerMethodField()

    class Meta:
        model = CourseCompletion
        fields = ["id", "person", "organisation", "municipality", "course", "starts_on", "ends_on",
                  "certificate_number", "certificate", "recorded_by", "recorded_at", "url"]
        read_only_fields = fields

    def get_certificate_number(self, completion: CourseCompletion) -> str | None:
        return completion.certificate_number or None

    def get_certificate(self, completion: CourseCompletion) -> str | None:
        if not hasattr(completion, "certificate"):
            return None
        return absolute(self.context.get("request"), reverse("courses:certificate", args=[completion.pk]))

    def get_url(self, completion: CourseCompletion) -> str:
        return absolute(self.context.get("request"), completion.get_absolute_url())


class NewCourseSerializer(serializers.Serializer):
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all())
    title = serializers.CharField(min_length=1, max_length=500)
    hours = serializers.IntegerField(help_text=gettext_lazy("From 1 to 1000."))
    focus = NamedChoiceField(choices=Focus.choices, enum_name="CourseFocusEnum")


class CourseCompletionInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), help_text=gettext_lazy(
        "The teacher; yourself, or a teacher whose courses you enter."))
    course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.all(), required=False, allow_null=True,
                                                default=None, help_text=gettext_lazy("A programme of the list."))
    new_course = NewCourseSerializer(required=False, allow_null=True, default=None, help_text=gettext_lazy(
        "A programme not in the list yet, added with the completion (when `course` is left out)."))
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    certificate_number = serializers.CharField(required=False, default="", allow_blank=True, max_length=100)
    certificate = serializers.FileField(required=False, allow_null=True, default=None, help_text=gettext_lazy(
        "The certificate's scan: PDF, JPEG or PNG (multipart only)."))


class CourseCompletionChangeSerializer(CourseCompletionInputSerializer):
    person = None
    new_course = None


FILTERS = [
    OpenApiParameter("municipality", int, description=gettext_lazy("A municipality of your scope.")),
    OpenApiParameter("organisation", int, description=gettext_lazy("An organisation of your scope.")),
    OpenApiParameter("year", int, description=gettext_lazy("The year the course ended.")),
    OpenApiParameter("focus", str, enum=Focus.values),
    OpenApiParameter("q", str, description=gettext_lazy("A surname, or words of the programme or provider.")),
]
BODY = {"application/json": CourseCompletionInputSerializer, "multipart/form-data": CourseCompletionInputSerializer}
CHANGE_BODY = {"application/json": CourseCompletionChangeSerializer,
               "multipart/form-data": CourseCompletionChangeSerializer}


class RegisterViewSet(viewsets.GenericViewSet):
    """A register's rows the person may see, with the page's filters (`rows(user, params)` gives the filter
    form and the rows, `visible_rows(user)` what they may see), a row and its history. A subclass words its
    operations with `extend_schema_view`."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    rows: Callable
    visible_rows: Callable

    def get_queryset(self) -> QuerySet:
        form, rows = type(self).rows(self.request.user, self.request.query_params)
        if self.action == "list" and self.request.query_params and not form.is_valid():
            raise invalid_filter(form)
        return rows

    def get_object(self):
        return visible_or_404(self.request.user, "view", type(self).visible_rows(self.request.user),
                              pk=self.kwargs["pk"])

    def respond(self, obj, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(type(self).visible_rows(self.request.user).get(pk=obj.pk)).data,
                        status=code)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk=None) -> Response:
        return history_response(request.user, self.get_object())


def register_schema(serializer: type[serializers.Serializer], *, rows: str, row: str, history: str,
                    filters: list[OpenApiParameter]) -> Callable:
    """The words of a register's list, row and history operations."""
    return extend_schema_view(
        list=extend_schema(summary=rows, parameters=filters, responses={200: serializer(many=True),
                                                                        **error_responses(400, 401, 404)}),
        retrieve=extend_schema(summary=row, responses={200: serializer, **error_responses(401, 404)}),
        history=extend_schema(summary=history, responses={200: HistoryRecordSerializer(many=True),
                                                          **error_responses(401, 403, 404)}))


@register_schema(CourseCompletionSerializer, rows=gettext_lazy("Course completions you may see"),
                 row=gettext_lazy("A course completion"), history=gettext_lazy(
                     "Who changed what in a course completion"), filters=FILTERS)
class CompletionViewSet(RegisterViewSet):
    """Course completions you may see: yours, your organisation's or your municipality's."""

    serializer_class = CourseCompletionSerializer
    rows = staticmethod(completion_rows)
    visible_rows = staticmethod(visible_completions)

    @extend_schema(summary=gettext_lazy("Enter a teacher's completed course"), request=BODY,
                   responses={201: CourseCompletionSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        if not services.may_record_somewhere(request.user):
            raise PermissionDenied(_("You may not enter courses of this teacher."))
        body = CourseCompletionInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        completion = services.record_completion(request.user, **data)
        return self.respond(completion, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Correct a course completion"), request=CHANGE_BODY,
                   responses={200: CourseCompletionSerializer, **error_responses(400, 401, 403, 404)})
    def partial_update(self, request: Request, pk=None) -> Response:
        completion = self.get_object()
        if not may(request.user, "change", completion):
            raise PermissionDenied(_("You may not change this record."))
        body = CourseCompletionChangeSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = {"course": completion.course, "starts_on": completion.starts_on, "ends_on": completion.ends_on,
                "certificate_number": completion.certificate_number, "certificate": None, **body.validated_data}
        if data["course"] is None:
            data["course"] = completion.course
        return self.respond(services.change_completion(request.user, completion, **data))

    @extend_schema(summary=gettext_lazy("Delete a course completion entered by mistake"),
                   responses={204: None, **error_responses(401, 403, 404)})
    def destroy(self, request: Request, pk=None) -> Response:
        services.delete_completion(request.user, self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
