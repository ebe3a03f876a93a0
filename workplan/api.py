"""The REST API of the work plan: /api/work-plans/ (the plans you may see, a plan with the analysis of its
execution, drawing up, approval, the analysis) and /api/plan-items/ (the items with the page's filters, an
item, adding, editing, the report on it). Thin: the same selectors, services and rules as the pages."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.models import User
from accounts.permissions import may, visible_or_404
from workflows.pagination import ValidatedPagination

from . import selectors, services
from .indicators import Indicator
from .models import PlanItem, Section, WorkPlan
from .serializers import (
    AnalysisSerializer,
    ItemReportSerializer,
    ItemSerializer,
    ItemWriteSerializer,
    PlanCreateSerializer,
    PlanDetailSerializer,
    PlanSerializer,
)

ITEM_FILTERS = [
    OpenApiParameter("municipality", int, description=gettext_lazy("A municipality of your scope.")),
    OpenApiParameter("year", int),
    OpenApiParameter("section", str, enum=Section.values),
    OpenApiParameter("status", str, enum=PlanItem.Status.values),
    OpenApiParameter("indicator", str, enum=Indicator.values),
    OpenApiParameter("overdue", bool, description=gettext_lazy("Only open items past their deadline.")),
    OpenApiParameter("mine", bool, description=gettext_lazy("Only the items you answer for.")),
    OpenApiParameter("q", str, description=gettext_lazy("Words of the item or its result, or a surname.")),
]


def invalid(form) -> exceptions.ValidationError:
    return exceptions.ValidationError({name: [str(error) for error in errors] for name, errors in form.errors.items()},
                                      code="invalid")


def responsible_in(plan: WorkPlan, pk: int | None) -> User | None:
    """The person `pk` names if an item of the plan may name them; None otherwise (the service says why)."""
    return selectors.people_to_name(plan).filter(pk=pk).first() if pk is not None else None


class WorkPlanViewSet(viewsets.GenericViewSet):
    """The work plans of the municipalities you may see."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = PlanSerializer

    def get_queryset(self) -> QuerySet:
        return selectors.visible_plans(self.request.user)

    def get_object(self) -> WorkPlan:
        return visible_or_404(self.request.user, "view", WorkPlan.objects.select_related(
            "municipality", "approved_by", "analysed_by"), pk=self.kwargs["pk"])

    def respond(self, plan: WorkPlan, status: int = 200) -> Response:
        sections, total = selectors.execution(plan)
        plan.execution, plan.total = sections, total
        return Response(PlanDetailSerializer(plan, context={"request": self.request}).data, status=status)

    @extend_schema(summary=gettext_lazy("Work plans you may see"),
                   responses={200: PlanSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(PlanSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A work plan with the analysis of its execution"),
                   responses={200: PlanDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Draw up a municipality's work plan for a year (methodist, officer)"),
                   request=PlanCreateSerializer,
                   responses={201: PlanDetailSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        if not selectors.municipalities_to_plan(request.user):
            raise PermissionDenied(_("You may not draw up this municipality's work plan."))
        body = PlanCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        municipality = selectors.municipalities_in_scope(request.user).filter(pk=data["municipality"]).first()
        if municipality is None or not may(request.user, "plan_work", municipality):
            raise exceptions.ValidationError({"municipality": [_("Choose a municipality whose plan you draw up.")]})
        plan = services.draw_up_plan(request.user, municipality, year=data["year"], title=data["title"])
        return self.respond(plan, status=201)

    @extend_schema(summary=gettext_lazy("Add an item to a work plan (methodist, officer)"),
                   request=ItemWriteSerializer, responses={201: ItemSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def items(self, request: Request, pk=None) -> Response:
        plan = self.get_object()
        if not may(request.user, "edit", plan):
            raise PermissionDenied(_("You may not change this work plan."))
        body = ItemWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = {**body.validated_data, "responsible": responsible_in(plan, body.validated_data["responsible"])}
        item = services.add_item(plan, request.user, **data)
        return Response(ItemSerializer(item, context={"request": request}).data, status=201)

    @extend_schema(summary=gettext_lazy("Approve the work plan (the officer)"), request=None,
                   responses={200: PlanDetailSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk=None) -> Response:
        return self.respond(services.approve_plan(self.get_object(), request.user))

    @extend_schema(summary=gettext_lazy("Write the analysis of the plan's execution (methodist, officer)"),
                   request=AnalysisSerializer,
                   responses={200: PlanDetailSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def analysis(self, request: Request, pk=None) -> Response:
        plan = self.get_object()
        if not may(request.user, "analyse", plan):
            raise PermissionDenied(_("You may not write this plan's analysis."))
        body = AnalysisSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.write_analysis(plan, request.user, text=body.validated_data["analysis"]))


class PlanItemViewSet(viewsets.GenericViewSet):
    """The items of the work plans you may see: what is done, by when, by whom, its status and result."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = ItemSerializer

    def get_queryset(self) -> QuerySet:
        form, items = selectors.item_rows(self.request.user, self.request.query_params)
        if self.action == "list" and self.request.query_params and not form.is_valid():
            raise invalid(form)
        return items

    def get_object(self) -> PlanItem:
        return visible_or_404(self.request.user, "view", PlanItem.objects.select_related(
            "plan__municipality", "responsible", "closed_by"), pk=self.kwargs["pk"])

    def respond(self, item: PlanItem, status: int = 200) -> Response:
        item = PlanItem.objects.select_related("plan__municipality", "responsible", "closed_by").get(pk=item.pk)
        return Response(ItemSerializer(item, context={"request": self.request}).data, status=status)

    @extend_schema(summary=gettext_lazy("Work plan items you may see"), parameters=ITEM_FILTERS,
                   responses={200: ItemSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ItemSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A work plan item"), responses={200: ItemSerializer,
                                                                      **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Change an open item of a plan not yet approved (methodist, officer)"),
                   request=ItemWriteSerializer,
                   responses={200: ItemSerializer, **error_responses(400, 401, 403, 404, 409)})
    def partial_update(self, request: Request, pk=None) -> Response:
        item = self.get_object()
        if not may(request.user, "edit", item.plan):
            raise PermissionDenied(_("You may not change this work plan."))
        body = ItemWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if "responsible" in data:
            data["responsible"] = responsible_in(item.plan, data["responsible"])
        return self.respond(services.edit_item(item, request.user, **data))

    @extend_schema(summary=gettext_lazy("Report on an item: its status and result (the responsible person, "
                                        "methodist, officer)"),
                   request=ItemReportSerializer, responses={200: ItemSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk=None) -> Response:
        item = self.get_object()
        if not may(request.user, "report", item):
            raise PermissionDenied(_("You may not report on this plan item."))
        body = ItemReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.report_on_item(item, request.user, **body.validated_data))
