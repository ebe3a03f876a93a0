from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.permissions import active_assignments

from . import views


class DiagnosticsApp(Application):
    """Diagnostics of professional deficits, recommendations and the young-teacher survey."""

    title = _("Diagnostics")
    icon = "fact_check"
    app_name = "diagnostics"
    menu_template_name = None

    index_path = path("", views.DiagnosticsListView.as_view(), name="index")
    create_path = path("new/", views.DiagnosticsFormView.as_view(), name="create")
    import_path = path("import/", views.ImportView.as_view(), name="import")
    detail_path = path("<int:pk>/", views.DiagnosticsDetailView.as_view(), name="detail")
    change_path = path("<int:pk>/edit/", views.DiagnosticsFormView.as_view(), name="change")
    recommend_path = path("<int:pk>/recommendations/", views.RecommendationView.as_view(), name="recommend")
    survey_list_path = path("surveys/", views.SurveyListView.as_view(), name="survey_list")
    survey_create_path = path("surveys/new/", views.SurveyFormView.as_view(), name="survey_create")
    survey_change_path = path("surveys/<int:pk>/edit/", views.SurveyFormView.as_view(), name="survey_change")

    def has_view_permission(self, user, obj=None) -> bool:
        """Every signed-in person with an active role; the pages show each only what they may see."""
        return bool(active_assignments(user))
