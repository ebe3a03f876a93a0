from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    """Professional competitions (domain.md §4)."""

    name = "competitions"
    verbose_name = _("Competitions")

    def ready(self) -> None:
        # Who may do what here; memberships mirrored into grants and kept in step with them.
        from . import grants, rules, signals  # noqa: F401
