"""The REST API of orders: the journal a person may read, a draft (create, change), signing, a correction and
the print form. Thin: `orders.services` decide, with the rules of the pages (`orders.rules`), asked before a
body is read.
"""
from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.permissions import may, visible_or_404
from workflows.pagination import ValidatedPagination
from workflows.services import CaseConflict, Refused

from . import selectors, services
from .models import Order
from .pdf import order_pdf
from .rules import action_for, may_change
from .serializers import JournalQuerySerializer, OrderDetailSerializer, OrderInputSerializer, OrderSerializer

DETAIL_RELATED = ("municipality", "signatory", "prepared_by", "issuer", "corrects")


class OrderViewSet(viewsets.GenericViewSet):
    """Orders of the department of education that you may read."""

    lookup_value_converter = "int"
    queryset = Order.objects.all()
    pagination_class = ValidatedPagination
    serializer_class = OrderSerializer

    def get_object(self) -> Order:
        return visible_or_404(self.request.user, "view", Order.objects.select_related(*DETAIL_RELATED),
                              pk=self.kwargs["pk"])

    def respond(self, order: Order, code: int = status.HTTP_200_OK) -> Response:
        order = Order.objects.select_related(*DETAIL_RELATED).prefetch_related(
            "items__organisation", "items__content_type", "corrections").get(pk=order.pk)
        return Response(OrderDetailSerializer(order, context=self.get_serializer_context()).data, status=code)

    def body(self, order: Order | None = None) -> dict:
        body = OrderInputSerializer(data=self.request.data, partial=order is not None,
                                    municipalities=selectors.municipalities_to_prepare(self.request.user))
        body.is_valid(raise_exception=True)
        return dict(body.validated_data)

    @extend_schema(summary=gettext_lazy("The journal of orders you may read"), parameters=[JournalQuerySerializer],
                   responses={200: OrderSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        query = JournalQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        orders = selectors.journal(request.user, selectors.JournalFilter(
            year=data.get("year"), subject=data.get("subject", ""), status=data.get("status", ""),
            search=data.get("q", "").strip()))
        page = self.paginate_queryset(orders)
        return self.get_paginated_response(OrderSerializer(page, many=True, context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("An order with its items"),
                   responses={200: OrderDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Draft an order (the municipality's officer or methodist)"),
                   request=OrderInputSerializer, responses={201: OrderDetailSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        if not selectors.municipalities_to_prepare(request.user):
            raise Refused(_("You may not prepare orders of this municipality."), "not_allowed")
        data = self.body()
        order = services.draft_order(prepared_by=request.user, **data)
        return self.respond(order, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Change a draft order; items sent replace all its items"),
                   request=OrderInputSerializer(partial=True),
                   responses={200: OrderDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    def partial_update(self, request: Request, pk=None) -> Response:
        order = self.refuse_unless_draft(self.get_object(), "edit", _("You may not change this order."))
        return self.respond(services.update_draft(order, request.user, **self.body(order)))

    @extend_schema(summary=gettext_lazy("Sign a draft order (the municipality's officer)"), request=None,
                   responses={200: OrderDetailSerializer, **error_responses(401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk=None) -> Response:
        order = self.refuse_unless_draft(self.get_object(), "sign", _("You may not sign this order."))
        return self.respond(services.sign_order(order, request.user))

    @extend_schema(summary=gettext_lazy("Draft a correction of a signed order: a new draft citing it"),
                   request=None, responses={201: OrderDetailSerializer, **error_responses(401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk=None) -> Response:
        order = self.get_object()
        if not may(request.user, action_for(order, "prepare"), order):
            raise Refused(_("You may not prepare orders of this municipality."), "not_allowed")
        return self.respond(services.correct_order(order, request.user), status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("The order's print form (PDF)"), responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description=gettext_lazy(
            "The order in the usual layout; a draft is marked «Проект».")), **error_responses(401, 404)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def pdf(self, request: Request, pk=None) -> HttpResponse:
        order = self.get_object()
        response = HttpResponse(order_pdf(order), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="order-{order.pk}.pdf"'
        return response

    def refuse_unless_draft(self, order: Order, action_name: str, refused: str) -> Order:
        """403 unless the person's role allows `action_name`; 409 once the order is signed."""
        if may_change(self.request.user, action_name, order):
            return order
        if order.is_signed and may(self.request.user, action_for(order, action_name), order):
            raise CaseConflict(_("The order is already signed: a correction is a new order."), code="signed")
        raise Refused(refused, "not_allowed")
