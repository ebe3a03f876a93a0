from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """The shared case machinery and the processes built on it."""

    name = "workflows"
    verbose_name = _("Processes")

    def ready(self) -> None:
        from . import rules  # noqa: F401  registers who may do what to this app's models
        from . import signals  # noqa: F401  chain versions
        from .material_flow import MaterialFlow
        from .registry import register_case_flow

        register_case_flow(MaterialFlow)
