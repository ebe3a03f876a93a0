from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutesConfig(AppConfig):
    """Diagnostics of professional deficits and individual educational routes (ИОМ)."""

    name = "routes"
    verbose_name = _("Individual educational routes")
    site_sections = ["routes.viewsets.RoutesApp", "routes.viewsets.DiagnosticsApp"]
    api_routes = [("routes", "routes.api.RouteViewSet", "route"),
                  ("diagnostics", "routes.api_diagnostics.DiagnosticsViewSet", "diagnostics")]

    def ready(self) -> None:
        from workflows.types import register

        from . import diagnostics_jobs  # noqa: F401  registers the kind of job the import is
        from . import rules  # noqa: F401  registers who may do what to the models of this app
        from .types import ROUTE

        register(ROUTE)  # its flow, chain, statuses, API and files, declared once
