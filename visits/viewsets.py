from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views, views_records


class VisitsApp(CaseworkApp):
    """Methodical visits with their schedule, report and addressed recommendations; consultations."""

    app_name = "visits"
    title = _("Visits and consultations")
    icon = "directions_car"

    urlpatterns = [
        path("", views.VisitListView.as_view(), name="index"),
        path("export/", views.VisitExportView.as_view(), name="export"),
        path("new/", views.PlanVisitView.as_view(), name="plan"),
        path("<int:pk>/", views.VisitDetailView.as_view(), name="visit"),
        path("<int:pk>/<slug:action>/", views.VisitActionView.as_view(), name="visit-action"),
        path("schedules/<int:pk>/", views.ScheduleView.as_view(), name="schedule"),
        path("recommendations/", views_records.RecommendationListView.as_view(), name="recommendations"),
        path("recommendations/export/", views_records.RecommendationExportView.as_view(),
             name="recommendations-export"),
        path("recommendations/<int:pk>/", views_records.RecommendationView.as_view(), name="recommendation"),
        path("consultations/", views_records.ConsultationListView.as_view(), name="consultations"),
        path("consultations/export/", views_records.ConsultationExportView.as_view(), name="consultations-export"),
        path("consultations/new/", views_records.ConsultationFormView.as_view(), name="consultation-new"),
        path("consultations/<int:pk>/", views_records.ConsultationView.as_view(), name="consultation"),
        path("consultations/<int:pk>/edit/", views_records.ConsultationFormView.as_view(), name="consultation-edit"),
    ]
