from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    """Parallel assessment by independent experts, reused by every process that scores its cases."""

    name = "scoring"
    verbose_name = _("Expert assessment")

    def ready(self) -> None:
        from workflows.history import read_history_through

        from .case_steps import history_without_experts

        read_history_through(history_without_experts)  # the authors never learn which expert changed their case
