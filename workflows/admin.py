from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Chain, ChainStep


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
