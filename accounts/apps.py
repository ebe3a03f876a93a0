from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Organisations and people")
    site_sections = ["accounts.viewsets.CabinetApp"]
    urls = "accounts.urls"
    api_urls = "accounts.api_urls"
    api_routes = [("people", "accounts.api_people.PeopleViewSet", "person")]

    def ready(self) -> None:
        from . import rules  # noqa: F401  registers who may do what to the models of this app
        from . import signals  # noqa: F401  keeps task-queue grants in step with role assignments
        from . import tokens  # noqa: F401  signing out of the site revokes the person's API tokens
        from django.db.models.signals import post_migrate

        from .grants import forget_permission_ids
        from .history import build_history_managers_once

        post_migrate.connect(forget_permission_ids, dispatch_uid="accounts.forget_permission_ids")

        build_history_managers_once()
