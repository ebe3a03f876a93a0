from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views
from . import views_planning as planning


class CoursesApp(CaseworkApp):
    """Courses (КПК): the completions, a programme's page, the providers, the schools' needs, the plans."""

    app_name = "courses"
    title = _("Courses")
    icon = "school"

    urlpatterns = [
        path("", views.CompletionListView.as_view(), name="index"),
        path("export/", views.CompletionExportView.as_view(), name="export"),
        path("new/", views.CompletionFormView.as_view(), name="create"),
        path("<int:pk>/", views.CompletionDetailView.as_view(), name="completion"),
        path("<int:pk>/edit/", views.CompletionFormView.as_view(), name="edit"),
        path("<int:pk>/delete/", views.CompletionDeleteView.as_view(), name="delete"),
        path("<int:pk>/certificate/", views.CertificateView.as_view(), name="certificate"),
        path("programmes/<int:pk>/", views.CourseDetailView.as_view(), name="course"),
        path("providers/", views.ProviderListView.as_view(), name="providers"),
        path("needs/", planning.NeedListView.as_view(), name="needs"),
        path("needs/export/", planning.NeedExportView.as_view(), name="needs-export"),
        path("needs/new/", planning.NeedFormView.as_view(), name="need-create"),
        path("needs/<int:pk>/", planning.NeedFormView.as_view(), name="need"),
        path("needs/<int:pk>/delete/", planning.NeedDeleteView.as_view(), name="need-delete"),
        path("plans/", planning.PlanListView.as_view(), name="plans"),
        path("plans/<int:pk>/", planning.PlanDetailView.as_view(), name="plan"),
        path("plans/<int:pk>/export/", planning.PlanExportView.as_view(), name="plan-export"),
        path("plans/<int:pk>/items/<int:item_pk>/", planning.PlanItemView.as_view(), name="plan-item"),
    ]
