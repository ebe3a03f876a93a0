"""Reads of applications for a site's status: what a person may do with one now, and who may sign its order."""
from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Role, RoleAssignment, User
from accounts.permissions import may
from workflows.services import can_act_on, open_tasks

from .models import SiteApplication

Status = SiteApplication.Status

# What a person may do with an application, as the page's buttons and the API's verbs name it.
ACTIONS = ("edit", "submit", "check", "assign_experts", "replace_expert", "review", "protocol", "order")
NODE_ACTIONS = {"check": "check", "assign_experts": "assign_experts", "replace_expert": "replace_expert",
                "expert_review": "review", "protocol": "protocol", "order": "order"}


def available_actions(application: SiteApplication, user) -> set[str]:
    """What `user` may do with the application now: the buttons of its page."""
    actions: set[str] = set()
    if may(user, "edit", application) and may(user, "apply", application):
        actions |= {"edit", "submit"}
    if not application.process_id:
        return actions
    for task in open_tasks(application):
        if can_act_on(task, user):
            actions.add(NODE_ACTIONS.get(task.flow_task.name, ""))
    actions.discard("")
    return actions


def signatories(application: SiteApplication) -> QuerySet[User]:
    """Who signs the department's orders: its officers in the application's municipality."""
    held = RoleAssignment.objects.active().filter(role=Role.OFFICER, municipality=application.municipality)
    return User.objects.filter(pk__in=held.values("user_id"), is_active=True).order_by("last_name", "pk")
