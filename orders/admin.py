from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Order, OrderJournal


@admin.register(OrderJournal)
class OrderJournalAdmin(SimpleHistoryAdmin):
    """The journals' number suffixes (`-од`); the last number is the services' to move."""

    list_display = ["municipality", "year", "last_number", "suffix"]
    list_filter = ["year", "municipality"]
    readonly_fields = ["last_number"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # its orders keep their numbers


@admin.register(Order)
class OrderAdmin(SimpleHistoryAdmin):
    """Orders are drafted and signed on their pages; here they are read, with their history."""

    list_display = ["number", "date", "municipality", "subject", "status"]
    list_filter = ["status", "subject", "municipality"]
    search_fields = ["number", "title"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
