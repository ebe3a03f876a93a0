"""The REST representations of competitions and their rounds, and the set-up bodies the API accepts."""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.models import User
from workflows.api_fields import NamedChoiceField, PersonSerializer, RefSerializer

from .models import Aggregation, Competition, Level, Round, RoundCriterion, TieBreak


class RoundCriterionSetupSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoundCriterion
        fields = ["id", "position", "name", "max_score", "weight"]
        read_only_fields = fields


class RoundSetupSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(choices=Round.Kind.choices, enum_name="RoundKindEnum", read_only=True)
    status = NamedChoiceField(choices=Round.Status.choices, enum_name="RoundStatusEnum", read_only=True)
    criteria = RoundCriterionSetupSerializer(many=True, read_only=True)
    jury = PersonSerializer(many=True, read_only=True)

    class Meta:
        model = Round
        fields = ["id", "position", "name", "kind", "status", "starts_on", "ends_on", "place", "advance_top",
                  "advance_threshold", "criteria", "jury"]
        read_only_fields = fields


class CompetitionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:competition-detail")
    level = NamedChoiceField(choices=Level.choices, enum_name="CompetitionLevelEnum", read_only=True)
    status = NamedChoiceField(choices=Competition.Status.choices, enum_name="CompetitionStatusEnum", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    municipality = RefSerializer(read_only=True)
    aggregation = NamedChoiceField(choices=Aggregation.choices, enum_name="AggregationEnum", read_only=True)
    tie_break = NamedChoiceField(choices=TieBreak.choices, enum_name="TieBreakEnum", read_only=True)
    nominations = RefSerializer(many=True, read_only=True)
    rounds = RoundSetupSerializer(many=True, read_only=True)

    class Meta:
        model = Competition
        fields = ["id", "url", "name", "level", "year", "municipality", "status", "status_display", "description",
                  "nominations_open_on", "nominations_deadline", "self_nomination", "young_teachers_only", "max_age",
                  "min_tenure_years", "max_tenure_years", "positions", "aggregation", "tie_break", "winners",
                  "prize_winners", "next_level", "nominations", "rounds"]
        read_only_fields = fields


class CompetitionInputSerializer(serializers.ModelSerializer):
    """A competition's settings; `nominations`, `committee` and `jury` sent replace them."""

    level = NamedChoiceField(choices=Level.choices, enum_name="CompetitionLevelEnum", required=False)
    aggregation = NamedChoiceField(choices=Aggregation.choices, enum_name="AggregationEnum", required=False)
    tie_break = NamedChoiceField(choices=TieBreak.choices, enum_name="TieBreakEnum", required=False)
    positions = serializers.ListField(child=serializers.CharField(max_length=200), required=False,
                                      help_text=gettext_lazy("Positions admitted; empty: any."))
    nominations = serializers.ListField(child=serializers.CharField(max_length=300), required=False,
                                        help_text=gettext_lazy("The nominations' names."))
    committee = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.filter(is_active=True),
                                                   required=False, help_text=gettext_lazy(
                                                       "Ids of the organising committee's members."))
    jury = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.filter(is_active=True),
                                              required=False, help_text=gettext_lazy("Ids of the jury's members."))

    class Meta:
        model = Competition
        fields = ["name", "level", "year", "municipality", "description", "nominations_open_on",
                  "nominations_deadline", "self_nomination", "young_teachers_only", "max_age", "min_tenure_years",
                  "max_tenure_years", "positions", "aggregation", "tie_break", "winners", "prize_winners",
                  "next_level", "nominations", "committee", "jury"]


class RoundCriterionSetupInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    max_score = serializers.IntegerField(min_value=1, max_value=1000)
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=Decimal("0.01"), required=False,
                                      default=Decimal("1"))


class RoundInputSerializer(serializers.ModelSerializer):
    """A round: its form, schedule, cut-off, its criteria (replacing earlier ones) and its jury."""

    kind = NamedChoiceField(choices=Round.Kind.choices, enum_name="RoundKindEnum")
    criteria = RoundCriterionSetupInputSerializer(many=True, allow_empty=False)
    jury = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.filter(is_active=True), required=False,
                                              default=list, help_text=gettext_lazy(
                                                  "Ids of the competition's jury members judging the round."))

    class Meta:
        model = Round
        fields = ["name", "kind", "starts_on", "ends_on", "place", "advance_top", "advance_threshold", "criteria",
                  "jury"]
