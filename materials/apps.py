from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    """Expertise of methodical materials and the public bank of practices."""

    name = "materials"
    verbose_name = _("Methodical materials")

    def ready(self) -> None:
        from workflows.registry import register_case_flow

        from . import files  # noqa: F401  a material's files, public once published
        from . import rules  # noqa: F401  registers who may do what to the models of this app
        from .flows import MaterialFlow

        register_case_flow(MaterialFlow)
