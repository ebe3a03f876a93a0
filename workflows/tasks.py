"""Task lists across all processes: mine, the ones I can take, overdue, done.

Each list is one query for the tasks plus one per kind of case, whatever the number of tasks:
the queue's grants are read in one query (Viewflow would read them row by row), and the cases are
prefetched through the process artifact.
"""
from __future__ import annotations

from datetime import timezone as dt_timezone

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Q, QuerySet
from django.utils import timezone
from guardian.models import UserObjectPermission
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .registry import case_flows

LISTS = ("mine", "queue", "overdue", "done")


def prime_queue_grants(user) -> None:
    """Load the user's object grants in the form Viewflow's queue compares, with one query."""
    user._viewflow_per_object_perm_cache = {
        f"{app_label}.{codename}_{object_pk}"
        for app_label, codename, object_pk in UserObjectPermission.objects.filter(user=user).values_list(
            "content_type__app_label", "permission__codename", "object_pk")
    }


def task_list(user, which: str) -> QuerySet:
    prime_queue_grants(user)
    if which == "queue":
        tasks = Task.objects.queue(case_flows, user)
    elif which == "done":
        tasks = Task.objects.archive(case_flows, user)
    elif which == "overdue":
        open_to_me = Q(pk__in=Task.objects.inbox(case_flows, user).values("pk")) | Q(
            pk__in=Task.objects.queue(case_flows, user).values("pk"))
        tasks = Task.objects.filter(open_to_me, data__due_at__lt=utc_now())
    else:
        tasks = Task.objects.inbox(case_flows, user)
    return with_cases(tasks.order_by("-created"))


def utc_now() -> str:
    """Due dates are kept in task data as UTC ISO strings, so they compare as text."""
    return timezone.now().astimezone(dt_timezone.utc).isoformat()


def with_cases(tasks: QuerySet) -> QuerySet:
    artifacts = [flow_class.case_model.objects.select_related("author", "organisation") for flow_class in case_flows]
    return tasks.select_related("process", "owner").prefetch_related(
        GenericPrefetch("process__artifact", artifacts))


def is_overdue(task: Task) -> bool:
    due = task.data.get("due_at")
    return bool(due) and task.status not in (STATUS.DONE, STATUS.CANCELED) and due < utc_now()
