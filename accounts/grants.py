"""Mirror active role assignments into django-guardian object permissions.

Viewflow's task queue offers a task to users holding its `owner_permission` on its
`owner_permission_obj`, and reads only guardian's generic object-permission table. A role held in a
scope becomes the grant `accounts.act_as_<role>_in_<scope>` on the scope object; these grants are an
index of the assignments, rebuilt whenever an assignment changes and daily for validity dates that
begin or end (`manage.py sync_role_grants`).

A process app that models memberships of its own (a competition's jury) registers a `GrantMirror`, and
its grants are rebuilt with the same calls, so accounts needs to know nothing of the app.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.dispatch import Signal
from guardian.models import UserObjectPermission

from .models import RoleAssignment, Scope, User, grant_codename

GRANT_PREFIX = "act_as_"
# Sent with `users` (their pks) after a sync added grants in bulk (bulk_create sends no post_save; deleted grants send
# post_delete each): whatever mirrors the grants (the task queue) reads them again.
grants_changed = Signal()
# The people whose sync waits for the end of a bulk change (`synced_at_the_end`), or None.
_pending: ContextVar[set[int] | None] = ContextVar("methodflow_pending_grant_syncs", default=None)


@dataclass(frozen=True)
class GrantMirror:
    """Guardian grants on `model` objects that mirror a process app's own memberships.

    `codenames` are the permissions the mirror owns on `model` (no one else grants them); `wanted(user, on)`
    names the (codename, object pk) pairs the user should hold on that day; `people()` is everyone who
    may hold one, for the daily rebuild; `held(user)` lists the user's memberships not yet ended for their
    personal page (each with `get_role_display`, `get_scope_display`, `scope_object`, `valid_from`,
    `valid_until` and `is_active(on)`, as a role assignment has).
    """

    model: type[models.Model]
    codenames: frozenset[str]
    wanted: Callable[[User, date | None], Iterable[tuple[str, int]]]
    people: Callable[[], models.QuerySet]
    held: Callable[[User, date], Iterable] = lambda user, today: ()


_mirrors: list[GrantMirror] = []


def mirror_grants(mirror: GrantMirror) -> None:
    """Register a process app's membership grants (called from its AppConfig.ready)."""
    _mirrors.append(mirror)


def role_grant(role: str, scope: str, scope_object: models.Model) -> str:
    """The permission a task names as its owner permission, for `role` held in scope `scope_object`."""
    return f"{scope_object._meta.app_label}.{grant_codename(role, scope)}"


@contextmanager
def synced_at_the_end() -> Iterator[None]:
    """A bulk change (the demo's people, a staff import) touches one person's assignments many times:
    inside, each person is synced once, when the block ends, instead of at every change. Nothing is synced
    if the block raises, as its transaction rolls back."""
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    _sync_many(pending)


def _sync_many(pending: set[int]) -> None:
    """`sync_role_grants` for many people at once: their assignments' grants read, withdrawn and added in a few
    queries for all of them, the task queue refreshed once; a mirror's grants only for those of them who hold
    or may hold one (for new staff, nobody)."""
    if not pending:
        return
    people = {user.pk: user for user in User.objects.filter(pk__in=pending)}
    permissions = _grant_permissions()
    mirrored = [ContentType.objects.get_for_model(mirror.model) for mirror in _mirrors]
    wanted: set[tuple[int, int, int, str]] = set()
    for assignment in RoleAssignment.objects.active().filter(user__in=people.keys()):
        if assignment.scope == Scope.INSTALLATION or not people[assignment.user_id].is_active:
            continue
        content_type = _scope_content_type(assignment.scope)
        permission = permissions.get((content_type.pk, grant_codename(assignment.role, assignment.scope)))
        if permission is not None:
            wanted.add((assignment.user_id, permission, content_type.pk,
                        str(getattr(assignment, f"{assignment.scope}_id"))))
    existing = {
        (grant.user_id, grant.permission_id, grant.content_type_id, grant.object_pk): grant.pk
        for grant in UserObjectPermission.objects.filter(user__in=people.keys(),
                                                         permission__codename__startswith=GRANT_PREFIX)
        .exclude(content_type__in=mirrored)
    }
    UserObjectPermission.objects.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted]).delete()
    added = UserObjectPermission.objects.bulk_create(
        [UserObjectPermission(user_id=user, permission_id=permission, content_type_id=content_type, object_pk=pk)
         for user, permission, content_type, pk in wanted - existing.keys()], batch_size=1000)
    if added:
        grants_changed.send(sender=UserObjectPermission, users=sorted({grant.user_id for grant in added}))
    for mirror, content_type in zip(_mirrors, mirrored):
        concerned = (set(mirror.people().filter(pk__in=people.keys()).values_list("pk", flat=True))
                     | set(UserObjectPermission.objects.filter(user__in=people.keys(), content_type=content_type)
                           .values_list("user_id", flat=True)))
        for pk in concerned:
            _sync_mirror(people[pk], mirror, None)


