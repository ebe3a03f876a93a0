"""The work plan's representations and request bodies for the API (`workplan.api`)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from workflows.api_fields import (
    BlankAsNullChoiceField,
    NamedChoiceField,
    PersonSerializer,
    RefSerializer,
    absolute,
)

from .indicators import Indicator
from .models import PlanItem, Section, WorkPlan


class ItemSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(read_only=True)
    municipality = RefSerializer(source="plan.municipality")
    year = serializers.IntegerField(source="plan.year")
    section = NamedChoiceField(choices=Section.choices, enum_name="PlanSectionEnum")
    section_display = serializers.CharField(source="get_section_display")
    responsible = PersonSerializer()
    indicator = BlankAsNullChoiceField(choices=Indicator.choices, allow_null=True)
    indicator_display = serializers.SerializerMethodField()
    status = NamedChoiceField(choices=PlanItem.Status.choices, enum_name="PlanItemStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    result = serializers.SerializerMethodField()
    closed_by = PersonSerializer(allow_null=True)
    is_overdue = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = PlanItem
        fields = ["id", "plan", "municipality", "year", "number", "section", "section_display", "title", "deadline",
                  "responsible", "indicator", "indicator_display", "status", "status_display", "result",
                  "closed_on", "closed_by", "is_overdue", "url"]
        read_only_fields = fields

    def get_indicator_display(self, item: PlanItem) -> str | None:
        return item.get_indicator_display() if item.indicator else None

    def get_result(self, item: PlanItem) -> str | None:
        return item.result or None

    def get_url(self, item: PlanItem) -> str:
        return absolute(self.context.get("request"), item.get_absolute_url())


class ExecutionSerializer(serializers.Serializer):
    label = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    not_done = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    done_share = serializers.IntegerField(allow_null=True, help_text=gettext_lazy("Per cent of the items done."))


class PlanSerializer(serializers.ModelSerializer):
    municipality = RefSerializer()
    approved_by = PersonSerializer(allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = WorkPlan
        fields = ["id", "municipality", "year", "title", "approved_by", "approved_at", "url"]
        read_only_fields = fields

    def get_url(self, plan: WorkPlan) -> str:
        return absolute(self.context.get("request"), plan.get_absolute_url())


class PlanDetailSerializer(PlanSerializer):
    analysis = serializers.SerializerMethodField()
    analysed_by = PersonSerializer(allow_null=True)
    execution = ExecutionSerializer(many=True, help_text=gettext_lazy("Per section of the roadmap."))
    total = ExecutionSerializer(help_text=gettext_lazy("The whole plan."))

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "analysis", "analysed_by", "analysed_at", "execution", "total"]
        read_only_fields = fields

    def get_analysis(self, plan: WorkPlan) -> str | None:
        return plan.analysis or None


class PlanCreateSerializer(serializers.Serializer):
    municipality = serializers.IntegerField(help_text=gettext_lazy("A municipality whose plan you draw up."))
    year = serializers.IntegerField()
    title = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)


class AnalysisSerializer(serializers.Serializer):
    analysis = serializers.CharField(help_text=gettext_lazy("The analysis of the plan's execution, in words."))


class ItemWriteSerializer(serializers.Serializer):
    section = NamedChoiceField(choices=Section.choices, enum_name="PlanSectionEnum")
    title = serializers.CharField(max_length=1000, help_text=gettext_lazy("What is done."))
    deadline = serializers.DateField(help_text=gettext_lazy("Within the plan's year."))
    responsible = serializers.IntegerField(help_text=gettext_lazy("A person of the plan's municipality."))
    indicator = serializers.ChoiceField(choices=Indicator.choices, required=False, allow_blank=True, default="")


class ItemReportSerializer(serializers.Serializer):
    status = NamedChoiceField(choices=PlanItem.Status.choices, enum_name="PlanItemStatusEnum")
    result = serializers.CharField(required=False, default="", allow_blank=True, help_text=gettext_lazy(
        "Required to close the item (done or not done)."))
    closed_on = serializers.DateField(required=False, allow_null=True, default=None,
                                      help_text=gettext_lazy("Today when left out."))
