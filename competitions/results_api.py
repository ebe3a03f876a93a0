"""The REST API of a competition's results: the overall ranking with each round's score and the protocol,
drafting and approving the protocol, forwarding a winner (the committee), and the register of participants
— the same services and rules as the pages (a competition you may not see is 404, the committee's actions
403 before the body, 409 `scores_frozen` once approved)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.permissions import visible_or_404
from workflows.api_fields import NamedChoiceField, PersonSerializer
from workflows.pagination import ValidatedPagination

from .jury import require_committee
from .jury_api import EntryRefSerializer
from .models import Competition, Entry, Level, Placement, ResultsProtocol
from .participants import participants
from .protocol import approve_protocol, forward_winner, save_protocol
from .results import final_table


class ResultsProtocolSerializer(serializers.Serializer):
    number = serializers.CharField()
    date = serializers.DateField()
    text = serializers.CharField()
    status = NamedChoiceField(choices=ResultsProtocol.Status.choices, enum_name="ResultsProtocolStatusEnum")
    approved_by = PersonSerializer(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)


class ResultsProtocolInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40, help_text=gettext_lazy("The protocol's number."))
    date = serializers.DateField()
    text = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000,
                                 help_text=gettext_lazy("The committee's decision."))


class FinalRankingRowSerializer(serializers.Serializer):
    entry = EntryRefSerializer()
    rounds = serializers.ListField(child=serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True),
                                   help_text=gettext_lazy("The score of each round in order; null where the "
                                                          "contestant did not take part."))
    total = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    placement = NamedChoiceField(choices=Placement.choices, enum_name="PlacementEnum")


class CompetitionResultsSerializer(serializers.Serializer):
    competition = serializers.IntegerField(source="competition.pk")
    status = NamedChoiceField(choices=Competition.Status.choices, source="competition.status",
                              enum_name="CompetitionStatusEnum")
    ranking = FinalRankingRowSerializer(many=True)
    protocol = ResultsProtocolSerializer(allow_null=True)


class ForwardWinnerInputSerializer(serializers.Serializer):
    entry = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=gettext_lazy(
        "The winner's entry."))


class ForwardedEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    competition = serializers.IntegerField(source="competition_id")
    status = serializers.CharField()


class CompetitionResultsViewSet(viewsets.GenericViewSet):
    """/api/competition-results/{competition id}/."""

    queryset = Competition.objects.all()
    serializer_class = CompetitionResultsSerializer
    lookup_value_converter = "int"
    pagination_class = None
    http_method_names = ["get", "post", "head", "options"]

    def get_object(self) -> Competition:
        return visible_or_404(self.request.user, "view", Competition, pk=self.kwargs["pk"])

    def answer(self, competition: Competition) -> Response:
        protocol = ResultsProtocol.objects.filter(competition=competition).select_related("approved_by").first()
        return Response(CompetitionResultsSerializer({
            "competition": competition, "ranking": final_table(competition), "protocol": protocol}).data)

    @extend_schema(summary=gettext_lazy("The competition's overall ranking and its results protocol"),
                   responses={200: CompetitionResultsSerializer, **error_responses(401, 404)})
    def retrieve(self, request, pk=None):
        return self.answer(self.get_object())

    @extend_schema(summary=gettext_lazy("Draw up the results protocol or change its draft (the committee)"),
                   request=ResultsProtocolInputSerializer,
                   responses={200: CompetitionResultsSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def protocol(self, request, pk=None):
        competition = self.get_object()
        require_committee(request.user, competition)
        body = ResultsProtocolInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        save_protocol(competition, request.user, number=data["number"], date_=data["date"], text=data["text"])
        return self.answer(competition)

    @extend_schema(summary=gettext_lazy("Approve the results protocol: the scores are frozen (the committee)"),
                   request=None,
                   responses={200: CompetitionResultsSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        competition = self.get_object()
        approve_protocol(competition, request.user)
        return self.answer(competition)

    @extend_schema(summary=gettext_lazy("Forward a winner to the next level's competition (the committee)"),
                   request=ForwardWinnerInputSerializer,
                   responses={201: ForwardedEntrySerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        competition = self.get_object()
        require_committee(request.user, competition)
        body = ForwardWinnerInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        entry = visible_or_404(request.user, "view", Entry.objects.filter(competition=competition),
                               pk=body.validated_data["entry"])
        return Response(ForwardedEntrySerializer(forward_winner(entry, request.user)).data, status=201)


class ParticipantSerializer(serializers.Serializer):
    entry = EntryRefSerializer(source="*")
    competition = serializers.IntegerField(source="competition_id")
    competition_name = serializers.CharField(source="competition.name")
    year = serializers.IntegerField(source="competition.year")
    level = NamedChoiceField(choices=Level.choices, source="competition.level", enum_name="CompetitionLevelEnum")
    rank = serializers.IntegerField(allow_null=True)
    placement = serializers.CharField(help_text=gettext_lazy("winner, prize_winner, participant; empty before "
                                                             "the results."))
    total = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    prepared_by = PersonSerializer(allow_null=True)


FILTERS = [
    OpenApiParameter("year", int, description=gettext_lazy("The competition's year.")),
    OpenApiParameter("level", str, enum=Level.values),
    OpenApiParameter("competition", int),
    OpenApiParameter("organisation", int),
    OpenApiParameter("placement", str, enum=Placement.values),
]


class ParticipantViewSet(viewsets.GenericViewSet):
    """/api/competition-participants/: the register of participants across years and levels."""

    serializer_class = ParticipantSerializer
    pagination_class = ValidatedPagination
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return participants(self.request.user, self.request.query_params)

    @extend_schema(summary=gettext_lazy("The register of participants you may see"), parameters=FILTERS,
                   responses={200: ParticipantSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ParticipantSerializer(page, many=True).data)
