from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project itself: its system checks (a missing SECRET_KEY, an unreachable database)."""

    name = "config"
    label = "project"
    verbose_name = "Methodflow"

    def ready(self) -> None:
        from . import database  # noqa: F401  registers the checks
