from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutesConfig(AppConfig):
    """Diagnostics of professional deficits and individual educational routes (ИОМ)."""

    name = "routes"
    verbose_name = _("Individual educational routes")
