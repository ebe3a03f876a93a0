from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    """The methodical service's work plan: items, the year's roadmap, status and result per item, the annual
    analysis of its execution."""

    name = "workplan"
    verbose_name = _("Work plan")
    site_sections = ["workplan.viewsets.WorkPlanApp"]
    api_routes = [("work-plans", "workplan.api.WorkPlanViewSet", "work-plan"),
                  ("plan-items", "workplan.api.PlanItemViewSet", "plan-item")]
    start_panels = "workplan.start.panels"  # the items I answer for, due soon or overdue

    def ready(self) -> None:
        from . import rules  # noqa: F401  who draws up, approves, reads and reports on the plan
