from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from .grants import memberships
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
    """An application for people holding an active role or membership (a jury); its pages show each only what
    they may see."""

    menu_template_name = None

    def has_view_permission(self, user, obj=None) -> bool:
        if active_assignments(user):
            return True
        today = timezone.localdate()
        return user.is_authenticated and user.is_active and any(
            membership.is_active(today) for membership in memberships(user, today))
