from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    """Professional competitions (domain.md §4)."""

    name = "competitions"
    verbose_name = _("Competitions")

    def ready(self) -> None:
        from . import rules  # noqa: F401  registers who may do what to the models of this app
