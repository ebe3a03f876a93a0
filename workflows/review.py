"""Review rounds driven by a case's chain: shared by every flow with agreement or evaluation steps.

A flow keeps the state of the round in its process data (which steps this round passes, where it
stands, the last decision and who returned the case); the case keeps the chain snapshot it started
with. A review node of a flow uses the methods below for its assignee, queue permission, deadline
and routing, so the flow itself reads like the regulation.
"""
from __future__ import annotations

from datetime import datetime
from datetime import timezone as dt_timezone

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from viewflow import this
from viewflow.workflow import flow

from accounts.grants import role_grant
from accounts.models import ROLE_SCOPES, RoleAssignment, Scope, User

from .chains import add_working_days
from .models import CaseEvent, Decision, ReviewerScope
from .notifications import notify


def case_of(process):
    return process.artifact


def round_state(process) -> dict:
    return process.data.setdefault("round", {"steps": [], "position": 0})


def start_round(process, steps: list[dict]) -> None:
    """Begin a review round over `steps` (snapshots of chain steps), from the first."""
    process.data["round"] = {"steps": steps, "position": 0}
    process.data.pop("decision", None)
    process.data.pop("returned_by", None)


def current_step(process) -> dict:
    state = round_state(process)
    return state["steps"][state["position"]]


def record_decision(process, decision: str, user) -> None:
    """Move the round on: approval goes to the next step, a return remembers who returned the case."""
    process.data["decision"] = decision
    if decision == Decision.APPROVE:
        round_state(process)["position"] += 1
        process.data.pop("returned_by", None)
    elif decision == Decision.RETURN:
        process.data["returned_by"] = user.pk


class ReviewStep(flow.View):
    """A human step whose queue permission and its object are flow methods (`this.…`), which
    Viewflow's `Permission()` does not resolve by itself."""

    def _resolve(self, instance) -> None:
        super()._resolve(instance)
        self._owner_permission = this.resolve(instance, self._owner_permission)
        self._owner_permission_obj = this.resolve(instance, self._owner_permission_obj)


class ReviewChainMixin:
    """Methods for review nodes: `.Assign(this.reviewer)`, `.Permission(this.reviewer_permission,
    obj=this.reviewer_scope_object)`, `.OnTimeout(this.step_deadline, …)` with `escalate_overdue`."""

    def has_view_permission(self, user, obj=None) -> bool:
        """The flow-level gate of Viewflow's inbox and queue; which tasks and cases a person sees is
        decided per object (task owner and queue grants, `accounts.permissions.visible`)."""
        return user.is_authenticated and user.is_active

    def reviewer(self, activation) -> User | None:
        """The named reviewer: whoever returned the case (on resubmission), or the personal reviewer."""
        process = activation.process
        returned_by = process.data.get("returned_by")
        if returned_by:
            return User.objects.get(pk=returned_by)
        if current_step(process)["reviewer_scope"] == ReviewerScope.PERSONAL:
            return self.personal_reviewer(case_of(process), current_step(process))
        return None

    def personal_reviewer(self, case, step: dict) -> User | None:
        """The person the case names in the step's role (the route's `mentor`)."""
        return getattr(case, step["role"], None)

    def reviewer_permission(self, activation) -> str | None:
        process = activation.process
        step = current_step(process)
        if process.data.get("returned_by") or step["reviewer_scope"] == ReviewerScope.PERSONAL:
            return None
        return role_grant(step["role"], step["reviewer_scope"], self.reviewer_scope_object(process))

    def reviewer_scope_object(self, process):
        case = case_of(process)
        step = current_step(process)
        return case.municipality if step["reviewer_scope"] == ReviewerScope.MUNICIPALITY else case.organisation

    def candidates(self, process, task) -> list[User]:
        """Who must act on the task: its owner, or everyone holding the step's role in scope."""
        if task.owner_id:
            return [task.owner]
        step = current_step(process)
        return list(RoleAssignment.objects.holders(step["role"], step["reviewer_scope"],
                                                   self.reviewer_scope_object(process)))

    def step_deadline(self, activation) -> datetime:
        return parse_datetime(activation.process.data["due_at"])

    def review_created(self, activation) -> None:
        """A review task exists: stamp its step and due date, update the case, tell the reviewers."""
        process, task = activation.process, activation.task
        step = current_step(process)
        due_at = add_working_days(timezone.now(), step["deadline_days"]).astimezone(dt_timezone.utc)
        process.data["due_at"] = due_at.isoformat()
        process.save(update_fields=["data"])
        task.data = {**task.data, "step": step["code"], "step_title": step["title"], "due_at": due_at.isoformat()}
        task.save(update_fields=["data"])
        case = case_of(process)
        self.show_step(case, step["title"], task.owner, due_at, self.status_while_open(activation))
        notify(self.candidates(process, task), _("%(case)s awaits your decision: %(step)s")
               % {"case": case.number, "step": step["title"]}, case.get_absolute_url())

    def author_task_created(self, activation) -> None:
        """A task of the author (revision, implementation, report) exists: show it on the case."""
        case = case_of(activation.process)
        title = str(activation.flow_task.task_title)
        activation.task.data = {**activation.task.data, "step_title": title}
        activation.task.save(update_fields=["data"])
        self.show_step(case, title, case.author, None, self.status_while_open(activation))

    def status_while_open(self, activation) -> str | None:
        """The case's status while the task being created is open (None: as it is); flows say which."""
        return None

    def show_step(self, case, title: str, assignee, due_at, status: str | None = None) -> None:
        """The case shows its current step, who acts and by when, and its status, saved at once: one
        history record for the step, not one for each field."""
        case.current_step, case.assignee, case.due_at = title, assignee, due_at
        fields = ["current_step", "assignee", "due_at", "updated_at"]
        if status:
            case.status = status
            fields.append("status")
        case.save(update_fields=fields)

    def set_status(self, case, status: str) -> None:
        case.status = status
        case.save(update_fields=["status", "updated_at"])

    def finish(self, case, status: str) -> None:
        """The case has ended: no step, nobody to act, no due date."""
        case.status, case.current_step, case.assignee, case.due_at = status, "", None, None
        case.save(update_fields=["status", "current_step", "assignee", "due_at", "updated_at"])

    def was_returned(self, activation) -> bool:
        return activation.process.data.get("decision") == Decision.RETURN

    def was_rejected(self, activation) -> bool:
        return activation.process.data.get("decision") == Decision.REJECT

    def round_goes_on(self, activation) -> bool:
        state = round_state(activation.process)
        return state["position"] < len(state["steps"])

    def escalate_overdue(self, activation) -> None:
        """The step's deadline passed: tell the reviewers and the escalation role, mark it on the timeline."""
        process = activation.process
        timer = activation.task.previous.get()
        host = timer.previous.get()  # the late step: its owner, or the holders of its role, must act
        step = current_step(process)
        case = case_of(process)
        recipients = self.candidates(process, host)
        if step.get("escalation_role"):
            role = step["escalation_role"]
            scope = Scope.ORGANISATION if Scope.ORGANISATION in ROLE_SCOPES[role] else Scope.MUNICIPALITY
            recipients += list(RoleAssignment.objects.holders(role, scope, getattr(case, scope)))
        CaseEvent.objects.create(process=process, task=host, kind=CaseEvent.Kind.OVERDUE, step_title=step["title"])
        notify(recipients, _("%(case)s: the step «%(step)s» is overdue") % {"case": case.number, "step": step["title"]},
               case.get_absolute_url())