def sync_role_grants(user, on: date | None = None) -> None:
    """Make the user's guardian grants match their active role assignments and memberships."""
    pending = _pending.get()
    if pending is not None and on is None:
        pending.add(user.pk)
        return
    held = _held_grants(user)
    _sync_assignment_grants(user, on, held)
    for mirror in _mirrors:
        _sync_mirror(user, mirror, on, held)


def _held_grants(user) -> dict[tuple[int, int, str], int]:
    """Every grant the user holds that a sync owns (role grants and the mirrors'), read at once."""
    owned = set(_grant_permissions().values()) | {pk for mirror in _mirrors for pk in _mirror_permissions(mirror).values()}
    return {(permission, content_type, object_pk): pk for pk, permission, content_type, object_pk in
            UserObjectPermission.objects.filter(user=user, permission__in=owned)
            .values_list("pk", "permission_id", "content_type_id", "object_pk")}


def _sync_assignment_grants(user, on: date | None, held: dict[tuple[int, int, str], int]) -> None:
    wanted: set[tuple[int, int, str]] = set()
    assignments = RoleAssignment.objects.active(on).filter(user=user) if user.is_active else []
    permissions = _grant_permissions()
    for assignment in assignments:
        if assignment.scope == Scope.INSTALLATION:
            continue
        content_type = _scope_content_type(assignment.scope)
        permission = permissions.get((content_type.pk, grant_codename(assignment.role, assignment.scope)))
        if permission is not None:
            wanted.add((permission, content_type.pk, str(getattr(assignment, f"{assignment.scope}_id"))))
    mirrored = {ContentType.objects.get_for_model(mirror.model).pk for mirror in _mirrors}
    _apply(user, wanted, {key: pk for key, pk in held.items() if key[1] not in mirrored})


def memberships(user, today: date) -> list:
    """The user's memberships in process apps (a jury) not yet ended, as their mirrors list them."""
    return [membership for mirror in _mirrors for membership in mirror.held(user, today)]


def _sync_mirror(user, mirror: GrantMirror, on: date | None,
                 held: dict[tuple[int, int, str], int] | None = None) -> None:
    content_type = ContentType.objects.get_for_model(mirror.model)
    permissions = _mirror_permissions(mirror)
    wanted = {(permissions[name], content_type.pk, str(pk)) for name, pk in mirror.wanted(user, on)} \
        if user.is_active else set()
    if held is None:
        held = _held_grants(user)
    _apply(user, wanted, {key: pk for key, pk in held.items()
                          if key[1] == content_type.pk and key[0] in permissions.values()})


def _apply(user, wanted: set[tuple[int, int, str]], existing: dict[tuple[int, int, str], int]) -> None:
    """Withdraw the grants no longer wanted, add the missing ones."""
    UserObjectPermission.objects.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted]).delete()
    added = UserObjectPermission.objects.bulk_create(
        [
            UserObjectPermission(user=user, permission_id=permission, content_type_id=content_type, object_pk=pk)
            for permission, content_type, pk in wanted - existing.keys()
        ]
    )
    if added:
        grants_changed.send(sender=UserObjectPermission, users=[user.pk])


# Permission and content type ids are fixed once the tables are built; they are read again after a rebuild (a
# flush, a migrate), which sends post_migrate.
_permission_ids: dict[object, dict] = {}


def forget_permission_ids(**kwargs) -> None:
    _permission_ids.clear()


def _grant_permissions() -> dict[tuple[int, str], int]:
    if "roles" not in _permission_ids:
        found = {(content_type, codename): pk
                 for pk, content_type, codename in Permission.objects.filter(codename__startswith=GRANT_PREFIX)
                 .values_list("pk", "content_type_id", "codename")}
        if not found:  # the tables are still being built
            return found
        _permission_ids["roles"] = found
    return _permission_ids["roles"]


def _mirror_permissions(mirror: GrantMirror) -> dict[str, int]:
    """The mirror's codenames with their permission ids."""
    if mirror not in _permission_ids:
        found = dict(Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(mirror.model), codename__in=mirror.codenames)
            .values_list("codename", "pk"))
        if len(found) < len(mirror.codenames):  # the tables are still being built
            return found
        _permission_ids[mirror] = found
    return _permission_ids[mirror]


def _scope_content_type(scope: str) -> ContentType:
    """The content type of a scope's objects, from the assignment's field (no read of the object itself)."""
    return ContentType.objects.get_for_model(RoleAssignment._meta.get_field(scope).related_model)


def sync_all_role_grants(on: date | None = None) -> int:
    """Rebuild everyone's grants (daily, for validity dates that begin or end); returns how many people."""
    # Unordered parts: SQLite (the demo's database) allows no ORDER BY inside a UNION.
    ids = User.objects.filter(role_assignments__isnull=False).order_by().values("pk")
    for mirror in _mirrors:
        ids = ids.union(mirror.people().order_by().values("pk"))
    people = User.objects.filter(pk__in=ids)
    for user in people.iterator():
        sync_role_grants(user, on)
    return people.count()
