from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Competition


@admin.register(Competition)
class CompetitionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "level", "municipality"]
    list_filter = ["level", "year", "municipality"]
    search_fields = ["name"]
