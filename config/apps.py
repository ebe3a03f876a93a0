from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class ProjectConfig(AppConfig):
    """The project itself: its system checks (a missing SECRET_KEY, an unreachable database), the shared
    cache's table and the request log's view of the cases."""

    name = "config"
    label = "project"
    verbose_name = "Methodflow"

    def ready(self) -> None:
        from . import database  # noqa: F401  registers the checks
        from .cache import create_cache_table
        from .request_log import connect

        # post_migrate is sent per app with models, and this app has none: the sessions app, which also
        # keeps what several servers share, stands in, so the table is made once per migrate.
        post_migrate.connect(create_cache_table, sender=apps.get_app_config("sessions"),
                             dispatch_uid="methodflow:cache-table")
        connect()
