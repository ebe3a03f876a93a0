"""The API's representations of visits, their schedules, recommendations and consultations, and the bodies
of their actions. The bodies only parse: the services validate and name the field."""
from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.models import Organisation, User
from workflows.api_fields import (
    NamedChoiceField,
    PersonSerializer,
    RefSerializer,
    absolute,
)

from .models import Consultation, Recommendation, Visit, VisitSchedule


class Linked(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())


class ScheduleSerializer(Linked):
    municipality = RefSerializer()
    approved_by = PersonSerializer(allow_null=True)
    visits = serializers.IntegerField(source="visits.count", read_only=True)

    class Meta:
        model = VisitSchedule
        fields = ["id", "municipality", "year", "note", "approved_by", "approved_at", "visits", "url"]
        read_only_fields = fields


class VisitRecommendationSerializer(Linked):
    organisation = RefSerializer()
    visit = serializers.PrimaryKeyRelatedField(read_only=True)
    status = NamedChoiceField(choices=Recommendation.Status.choices, enum_name="VisitRecommendationStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    created_by = PersonSerializer()
    executed_by = PersonSerializer(allow_null=True)
    is_overdue = serializers.BooleanField()

    class Meta:
        model = Recommendation
        fields = ["id", "visit", "organisation", "text", "due_on", "status", "status_display", "is_overdue",
                  "created_by", "created_at", "execution", "executed_by", "executed_at", "url"]
        read_only_fields = fields


class VisitSerializer(Linked):
    organisation = RefSerializer()
    municipality = RefSerializer(source="schedule.municipality")
    schedule = serializers.PrimaryKeyRelatedField(read_only=True)
    year = serializers.IntegerField(source="schedule.year")
    reason = NamedChoiceField(choices=Visit.Reason.choices, enum_name="VisitReasonEnum")
    reason_display = serializers.CharField(source="get_reason_display")
    status = NamedChoiceField(choices=Visit.Status.choices, enum_name="VisitStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    methodists = PersonSerializer(many=True)

    class Meta:
        model = Visit
        fields = ["id", "schedule", "year", "municipality", "organisation", "reason", "reason_display", "purpose",
                  "planned_on", "methodists", "status", "status_display", "visited_on", "url"]
        read_only_fields = fields


class VisitDetailSerializer(VisitSerializer):
    reported_by = PersonSerializer(allow_null=True)
    recommendations = VisitRecommendationSerializer(many=True)

    class Meta(VisitSerializer.Meta):
        fields = [*VisitSerializer.Meta.fields, "findings", "report", "reported_by", "reported_at", "cancel_reason",
                  "recommendations"]
        read_only_fields = fields


class PlanVisitSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), help_text=gettext_lazy(
        "The school visited, of a municipality where you plan visits."))
    reason = serializers.ChoiceField(choices=Visit.Reason.choices, default=Visit.Reason.LOW_RESULTS)
    purpose = serializers.CharField(max_length=500)
    planned_on = serializers.DateField(help_text=gettext_lazy(
        "In the current academic year or later; it picks the year's schedule."))
    methodists = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.all(), help_text=gettext_lazy(
        "Methodists or tutors of the municipality who go."))


class VisitRecommendationInputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    due_on = serializers.DateField(allow_null=True)


class ReportVisitSerializer(serializers.Serializer):
    visited_on = serializers.DateField(help_text=gettext_lazy("The day of the visit: today or before."))
    findings = serializers.CharField(allow_blank=True)
    report = serializers.CharField(required=False, default="", allow_blank=True)
    recommendations = VisitRecommendationInputSerializer(many=True, required=False, default=list, help_text=(
        gettext_lazy("Recommendations addressed to the visited organisation; its directors are told.")))


class CancelVisitSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text=gettext_lazy("Why the visit does not take place."))


class ExecutionSerializer(serializers.Serializer):
    execution = serializers.CharField(allow_blank=True, help_text=gettext_lazy("What the organisation did."))


class ConsultationSerializer(Linked):
    municipality = RefSerializer()
    organisation = RefSerializer(allow_null=True)
    audience = NamedChoiceField(choices=Consultation.Audience.choices, enum_name="ConsultationAudienceEnum")
    audience_display = serializers.CharField(source="get_audience_display")
    form = NamedChoiceField(choices=Consultation.Form.choices, enum_name="ConsultationFormEnum")
    form_display = serializers.CharField(source="get_form_display")
    consulted_by = PersonSerializer()
    people = PersonSerializer(many=True)
    visit = serializers.PrimaryKeyRelatedField(read_only=True)
    follows_course = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "municipality", "audience", "audience_display", "topic", "form", "form_display", "held_at",
                  "consulted_by", "organisation", "people", "whom", "attendees", "visit", "follows_course", "notes",
                  "url"]
        read_only_fields = fields
