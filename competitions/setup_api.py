"""The REST API of competitions: their settings, rounds and opening for nominations, through
competitions.setup_services with the pages' rules (403 before the body; a competition you may not see is 404)."""
from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.api import error_responses
from workflows.pagination import ValidatedPagination

from . import setup_services as setup
from .models import Competition, Round
from .setup_serializers import CompetitionInputSerializer, CompetitionSerializer, RoundInputSerializer

REFUSED = gettext_lazy("Only the organising committee and the municipality's methodical centre set the competition up.")


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Competitions you may see"),
                       responses={200: CompetitionSerializer(many=True), **error_responses(400, 401, 404)}),
    retrieve=extend_schema(summary=gettext_lazy("A competition with its nominations, rounds, criteria and juries"),
                           responses={200: CompetitionSerializer, **error_responses(401, 404)}),
    create=extend_schema(summary=gettext_lazy("Set a competition up (the municipality's methodist)"),
                         request=CompetitionInputSerializer,
                         responses={201: CompetitionSerializer, **error_responses(400, 401, 403)}),
    partial_update=extend_schema(summary=gettext_lazy("Change a competition's settings (its committee)"),
                                 request=CompetitionInputSerializer,
                                 responses={200: CompetitionSerializer, **error_responses(400, 401, 403, 404)}),
)
class CompetitionViewSet(viewsets.GenericViewSet):
    queryset = Competition.objects.all()
    serializer_class = CompetitionSerializer
    pagination_class = ValidatedPagination
    lookup_value_converter = "int"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return setup.visible_competitions(self.request.user).prefetch_related(
            "nominations", "rounds__criteria", "rounds__jury").order_by("-year", "name", "pk")

    def get_object(self) -> Competition:
        competition = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if competition is None:
            raise Http404(_("Not found."))
        return competition

    def answer(self, competition: Competition, code: int = status.HTTP_200_OK) -> Response:
        competition = self.get_queryset().get(pk=competition.pk)
        return Response(CompetitionSerializer(competition, context=self.get_serializer_context()).data, status=code)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CompetitionSerializer(page, many=True,
                                                                 context=self.get_serializer_context()).data)

    def retrieve(self, request, pk=None):
        return self.answer(self.get_object())

    def create(self, request):
        if not setup.may_set_up(request.user):
            raise PermissionDenied(REFUSED)
        return self.saved(Competition(), status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        competition = self.get_object()
        if not setup.may_set_up(request.user, competition):
            raise PermissionDenied(REFUSED)
        return self.saved(competition, status.HTTP_200_OK, partial=True)

    def saved(self, competition: Competition, code: int, partial: bool = False) -> Response:
        body = CompetitionInputSerializer(competition, data=self.request.data, partial=partial)
        if competition.pk is None:
            body.fields["municipality"].queryset = setup.setting_up_municipalities(self.request.user)
        else:
            body.fields["municipality"].read_only = True
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        lists = {name: data.pop(name) for name in ("nominations", "committee", "jury") if name in data}
        for name, value in data.items():
            setattr(competition, name, value)
        return self.answer(setup.save_competition(competition, self.request.user, **lists), code)

    @extend_schema(summary=gettext_lazy("Add a round with its criteria and jury"), request=RoundInputSerializer,
                   responses={201: CompetitionSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def rounds(self, request, pk=None):
        competition = self.get_object()
        setup.refuse_unless_setting_up(request.user, competition)
        body = RoundInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        criteria = [setup.CriterionSpec(**item) for item in data.pop("criteria")]
        jury = data.pop("jury")
        setup.save_round(Round(competition=competition, **data), request.user, criteria=criteria, jury=jury)
        return self.answer(competition, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Open the competition for nominations"), request=None,
                   responses={200: CompetitionSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"], url_path="open")
    def open_nominations(self, request, pk=None):
        competition = self.get_object()
        return self.answer(setup.open_nominations(competition, request.user))
