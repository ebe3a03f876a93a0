from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Criterion, ExpertiseRules


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    """The criteria experts score cases against, per municipality and process."""

    list_display = ["municipality", "purpose", "order", "name", "max_score"]
    list_filter = ["municipality", "purpose"]


@admin.register(ExpertiseRules)
class ExpertiseRulesAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "experts", "score_gap"]
