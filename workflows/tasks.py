"""Task lists across all processes: the inbox (mine and the ones I can take), mine, the ones I can take,
overdue, done. Open tasks come by due date, the overdue first, those without a due date last.

Each list is one query for the tasks plus one per kind of case, whatever the number of tasks, and
whatever the number of grants: which queue tasks a person may take is decided in the database, by
matching each task's queue permission and object against the person's guardian grants (Viewflow
loads every grant into Python and sends them back as an `IN` list, which for a methodist with ten
thousand grants cost more than the rest of the page); the cases are prefetched through the process
artifact.
"""
from __future__ import annotations

from datetime import timezone as dt_timezone

from django.contrib.contenttypes.prefetch import GenericPrefetch
from datetime import datetime

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from guardian.models import UserObjectPermission
from viewflow.workflow.fields import get_flow_ref
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .types import case_flows, case_types

LISTS = ("mine", "queue", "overdue", "done")
# The task pages: the inbox first, the default «Задачи» page (the API's list without `?list=` is the inbox too).
PAGES = ("inbox", *LISTS)


def may_take(user) -> Q:
    """The queue tasks `user` may take, as Viewflow's queue decides (`TaskQuerySet.user_queue`): no queue
    permission, already theirs, a permission held globally, or a grant of it on the task's object (of the
    object's content type, as `can_assign` checks it)."""
    if user.is_superuser:
        return Q()
    granted = UserObjectPermission.objects.filter(
        user=user, content_type=OuterRef("owner_permission_content_type"),
        object_pk=OuterRef("owner_permission_obj_pk"),
    ).annotate(
        name=Concat("content_type__app_label", Value("."), "permission__codename", output_field=CharField()),
    ).filter(name=OuterRef("owner_permission"))
    return (Q(owner_permission__isnull=True) | Q(owner=user)
            | Q(owner_permission__in=user.get_all_permissions()) | Q(Exists(granted)))


def human_tasks(user) -> QuerySet:
    """The human tasks of the case flows `user` may view, as Viewflow's `filter_available`, but told by the
    task's own flow reference: Viewflow joins every task considered to its process to compare the flow class."""
    flows = Q(pk__in=[])
    for flow_class in case_flows():
        if flow_class.instance.has_view_permission(user):
            flows |= Q(flow_task__startswith=f"{get_flow_ref(flow_class)}.")
    return Task.objects.filter(flows, flow_task_type="HUMAN")


def claimable(user) -> QuerySet:
    return human_tasks(user).filter(may_take(user), status=STATUS.NEW)


def open_to(user) -> QuerySet:
    """My inbox and the tasks I can take, in one condition the database answers from its indexes."""
    return human_tasks(user).filter(Q(owner=user, status=STATUS.ASSIGNED) | (Q(status=STATUS.NEW) & may_take(user)))


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
    """The tasks with their owners, processes and cases, read for the page of tasks shown only: joined in the
    task query, they would be joined for every task of a long queue before it is sorted and cut."""
    artifacts = [case_type.model.objects.select_related("author", "organisation") for case_type in case_types()]
    return tasks.prefetch_related("owner", GenericPrefetch("process__artifact", artifacts))


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
