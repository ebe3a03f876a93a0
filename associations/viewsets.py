from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views, views_meetings


class AssociationsApp(CaseworkApp):
    """The register of methodical associations: the list, the export, an association with its members,
    plans and meetings."""

    app_name = "associations"
    title = _("Methodical associations")
    icon = "groups"

    urlpatterns = [
        path("", views.AssociationListView.as_view(), name="index"),
        path("export/", views.AssociationExportView.as_view(), name="export"),
        path("new/", views.FoundAssociationView.as_view(), name="found"),
        path("<int:pk>/", views.AssociationDetailView.as_view(), name="association"),
        path("<int:pk>/members/", views.AddMemberView.as_view(), name="add-member"),
        path("<int:pk>/members/<int:membership_pk>/end/", views.EndMembershipView.as_view(), name="end-membership"),
        path("<int:pk>/plan/", views_meetings.PlanCreateView.as_view(), name="draw-up-plan"),
        path("<int:pk>/meetings/new/", views_meetings.MeetingCreateView.as_view(), name="announce"),
        path("plans/<int:pk>/", views_meetings.PlanDetailView.as_view(), name="plan"),
        path("meetings/<int:pk>/", views_meetings.MeetingDetailView.as_view(), name="meeting"),
        path("meetings/<int:pk>/files/<int:file_pk>/", views_meetings.MeetingFileView.as_view(), name="file"),
    ]
