"""Serializers of the mentoring API: a pair as read, the body of a proposal, the body of an end."""
from __future__ import annotations

from rest_framework import serializers

from accounts.models import User
from workflows.api_fields import NamedChoiceField

from orders.models import Order
from orders.serializers import status_field

from .models import Mentorship


class PersonField(serializers.PrimaryKeyRelatedField):
    def __init__(self, **kwargs):
        super().__init__(queryset=User.objects.filter(is_active=True), **kwargs)


class MentorshipSerializer(serializers.ModelSerializer):
    mentor_name = serializers.CharField(source="mentor.get_full_name", read_only=True)
    mentee_name = serializers.CharField(source="mentee.get_full_name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    kind = NamedChoiceField(choices=Mentorship.Kind.choices, enum_name="MentorshipKindEnum", read_only=True)
    status = NamedChoiceField(choices=Mentorship.Status.choices, enum_name="MentorshipStatusEnum", read_only=True)
    result = NamedChoiceField(choices=Mentorship.Result.choices, enum_name="MentorshipResultEnum", read_only=True)

    class Meta:
        model = Mentorship
        fields = ["id", "organisation", "mentor", "mentor_name", "mentee", "mentee_name", "kind", "kind_display",
                  "competence", "starts_on", "ends_on", "status", "status_display", "order", "ended_on",
                  "end_reason", "result", "evaluation", "evaluated_by", "evaluated_at"]
        read_only_fields = fields


class ProposeSerializer(serializers.Serializer):
    mentor = PersonField()
    mentee = PersonField()
    kind = NamedChoiceField(choices=Mentorship.Kind.choices, enum_name="MentorshipKindEnum")
    competence = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class EndSerializer(serializers.Serializer):
    ended_on = serializers.DateField()
    end_reason = serializers.CharField(max_length=500)
    result = NamedChoiceField(choices=Mentorship.Result.choices, enum_name="MentorshipResultEnum")
    evaluation = serializers.CharField()


class IssueSerializer(serializers.Serializer):
    pairs = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    date = serializers.DateField()
    number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DraftedOrderSerializer(serializers.ModelSerializer):
    """The drafted order: sign it at /api/orders/{id}/sign/."""

    status = status_field(read_only=True)

    class Meta:
        model = Order
        fields = ["id", "number", "date", "status", "title"]
        read_only_fields = fields
