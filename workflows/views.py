from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from viewflow.workflow.models import Task

from .api import task_is_visible
from .case_lists import PAGE_SIZE
from .models import Notification
from .pagination import requested_page
from .params import id_or_404
from .services import claim
from .tasks import PAGES, task_list, task_rows
from .types import case_flows


class TaskListView(View):
    """The inbox (my tasks and the ones I can take, by due date), and my tasks, tasks I can take, overdue,
    done — across all processes; a task of the queue is taken from the list itself."""

    def get(self, request, which: str = "inbox"):
        if which not in PAGES:
            raise Http404
        number = requested_page(request)
        start = (number - 1) * PAGE_SIZE
        # One row past the page says whether there is a next one, without counting a long queue.
        tasks = list(task_list(request.user, which)[start:start + PAGE_SIZE + 1])
        if not tasks and number > 1:
            raise Http404
        return render(request, "workflows/task_list.html", {
            "rows": task_rows(tasks[:PAGE_SIZE]), "which": which, "lists": PAGES, "number": number,
            "previous": number - 1 if number > 1 else None, "next": number + 1 if len(tasks) > PAGE_SIZE else None})

    def post(self, request, which: str = "inbox"):
        """Take a task: what is not there and what the person may not see are the same 404; a task taken
        meanwhile, or one the person may not take, is said so on the list."""
        task = get_object_or_404(Task.objects.coerce_for(case_flows()).filter(flow_task_type="HUMAN"),
                                 pk=id_or_404(request.POST.get("task")))
        if not task_is_visible(task, request.user):
            raise Http404
        try:
            if task.owner_id != request.user.pk:  # a second click on «Взять» takes nothing more
                claim(task, request.user)
        except (ValidationError, PermissionDenied) as refusal:
            messages.error(request, " ".join(getattr(refusal, "messages", None) or [str(refusal)]))
        else:
            messages.success(request, _("The task is yours: %(case)s") % {"case": task.process.artifact.number})
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = request.path
        return redirect(back)


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
