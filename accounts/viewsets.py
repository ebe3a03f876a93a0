from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from .permissions import active_assignments
from .views import HomeView


class CabinetApp(Application):
    """The personal cabinet: who I am and in which roles I act."""

    title = _("Personal account")
    icon = "home"
    app_name = "cabinet"
    menu_template_name = None

    index_path = path("", HomeView.as_view(), name="index")


class CaseworkApp(Application):
    """An application for people holding an active role; its pages show each only what they may see."""

    menu_template_name = None

    def has_view_permission(self, user, obj=None) -> bool:
        return bool(active_assignments(user))
