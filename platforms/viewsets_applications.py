from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp, case_paths

from . import views_applications as views
from . import views_calls


class SiteApplicationsApp(CaseworkApp):
    """Calls for site projects and the applications for a site's status."""

    title = _("Applications for site status")
    icon = "emoji_objects"

    urlpatterns = case_paths(
        index=views.ApplicationListView, edit=views.ApplicationEditView, detail=views.ApplicationDetailView,
        action=views.ApplicationActionView, extra=(
            path("calls/", views_calls.CallListView.as_view(), name="calls"),
            path("calls/new/", views_calls.CallEditView.as_view(), name="call_create"),
            path("calls/<int:pk>/", views_calls.CallDetailView.as_view(), name="call"),
            path("calls/<int:pk>/edit/", views_calls.CallEditView.as_view(), name="call_edit"),
        ))
