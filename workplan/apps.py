from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    """The methodical service's work plan: items, the year's roadmap, status and result per item, the annual
    analysis of its execution."""

    name = "workplan"
    verbose_name = _("Work plan")
