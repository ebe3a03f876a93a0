"""The REST API of mentoring pairs: /api/mentorships/ (the pairs you may see, filtered by kind and status; a
pair; proposing a pair, by the director; the end of a pair with its evaluation). Thin: the same selectors,
services and rules as the pages."""
from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.permissions import may, visible_or_404
from workflows.pagination import ValidatedPagination
from workflows.services import Refused

from . import selectors, services
from .models import Mentorship
from .serializers import EndSerializer, IssueSerializer, MentorshipSerializer, DraftedOrderSerializer, ProposeSerializer


class MentorshipViewSet(viewsets.GenericViewSet):
    """Mentoring pairs you may see: your organisation's, your own, your municipality's."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = MentorshipSerializer

    def get_queryset(self) -> QuerySet:
        params = self.request.query_params
        return selectors.visible_pairs(self.request.user, kind=params.get("kind", ""),
                                       status=params.get("status", ""))

    def get_object(self) -> Mentorship:
        return visible_or_404(self.request.user, "view", selectors.pairs_queryset(), pk=self.kwargs["pk"])

    def respond(self, pair: Mentorship, status: int = 200) -> Response:
        return Response(MentorshipSerializer(pair).data, status=status)

    @extend_schema(summary=gettext_lazy("Mentoring pairs you may see"), parameters=[
        OpenApiParameter("kind", str, enum=Mentorship.Kind.values),
        OpenApiParameter("status", str, enum=Mentorship.Status.values)],
        responses={200: MentorshipSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(MentorshipSerializer(page, many=True).data)

    @extend_schema(summary=gettext_lazy("A mentoring pair"),
                   responses={200: MentorshipSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Propose a pair of your organisation (the director)"),
                   request=ProposeSerializer, responses={201: MentorshipSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        organisations = selectors.organisations_to_propose(request.user)
        if not organisations:
            raise Refused(gettext_lazy("You may not propose the mentoring pairs of this organisation."),
                          "not_allowed")
        body = ProposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.propose_pair(request.user, organisations[0], **body.validated_data), 201)

    @extend_schema(summary=gettext_lazy("Draft your order setting proposed pairs of your organisation, for you to "
                                        "sign (the director)"),
                   request=IssueSerializer,
                   responses={201: DraftedOrderSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=False, methods=["post"], url_path="issue-order")
    def issue_order(self, request: Request) -> Response:
        organisations = selectors.organisations_to_propose(request.user)
        if not organisations:
            raise Refused(gettext_lazy("You may not issue the mentoring orders of this organisation."), "not_allowed")
        body = IssueSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        pairs = [visible_or_404(request.user, "view", Mentorship, pk=pk) for pk in data.pop("pairs")]
        order = services.issue_order(request.user, organisations[0], pairs, **data)
        return Response(DraftedOrderSerializer(order).data, status=201)

    @extend_schema(summary=gettext_lazy("End an active pair with the evaluation of its term (the director, "
                                        "the methodical lead)"),
                   request=EndSerializer,
                   responses={200: MentorshipSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk=None) -> Response:
        pair = self.get_object()
        if not may(request.user, "end", pair):
            raise Refused(gettext_lazy("You may not end this mentoring pair."), "not_allowed")
        body = EndSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.end_pair(pair, request.user, **body.validated_data))
