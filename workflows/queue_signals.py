"""Keep the per-person task queue (`workflows.queue`) with the tasks and the grants it mirrors."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from guardian.models import GroupObjectPermission, UserObjectPermission
from viewflow.workflow.models import Task

from accounts.grants import grants_changed

from . import queue

User = get_user_model()


@receiver(post_save)
def task_saved(sender, instance, created: bool, **kwargs) -> None:
    # Viewflow saves a task at each of its transitions (created, assigned, started, done, cancelled); flows may use
    # a subclass of Task as their task class, hence no `sender`.
    if isinstance(instance, Task) and instance.flow_task_type == "HUMAN":
        queue.refresh_tasks([instance.pk])


@receiver([post_save, post_delete], sender=UserObjectPermission)
def grant_changed(sender, instance: UserObjectPermission, **kwargs) -> None:
    queue.refresh_object(instance.content_type_id, instance.object_pk, [instance.user_id])


@receiver([post_save, post_delete], sender=GroupObjectPermission)
def group_grant_changed(sender, instance: GroupObjectPermission, **kwargs) -> None:
    members = User.groups.through.objects.filter(group_id=instance.group_id).values_list("user_id", flat=True)
    queue.refresh_object(instance.content_type_id, instance.object_pk, members)


@receiver(grants_changed)
def grants_synced(sender, users: list[int], **kwargs) -> None:
    queue.refresh_people(users)


@receiver(post_save, sender=User)
def person_saved(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    # Permissions held outright count only while the account is active; a sign-in saves last_login alone.
    if not created and (update_fields is None or "is_active" in update_fields):
        queue.refresh_people([instance.pk])


def _people(instance, pk_set) -> list[int] | None:
    """Who a change of a person's permissions or groups touches (from either side); None when a clear from the
    permission's or group's side names no one."""
    if isinstance(instance, User):
        return [instance.pk]
    return None if pk_set is None else list(pk_set)


@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=User.groups.through)
def people_permissions_changed(sender, instance, action: str, model, pk_set, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        people = _people(instance, pk_set)
        queue.rebuild() if people is None else queue.refresh_people(people)


@receiver(m2m_changed, sender=Group.permissions.through)
def group_permissions_changed(sender, instance, action: str, model, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Group):
        groups = [instance.pk]
    elif pk_set is not None and model is Group:
        groups = list(pk_set)
    else:
        queue.rebuild()
        return
    queue.refresh_people(User.groups.through.objects.filter(group_id__in=groups).values_list("user_id", flat=True))
