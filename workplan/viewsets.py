from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views


class WorkPlanApp(CaseworkApp):
    """The service's work plan: the items, the export, a year's roadmap and its analysis, an item's report."""

    app_name = "workplan"
    title = _("Work plan")
    icon = "event_note"

    urlpatterns = [
        path("", views.ItemListView.as_view(), name="index"),
        path("export/", views.ItemExportView.as_view(), name="export"),
        path("new/", views.PlanCreateView.as_view(), name="create"),
        path("<int:pk>/", views.PlanDetailView.as_view(), name="plan"),
        path("<int:pk>/approve/", views.PlanApproveView.as_view(), name="approve"),
        path("<int:pk>/analysis/", views.PlanAnalysisView.as_view(), name="analysis"),
        path("<int:plan_pk>/items/new/", views.ItemEditView.as_view(), name="add-item"),
        path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item"),
        path("items/<int:pk>/edit/", views.ItemEditView.as_view(), name="edit-item"),
        path("items/<int:pk>/report/", views.ItemReportView.as_view(), name="report"),
    ]
