"""The task queue kept per person: which open human tasks wait for whom (`QueueEntry`), so a task list reads a
person's entries instead of testing every open task against their grants.

It holds what Viewflow's own queue and inbox decide (`TaskQuerySet.user_queue`, `inbox`, from guardian's
generic tables): a task assigned to someone waits for them; a task of the queue waits for whoever holds its
queue permission on its object (a grant to them or to a group of theirs, of the object's content type, as
`can_assign` checks it) or outright (an active person's own or group permission), and for its owner; a task
without a queue permission waits for anyone (`anyone`); superusers may take every task of the queue (each has
an entry without a person). The entries are written where tasks and grants change: every save of a human
task (each step Viewflow takes saves it), every guardian grant saved or deleted, `accounts.grants`' bulk sync
(`grants_changed`), and changes of people's permissions and groups. `rebuild()` writes them all afresh (after
a bulk load, `manage.py rebuild_task_queue`).
"""
from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from guardian.models import GroupObjectPermission, UserObjectPermission
from viewflow.workflow.models import Task

from .models import QueueEntry

HUMAN = "t.flow_task_type = 'HUMAN'"
IN_QUEUE = f"{HUMAN} AND t.status = 'NEW' AND t.owner_permission IS NOT NULL"
PERMISSION_NAME = "c.app_label || '.' || p.codename = t.owner_permission"
EVERY = "1 = 1"


def waiting_for(user) -> Q:
    """The tasks with an entry for `user`: theirs, theirs to take, open to anyone (every task of the queue for
    a superuser). The caller keeps the task's own status and owner in the condition too."""
    if user.is_superuser:
        return Q(pk__in=QueueEntry.objects.filter(Q(user=user) | Q(user__isnull=True)).values("task"))
    return Q(queue_entries__user=user) | Q(queue_entries__anyone=True)


def _tables() -> dict[str, str]:
    user = get_user_model()
    groups = user._meta.get_field("groups")
    permissions = user._meta.get_field("user_permissions")
    return {
        "queue": QueueEntry._meta.db_table, "task": Task._meta.db_table, "user": user._meta.db_table,
        "grant": UserObjectPermission._meta.db_table, "group_grant": GroupObjectPermission._meta.db_table,
        "permission": Permission._meta.db_table, "content_type": ContentType._meta.db_table,
        "membership": groups.remote_field.through._meta.db_table, "member": groups.m2m_column_name(),
        "user_permission": permissions.remote_field.through._meta.db_table,
        "group_permission": Group.permissions.through._meta.db_table,
    }


def _holders(tasks: str, users: str) -> str:
    """SELECT (task, person) for the tasks matching `tasks` and the people `users(column)` keeps: grants on
    the task's object to them or their groups, the permission held outright, the task's owner."""
    on_object = ("g.content_type_id = t.owner_permission_content_type_id AND g.object_pk = t.owner_permission_obj_pk"
                 " JOIN {permission} p ON p.id = g.permission_id JOIN {content_type} c ON c.id = g.content_type_id")
    named = "JOIN {permission} p ON 1 = 1 JOIN {content_type} c ON c.id = p.content_type_id"
    where = f"WHERE {IN_QUEUE} AND {PERMISSION_NAME} AND ({tasks})"
    return " UNION ".join([
        f"SELECT t.id, g.user_id FROM {{task}} t JOIN {{grant}} g ON {on_object} {where}"
        f" AND {users.format('g.user_id')}",
        f"SELECT t.id, m.{{member}} FROM {{task}} t JOIN {{group_grant}} g ON {on_object}"
        f" JOIN {{membership}} m ON m.group_id = g.group_id {where} AND {users.format('m.{member}')}",
        f"SELECT t.id, u.id FROM {{task}} t {named} JOIN {{user_permission}} up ON up.permission_id = p.id"
        f" JOIN {{user}} u ON u.id = up.user_id AND u.is_active {where} AND {users.format('u.id')}",
        f"SELECT t.id, u.id FROM {{task}} t {named} JOIN {{group_permission}} gp ON gp.permission_id = p.id"
        f" JOIN {{membership}} m ON m.group_id = gp.group_id JOIN {{user}} u ON u.id = m.{{member}} AND u.is_active"
        f" {where} AND {users.format('u.id')}",
        f"SELECT t.id, t.owner_id FROM {{task}} t WHERE {HUMAN} AND t.owner_id IS NOT NULL AND (t.status = 'ASSIGNED'"
        f" OR (t.status = 'NEW' AND t.owner_permission IS NOT NULL)) AND ({tasks}) AND {users.format('t.owner_id')}",
    ])


def _refresh(tasks: str, task_params: list, users: str | None = None, user_params: Iterable = ()) -> None:
    """Write afresh the entries of the tasks `tasks` (SQL over `t`) for the people `users` (SQL over `{}`, the
    person's column), or for everyone and the tasks' own entries without a person."""
    tables = _tables()
    user_params = list(user_params)
    people = users or EVERY
    with connection.cursor() as cursor:
        scope = "1 = 1" if tasks == EVERY else f"task_id IN (SELECT t.id FROM {{task}} t WHERE {tasks})"
        if users:
            cursor.execute(f"DELETE FROM {{queue}} WHERE {scope} AND {users.format('user_id')}".format(**tables),
                           task_params + user_params)
        else:
            cursor.execute(f"DELETE FROM {{queue}} WHERE {scope}".format(**tables), task_params)
            cursor.execute(f"INSERT INTO {{queue}} (task_id, user_id, anyone) SELECT t.id, NULL, CASE WHEN"
                           f" t.owner_permission IS NULL THEN %s ELSE %s END FROM {{task}} t WHERE {HUMAN}"
                           f" AND t.status = 'NEW' AND ({tasks}) ON CONFLICT DO NOTHING".format(**tables),
                           [True, False] + task_params)
        holders = _holders(tasks, people).format(**tables)
        branches = holders.count("SELECT t.id")
        cursor.execute(f"INSERT INTO {tables['queue']} (task_id, user_id, anyone) SELECT holder.*, %s FROM ({holders})"
                       " holder WHERE 1 = 1 ON CONFLICT DO NOTHING", [False] + (task_params + user_params) * branches)


def _listed(column: str, values: list) -> str:
    return f"{column} IN ({', '.join(['%s'] * len(values))})"


def refresh_tasks(task_ids: list[int]) -> None:
    """After tasks changed (created, taken, done, cancelled, their permission or owner changed)."""
    if task_ids:
        _refresh(_listed("t.id", task_ids), list(task_ids))


def refresh_people(user_ids: Iterable[int]) -> None:
    """After people's grants, permissions, groups or activity changed: their entries for every open task."""
    user_ids = sorted(set(user_ids))
    if user_ids:
        _refresh(EVERY, [], _listed("{}", user_ids), user_ids)


def refresh_object(content_type_id: int, object_pk: str, user_ids: Iterable[int]) -> None:
    """After a grant on one object changed: the entries of these people for the tasks of that object."""
    user_ids = sorted(set(user_ids))
    if user_ids:
        # Only tasks of the queue depend on grants; naming their status lets the database use its index on it.
        _refresh("t.status = 'NEW' AND t.owner_permission_content_type_id = %s AND t.owner_permission_obj_pk = %s",
                 [content_type_id, str(object_pk)], _listed("{}", user_ids), user_ids)


def rebuild() -> int:
    """Write every entry afresh (after rows were loaded in bulk); returns how many there are."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {QueueEntry._meta.db_table}")
    _refresh(EVERY, [])
    return QueueEntry.objects.count()
