"""Mirror active role assignments into django-guardian object permissions.

Viewflow's task queue offers a task to users holding its `owner_permission` on its
`owner_permission_obj`, and reads only guardian's generic object-permission table. A role held in a
scope becomes the grant `accounts.act_as_<role>_in_<scope>` (competitions: `competitions.…`) on the scope object;
these grants are an index of the assignments, rebuilt whenever an assignment changes and daily for
validity dates that begin or end (`manage.py sync_role_grants`).
"""
from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from guardian.models import UserObjectPermission

from .models import RoleAssignment, Scope, grant_codename

GRANT_PREFIX = "act_as_"


def role_grant(role: str, scope: str, scope_object: models.Model) -> str:
    """The permission a task names as its owner permission, for `role` held in scope `scope_object`."""
    return f"{scope_object._meta.app_label}.{grant_codename(role, scope)}"


def sync_role_grants(user, on: date | None = None) -> None:
    """Make the user's guardian grants match their active role assignments."""
    wanted: set[tuple[int, int, str]] = set()
    assignments = RoleAssignment.objects.active(on).filter(user=user) if user.is_active else []
    permissions = _grant_permissions()
    for assignment in assignments:
        if assignment.scope == Scope.INSTALLATION:
            continue
        content_type = ContentType.objects.get_for_model(type(assignment.scope_object))
        permission = permissions.get((content_type.pk, grant_codename(assignment.role, assignment.scope)))
        if permission is not None:
            wanted.add((permission, content_type.pk, str(getattr(assignment, f"{assignment.scope}_id"))))

    existing = {
        (grant.permission_id, grant.content_type_id, grant.object_pk): grant.pk
        for grant in UserObjectPermission.objects.filter(user=user, permission__codename__startswith=GRANT_PREFIX)
    }
    UserObjectPermission.objects.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted]).delete()
    UserObjectPermission.objects.bulk_create(
        [
            UserObjectPermission(user=user, permission_id=permission, content_type_id=content_type, object_pk=pk)
            for permission, content_type, pk in wanted - existing.keys()
        ]
    )


def _grant_permissions() -> dict[tuple[int, str], int]:
    return {
        (content_type, codename): pk
        for pk, content_type, codename in Permission.objects.filter(codename__startswith=GRANT_PREFIX).values_list(
            "pk", "content_type_id", "codename"
        )
    }


def sync_all_role_grants(on: date | None = None) -> int:
    """Rebuild everyone's grants (daily, for validity dates that begin or end); returns how many people."""
    from .models import User

    people = User.objects.filter(role_assignments__isnull=False).distinct()
    for user in people.iterator():
        sync_role_grants(user, on)
    return people.count()
