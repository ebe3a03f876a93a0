from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """The shared case machinery every process is built on."""

    name = "workflows"
    verbose_name = _("Processes")
    site_sections = ["workflows.viewsets.TasksApp"]
    urls = "workflows.urls"
    api_routes = [("tasks", "workflows.api.TaskViewSet", "task")]
    start_panels = "workflows.start.panels"

    def ready(self) -> None:
        from . import signals  # noqa: F401  chain versions
        from . import queue_signals  # noqa: F401  the task queue per person, kept with tasks and grants
        from . import search  # noqa: F401  SQLite's search functions on every connection
        from .choice_labels import build_choice_labels_once

        build_choice_labels_once()
