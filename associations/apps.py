from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    """Methodical associations (ШМО, ММО, РМО): members, head, the year's plan of meetings, meetings with
    agenda and protocol."""

    name = "associations"
    verbose_name = _("Methodical associations")
    site_sections = ["associations.viewsets.AssociationsApp"]
    api_routes = [("associations", "associations.api.AssociationViewSet", "association"),
                  ("association-meetings", "associations.api_meetings.MeetingViewSet", "association-meeting")]

    def ready(self) -> None:
        from . import rules  # noqa: F401  who reads and keeps the associations
