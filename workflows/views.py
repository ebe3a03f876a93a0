from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from viewflow.workflow.models import Task

from .models import Notification
from .tasks import LISTS, is_overdue, task_list


class TaskListView(View):
    """My tasks, tasks I can take, overdue, done — across all processes."""

    def get(self, request, which: str = "mine"):
        if which not in LISTS:
            raise Http404
        tasks = list(task_list(request.user, which)[:100])
        rows = [{"task": task, "case": task.process.artifact, "overdue": is_overdue(task)} for task in tasks]
        return render(request, "workflows/task_list.html", {"rows": rows, "which": which, "lists": LISTS})


class NotificationListView(View):
    def get(self, request):
        notifications = Notification.objects.filter(recipient=request.user)[:100]
        return render(request, "workflows/notifications.html", {"notifications": notifications})

    def post(self, request):
        """Open one notification (marking it read), or mark them all read."""
        unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
        if "notification" in request.POST:
            notification = get_object_or_404(Notification, pk=request.POST["notification"], recipient=request.user)
            unread.filter(pk=notification.pk).update(read_at=timezone.now())
            return redirect(notification.url or "tasks:notifications")
        unread.update(read_at=timezone.now())
        return redirect("tasks:notifications")


class TaskRedirectView(View):
    """Viewflow's task links lead to the case page, where the step is done."""

    def get(self, request, *args, **kwargs):
        task = get_object_or_404(Task, pk=kwargs["task_pk"])
        return redirect(task.process.artifact.get_absolute_url())
