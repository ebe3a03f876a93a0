from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import material_views, views


class TasksApp(CaseworkApp):
    """The task lists of every process, and the notifications."""

    title = _("Tasks")
    icon = "assignment"
    app_name = "tasks"

    index_path = path("", views.TaskListView.as_view(), name="index")
    notifications_path = path("notifications/", views.NotificationListView.as_view(), name="notifications")
    list_path = path("<slug:which>/", views.TaskListView.as_view(), name="tasks")


class MaterialsApp(CaseworkApp):
    """Expertise of methodical materials."""

    title = _("Methodical materials")
    icon = "library_books"
    app_name = "materials"

    index_path = path("", material_views.MaterialListView.as_view(), name="index")
    create_path = path("new/", material_views.MaterialEditView.as_view(), name="create")
    detail_path = path("<int:pk>/", material_views.MaterialDetailView.as_view(), name="detail")
    edit_path = path("<int:pk>/edit/", material_views.MaterialEditView.as_view(), name="edit")
    certificate_path = path("<int:pk>/certificate/", material_views.MaterialCertificateView.as_view(),
                            name="certificate")
    action_path = path("<int:pk>/<slug:action>/", material_views.MaterialActionView.as_view(), name="action")
