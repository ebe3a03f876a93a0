from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    """Methodical visits to low-result schools (ШНОР) and schools in difficult conditions with addressed
    recommendations and their execution; consultations."""

    name = "visits"
    verbose_name = _("Visits and consultations")
    site_sections = ["visits.viewsets.VisitsApp"]
    api_routes = [("visits", "visits.api.VisitViewSet", "visit"),
                  ("visit-schedules", "visits.api.VisitScheduleViewSet", "visit-schedule"),
                  ("visit-recommendations", "visits.api.RecommendationViewSet", "visit-recommendation"),
                  ("consultations", "visits.api_consultations.ConsultationViewSet", "consultation")]
    start_panels = "visits.start.panels"  # the recommendations my organisation is to report on

    def ready(self) -> None:
        from . import rules  # noqa: F401  who plans, reports, recommends, executes and consults
