from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from . import route_views as views


class RoutesApp(Application):
    """Individual educational routes (ИОМ)."""

    title = _("Individual routes")
    icon = "route"
    app_name = "routes"
    menu_template_name = None

    index_path = path("", views.RouteListView.as_view(), name="index")
    create_path = path("new/", views.RouteEditView.as_view(), name="route_create")
    detail_path = path("<int:pk>/", views.RouteDetailView.as_view(), name="route_detail")
    edit_path = path("<int:pk>/edit/", views.RouteEditView.as_view(), name="route_edit")
    report_path = path("<int:pk>/report/", views.RouteReportView.as_view(), name="route_report")
    amend_path = path("<int:pk>/amend/", views.RouteAmendView.as_view(), name="route_amend")
    print_path = path("<int:pk>/print/", views.RoutePrintView.as_view(), name="route_print")
    regulation_path = path("regulation/<slug:slug>/", views.RegulationView.as_view(), name="regulation")
    action_path = path("<int:pk>/<slug:action>/", views.RouteActionView.as_view(), name="route_action")

    def has_view_permission(self, user, obj=None) -> bool:
        return user.is_authenticated
