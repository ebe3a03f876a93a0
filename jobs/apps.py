from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs and their periodic schedule."""

    name = "jobs"
    verbose_name = _("Background jobs")
    urls = "jobs.urls"

    def ready(self) -> None:
        from . import rules  # noqa: F401  registers who may see a job a person started
