from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutesConfig(AppConfig):
    """Diagnostics of professional deficits and individual educational routes (ИОМ)."""

    name = "routes"
    verbose_name = _("Individual educational routes")

    def ready(self) -> None:
        from workflows.registry import register_case_flow

        from . import files  # noqa: F401  the activities' evidence, downloaded by whoever may see the route
        from . import rules  # noqa: F401  registers who may do what to the models of this app
        from .flows import IndividualRouteFlow

        register_case_flow(IndividualRouteFlow)
