from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import internships_views as views


class InternshipsApp(CaseworkApp):
    """Internships at internship and base sites: programmes, applications, agreements, outcomes."""

    title = _("Internships")
    icon = "school"

    urlpatterns = [
        path("", views.ProgrammeListView.as_view(), name="index"),
        path("new/", views.ProgrammeFormView.as_view(), name="programme_create"),
        path("mine/", views.MyInternshipsView.as_view(), name="mine"),
        path("decisions/", views.DecisionsView.as_view(), name="decisions"),
        path("<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme"),
        path("<int:pk>/edit/", views.ProgrammeFormView.as_view(), name="programme_edit"),
        path("<int:pk>/<slug:action>/", views.ProgrammeActionView.as_view(), name="programme_action"),
        path("internship/<int:pk>/", views.InternshipDetailView.as_view(), name="detail"),
        path("internship/<int:pk>/<slug:action>/", views.InternshipActionView.as_view(), name="action"),
    ]
