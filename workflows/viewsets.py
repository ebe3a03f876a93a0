from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views


class TasksApp(CaseworkApp):
    """The task lists of every process, and the notifications."""

    title = _("Tasks")
    icon = "assignment"
    app_name = "tasks"

    index_path = path("", views.TaskListView.as_view(), name="index")
    notifications_path = path("notifications/", views.NotificationListView.as_view(), name="notifications")
    list_path = path("<slug:which>/", views.TaskListView.as_view(), name="tasks")
