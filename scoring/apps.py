from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    """Parallel assessment by independent experts, reused by every process that scores its cases."""

    name = "scoring"
    verbose_name = _("Expert assessment")
