from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PlanItem, WorkPlan


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    raw_id_fields = ["responsible", "closed_by"]


@admin.register(WorkPlan)
class WorkPlanAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "year", "approved_at"]
    list_filter = ["year"]
    raw_id_fields = ["created_by", "approved_by", "analysed_by"]
    inlines = [PlanItemInline]
