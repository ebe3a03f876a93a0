from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import register_views as views


class RegisterApp(CaseworkApp):
    """The register of sites: the list, the export, a site's page and its annual reports."""

    app_name = "register"
    title = _("Register of sites")
    icon = "account_balance"

    urlpatterns = [
        path("", views.RegisterListView.as_view(), name="index"),
        path("export/", views.RegisterExportView.as_view(), name="export"),
        path("new/", views.RecordSiteView.as_view(), name="record"),
        path("<int:pk>/", views.SiteDetailView.as_view(), name="site"),
        path("<int:pk>/revoke/", views.SiteRevokeView.as_view(), name="revoke"),
        path("reports/<int:pk>/", views.ReportView.as_view(), name="report"),
        path("reports/<int:pk>/files/<int:file_pk>/", views.ReportFileView.as_view(), name="report-file"),
        path("reports/<int:pk>/<slug:action>/", views.ReportActionView.as_view(), name="report-action"),
    ]
