from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Association, Municipality, Organisation, Region, RoleAssignment, User


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "region"]
    search_fields = ["name", "slug"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "kind", "municipality", "is_small_school", "is_low_results"]
    list_filter = ["kind", "municipality", "is_small_school", "is_low_results"]
    search_fields = ["name", "short_name"]


@admin.register(Association)
class AssociationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "kind", "direction", "municipality", "organisation", "head"]
    list_filter = ["level", "kind", "municipality"]
    search_fields = ["name", "direction"]
    autocomplete_fields = ["organisation", "head"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["organisation", "municipality", "association"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "get_full_name", "organisation", "position", "is_active"]
    list_filter = ["organisation__municipality", "category", "is_active"]
    search_fields = ["username", "last_name", "first_name", "patronymic", "email"]
    autocomplete_fields = ["organisation"]
    inlines = [RoleAssignmentInline]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Pedagogical worker"),
            {
                "fields": [
                    "patronymic", "organisation", "position", "subject", "birth_date", "tenure_start",
                    "education", "category", "teaching_load",
                ]
            },
        ),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "municipality", "region", "association", "valid_from",
                    "valid_until"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user", "organisation", "municipality", "association"]
