from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp, case_paths

from . import internships_views as views


class InternshipsApp(CaseworkApp):
    """Internships at internship and base sites: programmes, applications, agreements, outcomes."""

    title = _("Internships")
    icon = "school"

    urlpatterns = case_paths(
        index=views.ProgrammeListView, edit=views.ProgrammeFormView, detail=views.ProgrammeDetailView,
        action=views.ProgrammeActionView, prefix="programme_", extra=(
            path("mine/", views.MyInternshipsView.as_view(), name="mine"),
            path("decisions/", views.DecisionsView.as_view(), name="decisions"),
            path("internship/<int:pk>/", views.InternshipDetailView.as_view(), name="detail"),
            path("internship/<int:pk>/<slug:action>/", views.InternshipActionView.as_view(), name="action"),
        ))
