"""The REST API of internships: /api/internship-programmes/ (find, draw up, publish, apply) and
/api/internships/ (read, agree, decline, accept, complete, withdraw, link to an ИОМ activity).

Thin: `platforms.internships` decides, with the rules of the pages (`rules_internships`), asked before the
body is read: who may not take a step is told 403 whatever they send, and what they may not see is 404.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.permissions import may
from workflows.pagination import ValidatedPagination

from . import internships as services
from . import internships_selectors as selectors
from .internships_serializers import (
    InternshipApplySerializer, InternshipCompleteSerializer, InternshipDeclineSerializer, InternshipFilterSerializer,
    InternshipLinkSerializer, InternshipSerializer, InternshipProgrammeFilterSerializer, InternshipProgrammeInputSerializer,
    InternshipProgrammeSerializer,
)
from .models import Internship, InternshipProgramme
from .rules_internships import may_apply, may_view

STEP = error_responses(400, 401, 403, 404, 409)


class InternshipProgrammeViewSet(viewsets.GenericViewSet):
    """Internship programmes of sites: every published one, and the drafts of your site and municipality."""

    lookup_value_converter = "int"
    queryset = InternshipProgramme.objects.all()
    pagination_class = ValidatedPagination
    serializer_class = InternshipProgrammeSerializer

    def get_queryset(self) -> QuerySet:
        return selectors.programmes_for(self.request.user)

    def get_object(self) -> InternshipProgramme:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def respond(self, programme: InternshipProgramme, code: int = status.HTTP_200_OK) -> Response:
        programme = self.get_queryset().get(pk=programme.pk)
        return Response(InternshipProgrammeSerializer(programme, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary=gettext_lazy("Internship programmes, with the places left"),
                   parameters=[InternshipProgrammeFilterSerializer],
                   responses={200: InternshipProgrammeSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        filters = InternshipProgrammeFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        programmes = selectors.filter_programmes(self.get_queryset(), **filters.validated_data)
        page = self.paginate_queryset(programmes)
        return self.get_paginated_response(InternshipProgrammeSerializer(page, many=True,
                                                               context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("An internship programme"),
                   responses={200: InternshipProgrammeSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Draw up a programme of your site (its director or curator)"),
                   request=InternshipProgrammeInputSerializer,
                   responses={201: InternshipProgrammeSerializer, **error_responses(400, 401, 403, 409)})
    def create(self, request: Request) -> Response:
        sites = selectors.sites_for_programmes(request.user)
        if not sites.exists():
            raise PermissionDenied(_("Only the site's director or curator publishes its programmes."))
        body = InternshipProgrammeInputSerializer(data=request.data, sites=sites)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        publish = data.pop("publish", False)
        programme = services.save_programme(InternshipProgramme(**data), request.user)
        if publish:
            services.publish_programme(programme, request.user)
        return self.respond(programme, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Change a programme of your site"), request=InternshipProgrammeInputSerializer,
                   responses={200: InternshipProgrammeSerializer, **error_responses(400, 401, 403, 404, 409)})
    def partial_update(self, request: Request, pk=None) -> Response:
        programme = self.get_object()
        if not may(request.user, "manage", programme):
            raise PermissionDenied(_("Only the site's director or curator changes its programmes."))
        body = InternshipProgrammeInputSerializer(programme, data=request.data, partial=True, sites=None)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        publish = data.pop("publish", False) and not programme.published
        for name, value in data.items():
            setattr(programme, name, value)
        services.save_programme(programme, request.user)
        if publish:
            services.publish_programme(programme, request.user)
        return self.respond(programme)

    @extend_schema(summary=gettext_lazy("Publish a programme: teachers may apply"), request=None,
                   responses={200: InternshipProgrammeSerializer, **error_responses(401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk=None) -> Response:
        programme = self.get_object()
        return self.respond(services.publish_programme(programme, request.user))

    @extend_schema(summary=gettext_lazy("Apply for the internship (a teacher of another organisation)"),
                   request=InternshipApplySerializer, responses={201: InternshipSerializer, **STEP})
    @action(detail=True, methods=["post"])
    def apply(self, request: Request, pk=None) -> Response:
        programme = self.get_object()
        if not may_apply(request.user, programme):
            raise PermissionDenied(_("Only a teacher of another organisation applies for the site's internship."))
        body = InternshipApplySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        internship = services.apply(programme, request.user, body.validated_data["motivation"])
        return Response(InternshipSerializer(selectors.internship_queryset().get(pk=internship.pk),
                                             context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


class InternshipViewSet(viewsets.GenericViewSet):
    """Internships you may see: your own, your organisation's and municipality's, and those at your site."""

    lookup_value_converter = "int"
    queryset = Internship.objects.all()
    pagination_class = ValidatedPagination
    serializer_class = InternshipSerializer

    def get_queryset(self) -> QuerySet:
        return selectors.internships_for(self.request.user).order_by("-created_at", "-pk")

    def get_object(self) -> Internship:
        internship = get_object_or_404(selectors.internship_queryset(), pk=self.kwargs["pk"])
        if not may_view(self.request.user, internship):
            raise Http404(_("Not found."))
        return internship

    def step(self, request: Request, action_name: str, body_class=None) -> Response:
        internship = self.get_object()
        if not services.may_act(internship, request.user, action_name):
            raise PermissionDenied(_("You may not take this step."))
        data = {}
        if body_class is not None:
            body = body_class(data=request.data, context={"teacher": request.user})
            body.is_valid(raise_exception=True)
            data = body.validated_data
        step = {
            "agree": lambda: services.agree(internship, request.user),
            "accept": lambda: services.accept(internship, request.user),
            "withdraw": lambda: services.withdraw(internship, request.user),
            "decline": lambda: services.decline(internship, request.user, data["reason"]),
            "complete": lambda: services.complete(internship, request.user, data["outcome"], data.get("note", "")),
            "link": lambda: services.link_activity(internship, request.user, data["activity"]),
        }[action_name]
        step()
        return self.respond(internship)

    def respond(self, internship: Internship) -> Response:
        internship = selectors.internship_queryset().get(pk=internship.pk)
        return Response(InternshipSerializer(internship, context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("Internships you may see"), parameters=[InternshipFilterSerializer],
                   responses={200: InternshipSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        filters = InternshipFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        internships = {
            "all": self.get_queryset,
            "mine": lambda: selectors.my_internships(request.user),
            "agreement": lambda: selectors.awaiting_agreement(request.user),
            "site": lambda: selectors.awaiting_site(request.user),
        }[filters.validated_data.get("list") or "all"]()
        if programme := filters.validated_data.get("programme"):
            internships = internships.filter(programme_id=programme)
        page = self.paginate_queryset(internships)
        return self.get_paginated_response(InternshipSerializer(page, many=True,
                                                                context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("An internship with who took each step and when"),
                   responses={200: InternshipSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Agree to your teacher's internship (their director)"), request=None,
                   responses={200: InternshipSerializer, **STEP})
    @action(detail=True, methods=["post"])
    def agree(self, request: Request, pk=None) -> Response:
        return self.step(request, "agree")

    @extend_schema(summary=gettext_lazy("Decline an application, with the reason (the teacher's director before "
                                        "agreement, the site's director after)"),
                   request=InternshipDeclineSerializer, responses={200: InternshipSerializer, **STEP})
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk=None) -> Response:
        return self.step(request, "decline", InternshipDeclineSerializer)

    @extend_schema(summary=gettext_lazy("Accept the teacher on the programme (the site's director)"), request=None,
                   responses={200: InternshipSerializer, **STEP})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk=None) -> Response:
        return self.step(request, "accept")

    @extend_schema(summary=gettext_lazy("Record the outcome after the programme (the site's director)"),
                   request=InternshipCompleteSerializer, responses={200: InternshipSerializer, **STEP})
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk=None) -> Response:
        return self.step(request, "complete", InternshipCompleteSerializer)

    @extend_schema(summary=gettext_lazy("Withdraw your application before the site accepts it"), request=None,
                   responses={200: InternshipSerializer, **STEP})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk=None) -> Response:
        return self.step(request, "withdraw")

    @extend_schema(summary=gettext_lazy("Link your completed internship to an activity of your ИОМ (null: unlink)"),
                   request=InternshipLinkSerializer, responses={200: InternshipSerializer, **STEP})
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk=None) -> Response:
        return self.step(request, "link", InternshipLinkSerializer)
