from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    """Expertise of methodical materials and the public bank of practices."""

    name = "materials"
    verbose_name = _("Methodical materials")
    site_sections = ["materials.viewsets.MaterialsApp"]
    urls = "materials.urls"
    api_routes = [("materials", "materials.api.MaterialViewSet", "material"),
                  ("bank", "materials.api.BankViewSet", "practice")]

    def ready(self) -> None:
        from workflows.types import register

        from . import rules  # noqa: F401  registers who may do what to the models of this app
        from .types import MATERIAL

        register(MATERIAL)  # its flow, chain, statuses, API and files, declared once
