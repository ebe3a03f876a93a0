"""The REST API of a competition's rounds for the jury and the committee: open a round, a juror's sheet (read,
save, submit), close a round, its results — the same services and rules as the pages: a round of a
competition you may not see is 404, the committee's actions 403 before the body, no score of a round shown
before it closes, every write refused (409 `scores_frozen`) once the results are approved."""
from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.permissions import may
from workflows.api_fields import NamedChoiceField, PersonSerializer, RefSerializer

from .jury import exclusions, is_committee, open_round
from .models import Round
from .results import close_round, juror_deviations, round_table
from .scores import juror_round_or_404, progress, save_scores, sheet


class RoundCriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    name = serializers.CharField()
    max_score = serializers.IntegerField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)


class JuryRoundSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    competition = serializers.IntegerField(source="competition_id")
    position = serializers.IntegerField()
    name = serializers.CharField()
    status = NamedChoiceField(choices=Round.Status.choices, enum_name="RoundStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    criteria = RoundCriterionSerializer(many=True, source="criteria.all")


class EntryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    contestant = PersonSerializer(source="nominee")
    organisation = RefSerializer()


class ScoreSheetRowSerializer(serializers.Serializer):
    assignment = serializers.IntegerField(source="assignment.pk")
    entry = EntryRefSerializer()
    scores = serializers.DictField(child=serializers.IntegerField(), help_text=gettext_lazy(
        "Scores saved so far, by criterion id."))
    submitted = serializers.BooleanField()


class ScoreSheetInputSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()), required=False, default=dict,
        help_text=gettext_lazy("By assignment id, the scores by criterion id: whole numbers from 0 to the "
                               "criterion's maximum. Cells left out keep what was saved."))
    submit = serializers.BooleanField(required=False, default=False, help_text=gettext_lazy(
        "Hand the sheet in: every criterion of every contestant scored; no change after that."))


class JurorConflictSerializer(serializers.Serializer):
    entry = serializers.IntegerField()
    juror = PersonSerializer()
    reason = serializers.CharField()
    replacement = PersonSerializer(allow_null=True)


class RoundOpeningSerializer(serializers.Serializer):
    assigned = serializers.IntegerField(help_text=gettext_lazy("Scoring assignments made."))
    conflicts = JurorConflictSerializer(many=True)


class RoundResultRowSerializer(serializers.Serializer):
    entry = EntryRefSerializer()
    score = serializers.DecimalField(max_digits=9, decimal_places=2)
    rank = serializers.IntegerField()
    tied = serializers.BooleanField()
    tie_break_note = serializers.CharField()
    advanced = serializers.BooleanField()


class JurorDeviationSerializer(serializers.Serializer):
    juror = PersonSerializer()
    deviation = serializers.DecimalField(max_digits=9, decimal_places=2, help_text=gettext_lazy(
        "Mean absolute difference between the juror's totals and the panel's mean."))
    scored = serializers.IntegerField()
    flagged = serializers.BooleanField()


class JurorProgressSerializer(serializers.Serializer):
    juror = PersonSerializer()
    submitted = serializers.IntegerField()
    assigned = serializers.IntegerField()


class RoundResultsSerializer(serializers.Serializer):
    status = NamedChoiceField(choices=Round.Status.choices, enum_name="RoundStatusEnum")
    rows = RoundResultRowSerializer(many=True, help_text=gettext_lazy("Empty until the round is closed."))
    deviations = JurorDeviationSerializer(many=True, help_text=gettext_lazy("For the committee, once closed."))
    progress = JurorProgressSerializer(many=True, help_text=gettext_lazy("For the committee, while scored."))
    exclusions = JurorConflictSerializer(many=True, help_text=gettext_lazy("For the committee."))


def excluded_rows(round_: Round) -> list[dict]:
    return [{"entry": row.object_id, "juror": row.expert, "reason": row.decline_reason,
             "replacement": row.replacement.expert if row.replacement else None} for row in exclusions(round_)]


class RoundViewSet(viewsets.GenericViewSet):
    """/api/competition-rounds/{id}/: a round with its criteria, and the jury's and committee's actions on it."""

    queryset = Round.objects.select_related("competition")
    serializer_class = JuryRoundSerializer
    lookup_value_converter = "int"
    pagination_class = None
    http_method_names = ["get", "post", "head", "options"]

    def get_object(self) -> Round:
        round_ = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if round_ is None or not may(self.request.user, "view", round_.competition):
            raise Http404(_("Not found."))
        return round_

    @extend_schema(summary=gettext_lazy("A round of a competition with its criteria"),
                   responses={200: JuryRoundSerializer, **error_responses(401, 404)})
    def retrieve(self, request, pk=None):
        return Response(JuryRoundSerializer(self.get_object()).data)

    @extend_schema(summary=gettext_lazy("Open the round for scoring (the committee)"), request=None,
                   responses={200: RoundOpeningSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"], url_path="open")
    def open(self, request, pk=None):
        opening = open_round(self.get_object(), request.user)
        return Response(RoundOpeningSerializer({"assigned": opening.assigned, "conflicts": [
            {"entry": entry.pk, "juror": juror, "reason": reason, "replacement": replacement}
            for entry, juror, reason, replacement in opening.conflicts]}).data)

    @extend_schema(methods=["get"], summary=gettext_lazy("My scoring sheet of the round (a juror)"),
                   responses={200: ScoreSheetRowSerializer(many=True), **error_responses(401, 404)})
    @extend_schema(methods=["post"], summary=gettext_lazy("Save or submit my scores of the round (a juror)"),
                   request=ScoreSheetInputSerializer,
                   responses={200: ScoreSheetRowSerializer(many=True), **error_responses(400, 401, 404, 409)})
    @action(detail=True, methods=["get", "post"])
    def sheet(self, request, pk=None):
        round_ = juror_round_or_404(request.user, self.get_object())
        if request.method == "GET":
            return Response(ScoreSheetRowSerializer(sheet(round_, request.user), many=True).data)
        body = ScoreSheetInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rows = save_scores(round_, request.user, body.validated_data["scores"],
                           submit=body.validated_data["submit"])
        return Response(ScoreSheetRowSerializer(rows, many=True).data)

    @extend_schema(summary=gettext_lazy("Close the round and compute its results (the committee)"), request=None,
                   responses={200: RoundResultRowSerializer(many=True), **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        round_ = self.get_object()
        close_round(round_, request.user)
        return Response(RoundResultRowSerializer(round_table(round_), many=True).data, status=status.HTTP_200_OK)

    @extend_schema(summary=gettext_lazy("The round's results: none before it closes"),
                   responses={200: RoundResultsSerializer, **error_responses(401, 404)})
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        round_ = self.get_object()
        committee = is_committee(request.user, round_.competition)
        closed = round_.status == Round.Status.CLOSED
        return Response(RoundResultsSerializer({
            "status": round_.status,
            "rows": round_table(round_) if closed else [],
            "deviations": juror_deviations(round_) if closed and committee else [],
            "progress": [{"juror": juror, "submitted": done, "assigned": total}
                         for juror, done, total in progress(round_)] if committee and not closed else [],
            "exclusions": excluded_rows(round_) if committee else [],
        }).data)

