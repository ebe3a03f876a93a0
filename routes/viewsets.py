from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp, case_paths

from .views import diagnostics_pages as views
from .views import route_documents, route_pages as route_views


class DiagnosticsApp(CaseworkApp):
    title = _("Diagnostics")
    icon = "fact_check"

    urlpatterns = case_paths(
        index=views.DiagnosticsListView, edit=views.DiagnosticsFormView, detail=views.DiagnosticsDetailView,
        edit_name="change", extra=(
            path("import/", views.ImportView.as_view(), name="import"),
            path("<int:pk>/recommendations/", views.RecommendationView.as_view(), name="recommend"),
            path("surveys/", views.SurveyListView.as_view(), name="survey_list"),
            path("surveys/new/", views.SurveyFormView.as_view(), name="survey_create"),
            path("surveys/<int:pk>/edit/", views.SurveyFormView.as_view(), name="survey_change"),
        ))


class RoutesApp(CaseworkApp):
    title = _("Individual routes")
    icon = "route"

    urlpatterns = case_paths(
        index=route_views.RouteListView, edit=route_views.RouteEditView, detail=route_views.RouteDetailView,
        action=route_views.RouteActionView, prefix="route_", extra=(
            path("<int:pk>/report/", route_views.RouteReportView.as_view(), name="route_report"),
            path("<int:pk>/amend/", route_views.RouteAmendView.as_view(), name="route_amend"),
            path("<int:pk>/print/", route_documents.RoutePrintView.as_view(), name="route_print"),
            path("regulation/<slug:slug>/", route_documents.RegulationView.as_view(), name="regulation"),
        ))
