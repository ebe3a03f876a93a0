from django.urls import URLPattern, path
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


def case_paths(*, index, edit, detail, action=None, prefix: str = "", edit_name: str = "edit",
               extra: tuple[URLPattern, ...] = ()) -> list[URLPattern]:
    """The standard pages of a process: its list, a new case and its edit (one form view), the case page,
    the process's own `extra` pages, and last the case page's POST actions (`<pk>/<action>/`), which would
    otherwise swallow an extra page's `<pk>/<name>/`. URL names are `prefix` + create/detail/edit/action."""
    paths = [
        path("", index.as_view(), name="index"),
        path("new/", edit.as_view(), name=f"{prefix}create"),
        path("<int:pk>/", detail.as_view(), name=f"{prefix}detail"),
        path("<int:pk>/edit/", edit.as_view(), name=f"{prefix}{edit_name}"),
        *extra,
    ]
    if action is not None:
        paths.append(path("<int:pk>/<slug:action>/", action.as_view(), name=f"{prefix}action"))
    return paths
