"""Task lists across all processes: the inbox (mine and the ones I can take), mine, the ones I can take,
overdue, done. Open tasks come by due date, the overdue first, those without a due date last.

Each list is one query for the tasks plus one per kind of case, whatever the number of tasks, and
whatever the number of grants: which tasks wait for a person is read from the task queue kept per person
(`workflows.queue`, equal to what Viewflow's queue decides from guardian's grants, which Viewflow loads
into Python and sends back as an `IN` list — for a methodist with ten thousand grants that cost more than
the rest of the page); the cases are prefetched through the process artifact.
"""
from __future__ import annotations

from datetime import timezone as dt_timezone

from django.contrib.contenttypes.prefetch import GenericPrefetch
from datetime import datetime

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from viewflow.workflow.fields import get_flow_ref
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .queue import waiting_for
from .types import case_flows, case_types

LISTS = ("mine", "queue", "overdue", "done")
# The task pages: the inbox first, the default «Задачи» page (the API's list without `?list=` is the inbox too).
PAGES = ("inbox", *LISTS)


def human_tasks(user) -> QuerySet:
    """The human tasks of the case flows `user` may view, as Viewflow's `filter_available`, but told by the
    task's own flow reference: Viewflow joins every task considered to its process to compare the flow class."""
    flows = Q(pk__in=[])
    for flow_class in case_flows():
        if flow_class.instance.has_view_permission(user):
            flows |= Q(flow_task__startswith=f"{get_flow_ref(flow_class)}.")
    return Task.objects.filter(flows, flow_task_type="HUMAN")


def claimable(user) -> QuerySet:
    """The tasks of the queue `user` may take, as Viewflow's queue decides (`TaskQuerySet.user_queue`)."""
    return open_to(user).filter(status=STATUS.NEW)


def open_to(user) -> QuerySet:
    """My inbox and the tasks I can take: my entries in the task queue, with each task's own status and owner."""
    return human_tasks(user).filter(waiting_for(user), Q(owner=user, status=STATUS.ASSIGNED) | Q(status=STATUS.NEW))


def by_due_date(tasks: QuerySet) -> QuerySet:
    return tasks.order_by(KT("data__due_at").asc(nulls_last=True), "-created", "-pk")


def inbox(user) -> QuerySet:
    """My tasks and the tasks I can take, in one list by due date, with their cases."""
    return with_cases(by_due_date(open_to(user)))


def task_list(user, which: str) -> QuerySet:
    if which == "inbox":
        return inbox(user)
    if which == "done":
        return with_cases(human_tasks(user).filter(owner=user, finished__isnull=False).order_by("-finished", "-pk"))
    if which == "queue":
        tasks = claimable(user)
    elif which == "overdue":
        tasks = open_to(user).filter(data__due_at__lt=utc_now())
    else:
        tasks = human_tasks(user).filter(owner=user, status=STATUS.ASSIGNED)
    return with_cases(by_due_date(tasks))


def utc_now() -> str:
    """Due dates are kept in task data as UTC ISO strings, so they compare as text."""
    return timezone.now().astimezone(dt_timezone.utc).isoformat()


def with_cases(tasks: QuerySet) -> QuerySet:
    """The tasks with their processes and cases, read for the page of tasks shown only: joined in the task query,
    they would be joined for every task of a long queue before it is sorted and cut (an owner, where shown, is
    the person's own or prefetched by the caller)."""
    artifacts = [case_type.model.objects.select_related("author", "organisation") for case_type in case_types()]
    return tasks.prefetch_related("process", GenericPrefetch("process__artifact", artifacts))


def with_owners(tasks: list[Task], user) -> list[Task]:
    """The owners of a page of a person's tasks: the person themself, read only for a task someone else holds."""
    for task in tasks:
        if task.owner_id == user.pk:
            Task.owner.field.set_cached_value(task, user)
    prefetch_related_objects(tasks, "owner")
    return tasks


def is_overdue(task: Task) -> bool:
    due = task.data.get("due_at")
    return bool(due) and task.status not in (STATUS.DONE, STATUS.CANCELED) and due < utc_now()


def task_rows(tasks) -> list[dict]:
    """What a task list shows of each task: its case, its step's title, its due date, whether it is overdue
    and whether it waits to be taken."""
    return [{
        "task": task, "case": task.process.artifact, "overdue": is_overdue(task), "due": due_date(task),
        "step": task.data.get("step_title") or str(task.flow_task.task_title),
        "process": task.flow_task.flow_class.process_title,
        "claimable": task.status == STATUS.NEW,
    } for task in tasks]


def due_date(task: Task) -> datetime | None:
    due = task.data.get("due_at")
    return parse_datetime(due) if due else None
