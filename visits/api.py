"""The REST API of visits: /api/visits/ (the list with the page's filters, a visit, planning, the report,
a further recommendation, the cancelling), /api/visit-schedules/ (the year's schedules, their approval) and
/api/visit-recommendations/ (the recommendations a person may see, the school's execution report). Thin:
the same selectors, services and rules (`visits.rules`) as the pages, the rule asked before the body is read."""
from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.permissions import may, visible_or_404
from workflows.pagination import ValidatedPagination
from workflows.services import Refused

from . import selectors, services
from .models import Recommendation, Visit, VisitSchedule
from .serializers import (
    CancelVisitSerializer,
    ExecutionSerializer,
    PlanVisitSerializer,
    VisitRecommendationInputSerializer,
    VisitRecommendationSerializer,
    ReportVisitSerializer,
    ScheduleSerializer,
    VisitDetailSerializer,
    VisitSerializer,
)

SCOPE_FILTERS = [OpenApiParameter("municipality", int, description=gettext_lazy("A municipality of your scope.")),
                 OpenApiParameter("organisation", int, description=gettext_lazy("A school of your scope."))]


def filtered(form, rows: QuerySet) -> QuerySet:
    """The rows, or a 400 naming the filters that are wrong."""
    if form.is_bound and not form.is_valid():
        raise exceptions.ValidationError({field: [str(error) for error in errors]
                                          for field, errors in form.errors.items()}, code="invalid")
    return rows


def body(serializer_class, request: Request) -> dict:
    parsed = serializer_class(data=request.data)
    parsed.is_valid(raise_exception=True)
    return dict(parsed.validated_data)


class VisitViewSet(viewsets.GenericViewSet):
    """Methodical visits you may see."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = VisitSerializer

    def get_object(self) -> Visit:
        return visible_or_404(self.request.user, "view", Visit.objects.select_related(
            "organisation", "schedule__municipality", "reported_by"), pk=self.kwargs["pk"])

    def respond(self, visit: Visit, code: int = status.HTTP_200_OK) -> Response:
        visit = Visit.objects.select_related("organisation", "schedule__municipality", "reported_by").prefetch_related(
            "methodists", "recommendations__organisation", "recommendations__created_by",
            "recommendations__executed_by").get(pk=visit.pk)
        return Response(VisitDetailSerializer(visit, context={"request": self.request}).data, status=code)

    def refuse_unless(self, visit: Visit, action_name: str, message: str) -> Visit:
        if not may(self.request.user, action_name, visit):
            raise Refused(message, "not_allowed")
        return visit

    @extend_schema(summary=gettext_lazy("Methodical visits"), parameters=[*SCOPE_FILTERS,
                   OpenApiParameter("year", int, description=gettext_lazy(
                       "The academic year (from): 2026 for 2026/2027.")),
                   OpenApiParameter("reason", str, enum=Visit.Reason.values),
                   OpenApiParameter("status", str, enum=Visit.Status.values),
                   OpenApiParameter("q", str, description=gettext_lazy("Words of the purpose or the findings."))],
                   responses={200: VisitSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        form, visits = selectors.visit_rows(request.user, request.query_params)
        page = self.paginate_queryset(filtered(form, visits).prefetch_related("methodists"))
        return self.get_paginated_response(VisitSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A visit with its report and recommendations"),
                   responses={200: VisitDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Plan a visit in the year's schedule (the municipality's methodist)"),
                   request=PlanVisitSerializer, responses={201: VisitDetailSerializer,
                                                           **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        if not any(may(request.user, "plan_visits", municipality)
                   for municipality in selectors.municipalities_in_scope(request.user)):
            raise Refused(_("You may not plan visits in this municipality."), "not_allowed")
        return self.respond(services.plan_visit(request.user, **body(PlanVisitSerializer, request)),
                            status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Report the visit with its findings and recommendations (a methodist)"),
                   request=ReportVisitSerializer,
                   responses={200: VisitDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk=None) -> Response:
        visit = self.refuse_unless(self.get_object(), "report", _("You may not report this visit."))
        return self.respond(services.report_visit(visit, request.user, **body(ReportVisitSerializer, request)))

    @extend_schema(summary=gettext_lazy("A further recommendation of a reported visit (a methodist)"),
                   request=VisitRecommendationInputSerializer,
                   responses={201: VisitRecommendationSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def recommend(self, request: Request, pk=None) -> Response:
        visit = self.refuse_unless(self.get_object(), "recommend", _("You may not give recommendations on this visit."))
        recommendation = services.recommend(visit, request.user, **body(VisitRecommendationInputSerializer, request))
        return Response(VisitRecommendationSerializer(recommendation, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Cancel a planned visit (a methodist)"), request=CancelVisitSerializer,
                   responses={200: VisitDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk=None) -> Response:
        visit = self.refuse_unless(self.get_object(), "cancel", _("You may not cancel this visit."))
        return self.respond(services.cancel_visit(visit, request.user, **body(CancelVisitSerializer, request)))


class VisitScheduleViewSet(viewsets.GenericViewSet):
    """The municipalities' schedules of methodical visits, one an academic year."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = ScheduleSerializer

    def get_queryset(self) -> QuerySet:
        return selectors.schedules_in_scope(self.request.user).order_by("municipality__name", "-year")

    @extend_schema(summary=gettext_lazy("Schedules of methodical visits"),
                   responses={200: ScheduleSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ScheduleSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A schedule of methodical visits"),
                   responses={200: ScheduleSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        schedule = visible_or_404(request.user, "view", self.get_queryset(), pk=pk)
        return Response(ScheduleSerializer(schedule, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("Approve the schedule (the municipality's officer)"), request=None,
                   responses={200: ScheduleSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk=None) -> Response:
        schedule = visible_or_404(request.user, "view", VisitSchedule, pk=pk)
        services.approve_schedule(schedule, request.user)
        return self.retrieve(request, pk=pk)


class RecommendationViewSet(viewsets.GenericViewSet):
    """Addressed recommendations of methodical visits you may see; the school reports their execution."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = VisitRecommendationSerializer

    def get_object(self) -> Recommendation:
        return visible_or_404(self.request.user, "view", selectors.visible_recommendations(self.request.user)
                              .select_related("created_by"), pk=self.kwargs["pk"])

    @extend_schema(summary=gettext_lazy("Addressed recommendations"), parameters=[
        *SCOPE_FILTERS, OpenApiParameter("status", str, enum=[*Recommendation.Status.values, "overdue"])],
                   responses={200: VisitRecommendationSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        form, rows = selectors.recommendation_rows(request.user, request.query_params)
        page = self.paginate_queryset(filtered(form, rows).select_related("created_by"))
        data = VisitRecommendationSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)

    @extend_schema(summary=gettext_lazy("An addressed recommendation"),
                   responses={200: VisitRecommendationSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return Response(VisitRecommendationSerializer(self.get_object(), context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("Report what was done (the director of the organisation addressed)"),
                   request=ExecutionSerializer,
                   responses={200: VisitRecommendationSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def execute(self, request: Request, pk=None) -> Response:
        recommendation = self.get_object()
        if not may(request.user, "execute", recommendation):
            raise Refused(_("You may not report on this recommendation."), "not_allowed")
        services.report_execution(recommendation, request.user, **body(ExecutionSerializer, request))
        return self.retrieve(request, pk=pk)
