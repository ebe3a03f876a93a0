from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Competition, CompetitionMember


class CompetitionMemberInline(admin.TabularInline):
    model = CompetitionMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Competition)
class CompetitionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "level", "municipality"]
    list_filter = ["level", "year", "municipality"]
    search_fields = ["name"]
    inlines = [CompetitionMemberInline]


@admin.register(CompetitionMember)
class CompetitionMemberAdmin(SimpleHistoryAdmin):
    list_display = ["person", "role", "competition", "valid_from", "valid_until"]
    list_filter = ["role", "competition__municipality"]
    search_fields = ["person__username", "person__last_name", "competition__name"]
    autocomplete_fields = ["person", "competition"]
