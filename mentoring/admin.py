from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Mentorship


@admin.register(Mentorship)
class MentorshipAdmin(SimpleHistoryAdmin):
    list_display = ["mentor", "mentee", "kind", "organisation", "status", "starts_on", "ends_on"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["organisation", "mentor", "mentee", "order", "proposed_by", "evaluated_by"]
