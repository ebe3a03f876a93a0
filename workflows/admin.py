from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Chain, ChainStep, Competition, Criterion, ExpertiseRules


@admin.register(Competition)
class CompetitionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "level", "municipality"]
    list_filter = ["level", "year", "municipality"]
    search_fields = ["name"]


class ChainStepInline(admin.TabularInline):
    model = ChainStep
    extra = 0
    fields = ["order", "stage", "code", "title", "role", "reviewer_scope", "deadline_days", "escalation_role",
              "may_reject", "for_amendments"]


@admin.register(Chain)
class ChainAdmin(SimpleHistoryAdmin):
    """Review chains per municipality: editing them changes new cases only."""

    list_display = ["municipality", "process", "version"]
    list_filter = ["process", "municipality"]
    readonly_fields = ["version"]
    inlines = [ChainStepInline]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    """The criteria experts score materials against, per municipality."""

    list_display = ["municipality", "order", "name", "max_score"]
    list_filter = ["municipality"]


@admin.register(ExpertiseRules)
class ExpertiseRulesAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "experts", "score_gap"]
