from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from . import views


class TasksApp(Application):
    """The task lists of every process, and the notifications."""

    title = _("Tasks")
    icon = "assignment"
    app_name = "tasks"
    menu_template_name = None

    index_path = path("", views.TaskListView.as_view(), name="index")
    notifications_path = path("notifications/", views.NotificationListView.as_view(), name="notifications")
    list_path = path("<slug:which>/", views.TaskListView.as_view(), name="tasks")

    def has_view_permission(self, user, obj=None) -> bool:
        return user.is_authenticated
