from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from .case_lists import PAGE_SIZE
from .models import Notification
from .pagination import requested_page
from .params import id_or_404
from .tasks import LISTS, is_overdue, task_list


class TaskListView(View):
    """My tasks, tasks I can take, overdue, done — across all processes."""

    def get(self, request, which: str = "mine"):
        if which not in LISTS:
            raise Http404
        number = requested_page(request)
        start = (number - 1) * PAGE_SIZE
        # One row past the page says whether there is a next one, without counting a long queue.
        tasks = list(task_list(request.user, which)[start:start + PAGE_SIZE + 1])
        if not tasks and number > 1:
            raise Http404
        rows = [{"task": task, "case": task.process.artifact, "overdue": is_overdue(task)}
                for task in tasks[:PAGE_SIZE]]
        return render(request, "workflows/task_list.html", {
            "rows": rows, "which": which, "lists": LISTS, "number": number,
            "previous": number - 1 if number > 1 else None, "next": number + 1 if len(tasks) > PAGE_SIZE else None})


class NotificationListView(View):
    def get(self, request):
        notifications = Notification.objects.filter(recipient=request.user)[:100]
        return render(request, "workflows/notifications.html", {"notifications": notifications})

    def post(self, request):
        """Open one notification (marking it read), or mark them all read."""
        unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
        if "notification" in request.POST:
            notification = get_object_or_404(Notification, pk=id_or_404(request.POST["notification"]),
                                             recipient=request.user)
            unread.filter(pk=notification.pk).update(read_at=timezone.now())
            return redirect(notification.url or "tasks:notifications")
        unread.update(read_at=timezone.now())
        return redirect("tasks:notifications")
