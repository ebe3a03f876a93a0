from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from .views import diagnostics_pages as views
from .views import route_documents, route_pages as route_views


class DiagnosticsApp(CaseworkApp):
    """Diagnostics of professional deficits, recommendations and the young-teacher survey."""

    title = _("Diagnostics")
    icon = "fact_check"
    app_name = "diagnostics"

    index_path = path("", views.DiagnosticsListView.as_view(), name="index")
    create_path = path("new/", views.DiagnosticsFormView.as_view(), name="create")
    import_path = path("import/", views.ImportView.as_view(), name="import")
    detail_path = path("<int:pk>/", views.DiagnosticsDetailView.as_view(), name="detail")
    change_path = path("<int:pk>/edit/", views.DiagnosticsFormView.as_view(), name="change")
    recommend_path = path("<int:pk>/recommendations/", views.RecommendationView.as_view(), name="recommend")
    survey_list_path = path("surveys/", views.SurveyListView.as_view(), name="survey_list")
    survey_create_path = path("surveys/new/", views.SurveyFormView.as_view(), name="survey_create")
    survey_change_path = path("surveys/<int:pk>/edit/", views.SurveyFormView.as_view(), name="survey_change")


class RoutesApp(CaseworkApp):
    """Individual educational routes (ИОМ)."""

    title = _("Individual routes")
    icon = "route"
    app_name = "routes"

    index_path = path("", route_views.RouteListView.as_view(), name="index")
    create_path = path("new/", route_views.RouteEditView.as_view(), name="route_create")
    detail_path = path("<int:pk>/", route_views.RouteDetailView.as_view(), name="route_detail")
    edit_path = path("<int:pk>/edit/", route_views.RouteEditView.as_view(), name="route_edit")
    report_path = path("<int:pk>/report/", route_views.RouteReportView.as_view(), name="route_report")
    amend_path = path("<int:pk>/amend/", route_views.RouteAmendView.as_view(), name="route_amend")
    print_path = path("<int:pk>/print/", route_documents.RoutePrintView.as_view(), name="route_print")
    regulation_path = path("regulation/<slug:slug>/", route_documents.RegulationView.as_view(), name="regulation")
    action_path = path("<int:pk>/<slug:action>/", route_views.RouteActionView.as_view(), name="route_action")
