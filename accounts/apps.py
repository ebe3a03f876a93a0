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
        from .history import build_history_managers_once

        build_history_managers_once()
