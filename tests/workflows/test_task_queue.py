"""The task queue kept per person (`workflows.queue`) holds what Viewflow's own queue and inbox decide from
guardian's tables, for everyone of a generated region, before and after grants are added and removed (role
assignments, guardian directly, a group's grant, a permission held outright, an account deactivated) and
tasks are claimed, released, completed and cancelled; and what was kept along the way is what a rebuild
writes."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role, RoleAssignment, User
from bench import generate
from routes import services as route_services
from routes.models import IndividualRoute
from workflows import queue
from workflows.models import QueueEntry
from workflows.services import claim
from workflows.tasks import open_to
from workflows.types import case_flows

pytestmark = pytest.mark.django_db(transaction=True)

REGION = ["--municipalities", "2", "--teachers", "400", "--organisations", "80", "--years", "1",
          "--tasks", "4000", "--material-share", "0.6", "--grants", "60", "--inbox", "5",
          "--seed", "3", "--today", "2026-11-02"]


def viewflow_decides(person: User) -> set[int]:
    person = User.objects.get(pk=person.pk)  # Viewflow caches the grants it read on the user object
    flows = case_flows()
    queue_tasks = Task.objects.queue(flows, person).filter(flow_task_type="HUMAN").values_list("pk", flat=True)
    return set(queue_tasks) | set(Task.objects.inbox(flows, person).values_list("pk", flat=True))


def kept(person: User) -> set[int]:
    return set(open_to(User.objects.get(pk=person.pk)).values_list("pk", flat=True))


def differences(people) -> dict[str, set[int]]:
    """Per person, the tasks only one of the two offers."""
    found = {}
    for person in people:
        ours, viewflow = kept(person), viewflow_decides(person)
        if ours != viewflow:
            found[person.username] = ours ^ viewflow
    return found


def assert_kept_as_rebuilt() -> None:
    maintained = set(QueueEntry.objects.values_list("task", "user", "anyone"))
    queue.rebuild()
    assert set(QueueEntry.objects.values_list("task", "user", "anyone")) == maintained


def in_queue() -> list[Task]:
    return list(Task.objects.filter(flow_task_type="HUMAN", status=STATUS.NEW, owner_permission__isnull=False)
                .order_by("pk"))


def role_for(task: Task) -> dict:
    """A role assignment in the scope whose holders the task's queue waits for."""
    role, _in, scope = task.owner_permission.split(".", 1)[1].removeprefix("act_as_").rpartition("_in_")
    return {"role": role, scope: task.owner_permission_obj}


def holder_of(task: Task, people, *, not_author: bool = False) -> User:
    case = task.process.artifact
    return next(person for person in people if task.pk in viewflow_decides(person)
                and not (not_author and person.pk == case.author_id))


def test_the_queue_kept_per_person_is_viewflows_queue_through_grant_and_task_changes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert generate.main(REGION) == 0
    staff = list(User.objects.exclude(role_assignments__role=Role.TEACHER).order_by("pk"))
    teachers = list(User.objects.filter(role_assignments__role=Role.TEACHER).order_by("pk")[:12])
    busy = User.objects.get(pk=max(staff, key=lambda person: person.userobjectpermission_set.count()).pk)
    superuser = User.objects.create(username="root", is_superuser=True)
    # Every fourth of the staff (directors, leads, mentors, methodists, experts…), some teachers, a superuser.
    people = [busy, superuser, *staff[::4], *teachers]
    tasks = in_queue()
    assert len(tasks) >= 6 and QueueEntry.objects.filter(user__isnull=False, task__status=STATUS.NEW).exists()
    assert differences(people) == {}

    # Grants: a role ended, a role begun, guardian's own calls, a group's grant, a permission held outright.
    busy_tasks = kept(busy)
    for assignment in busy.role_assignments.all():
        assignment.valid_from = timezone.localdate() - timedelta(days=30)
        assignment.valid_until = timezone.localdate() - timedelta(days=1)
        assignment.save()
    newcomer, guest, member, outright = teachers[:4]
    RoleAssignment.objects.create(user=newcomer, **role_for(tasks[0]))
    assign_perm(tasks[1].owner_permission, guest, tasks[1].owner_permission_obj)
    assign_perm(tasks[2].owner_permission, guest, tasks[2].owner_permission_obj)
    remove_perm(tasks[2].owner_permission, guest, tasks[2].owner_permission_obj)
    group = Group.objects.create(name="reviewers")
    assign_perm(tasks[3].owner_permission, group, tasks[3].owner_permission_obj)
    member.groups.add(group)
    app_label, codename = tasks[4].owner_permission.split(".")
    outright.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    assert busy_tasks - kept(busy) and tasks[0].pk in kept(newcomer) and tasks[1].pk in kept(guest)
    assert tasks[2].pk not in kept(guest) and tasks[3].pk in kept(member) and tasks[4].pk in kept(outright)
    assert differences(people) == {}

    # Tasks: claimed, released, completed, cancelled; an account deactivated loses what it held outright.
    claimed, released, cancelled = tasks[5], tasks[-1], tasks[-2]
    claim(claimed, holder_of(claimed, people, not_author=True))
    claim(released, holder_of(released, people, not_author=True))
    with Task.objects.get(pk=released.pk).activation() as activation:
        activation.unassign()
    with Task.objects.get(pk=cancelled.pk).activation() as activation:
        activation.cancel()
    at_agreement = next(task for task in in_queue() if task.flow_task.name == "agreement"
                        and isinstance(task.process.artifact, IndividualRoute))
    route_services.review(at_agreement.process.artifact, holder_of(at_agreement, people, not_author=True), "approve")
    outright.is_active = False
    outright.save()
    assert Task.objects.get(pk=at_agreement.pk).status == STATUS.DONE
    assert tasks[4].pk not in kept(outright) and cancelled.pk not in kept(busy)
    assert differences(people) == {}
    assert_kept_as_rebuilt()
