"""Review rounds driven by a case's chain: shared by every flow with agreement or evaluation steps.

A flow keeps the state of the round in its process data as a typed `rounds.RoundState` (which steps
this round passes, where it stands, the last decision, who returned the case, the step's deadline); the
case keeps the chain snapshot it started with. A review node of a flow uses the methods below for its assignee, queue permission, deadline
and routing, so the flow itself reads like the regulation.
"""
from __future__ import annotations

from datetime import datetime
from datetime import timezone as dt_timezone

from django.db.models import Count, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.grants import role_grant
from accounts.models import ROLE_SCOPES, Role, RoleAssignment, Scope, User

from . import rounds
from .chains import add_working_days
from .models import CaseEvent, Decision, ReviewerScope
from .notifications import notify
from .rounds import RoundState


def case_of(process):
    return process.artifact


def least_loaded(people: QuerySet[User]) -> User | None:
    """The person with the fewest open tasks, then the first registered: a fair and repeatable choice."""
    people = list(people.order_by("pk"))
    if not people:
        return None
    load = {row["owner"]: row["open"] for row in Task.objects.filter(
        owner__in=people, status__in=(STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)).values("owner").annotate(
        open=Count("pk"))}
    return min(people, key=lambda person: (load.get(person.pk, 0), person.pk))


def holders_near(role: str, case) -> QuerySet[User]:
    """Who holds `role` for the case: in its school where the role is held in schools, else in its
    municipality (escalation roles, the other mentors of a school)."""
    scope = Scope.ORGANISATION if Scope.ORGANISATION in ROLE_SCOPES[role] else Scope.MUNICIPALITY
    return RoleAssignment.objects.holders(role, scope, getattr(case, scope))


def start_round(process, steps: list[dict]) -> None:
    """Begin a review round over `steps` (snapshots of chain steps), from the first."""
    rounds.save(process, RoundState(steps=steps))


def current_step(process) -> dict:
    return rounds.load(process).current


def record_decision(process, decision: str, user) -> None:
    """Move the round on: approval goes to the next step, a return remembers who returned the case."""
    state = rounds.load(process)
    state.decision = decision
    if decision == Decision.APPROVE:
        state.position += 1
        state.returned_by = None
    elif decision == Decision.RETURN:
        state.returned_by = user.pk
    rounds.save(process, state)


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
        state = rounds.load(process)
        if state.returned_by:
            return User.objects.get(pk=state.returned_by)
        if state.current["reviewer_scope"] == ReviewerScope.PERSONAL:
            return self.personal_reviewer(case_of(process), state.current)
        return None

    def personal_reviewer(self, case, step: dict) -> User | None:
        """The person the case names in the step's role (the route's `mentor`)."""
        return getattr(case, step["role"], None)

    def reviewer_permission(self, activation) -> str | None:
        process = activation.process
        state = rounds.load(process)
        step = state.current
        if state.returned_by or step["reviewer_scope"] == ReviewerScope.PERSONAL:
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

    # Conflict of interest

    def people_in_conflict(self, case) -> set[int]:
        """Who never takes a review or decision step of the case: its author (flows add co-authors,
        participants)."""
        return {case.author_id}

    def step_holders(self, activation) -> tuple[str, QuerySet[User], str]:
        """The role that takes the step being created, its holders in scope and the escalation role."""
        step = current_step(activation.process)
        if step["reviewer_scope"] == ReviewerScope.PERSONAL:  # the others of the named role: in the school
            holders = holders_near(step["role"], case_of(activation.process))
        else:
            holders = RoleAssignment.objects.holders(step["role"], step["reviewer_scope"],
                                                     self.reviewer_scope_object(activation.process))
        return step["role"], holders, step.get("escalation_role") or ""

    def owner_free_of_conflict(self, activation, owner: User | None) -> User | None:
        """The task's owner: `owner` (the named reviewer, or nobody for the queue), unless a person in
        conflict with the case would take the step. Then a holder of the role in scope free of conflict
        (fewest open tasks, then the first registered), else one of the escalation role; the timeline
        says so when the task is created (`note_conflict`)."""
        case = case_of(activation.process)
        conflicted = self.people_in_conflict(case)
        if owner is not None and owner.pk not in conflicted:
            return owner
        role, holders, escalation_role = self.step_holders(activation)
        holders = holders.filter(is_active=True)
        if owner is None and not holders.filter(pk__in=conflicted).exists():
            return None
        chosen = least_loaded(holders.exclude(pk__in=conflicted))
        escalated = chosen is None and bool(escalation_role)
        if escalated:
            chosen = least_loaded(holders_near(escalation_role, case).filter(is_active=True).exclude(
                pk__in=conflicted))
        activation.conflict_note = {"passed_to": chosen, "escalated": escalated,
                                    "role": escalation_role if escalated else role}
        # With nobody free of conflict the task keeps its owner (who cannot act on it) or stays in the
        # queue (where the conflicted cannot take it) until an administrator assigns it.
        return chosen if chosen is not None else owner

    def note_conflict(self, activation, step_title: str) -> None:
        """Put on the timeline that the step went past a reviewer in conflict of interest, and to whom."""
        note = getattr(activation, "conflict_note", None)
        if note is None:
            return
        person = note["passed_to"]
        if person is None:
            comment = _("Every holder of the step's role is an author or a participant of the case: "
                        "an administrator must assign the step.")
        elif note["escalated"]:
            comment = _("The step was passed to %(person)s (%(role)s): every reviewer in scope is an author "
                        "or a participant of the case.") % {"person": person, "role": Role(note["role"]).label}
        else:
            comment = _("The step was passed to %(person)s: the reviewer in scope is an author or a participant "
                        "of the case.") % {"person": person}
        CaseEvent.objects.create(process=activation.process, task=activation.task, step_title=step_title,
                                 kind=CaseEvent.Kind.CONFLICT_OF_INTEREST, comment=comment)

    def step_deadline(self, activation) -> datetime:
        return rounds.load(activation.process).deadline

    def review_created(self, activation) -> None:
        """A review task exists: stamp its step and due date, update the case, tell the reviewers."""
        process, task = activation.process, activation.task
        state = rounds.load(process)
        step = state.current
        due_at = add_working_days(timezone.now(), step["deadline_days"]).astimezone(dt_timezone.utc)
        state.due_at = due_at.isoformat()
        rounds.save(process, state)
        process.save(update_fields=["data"])
        task.data = {**task.data, "step": step["code"], "step_title": step["title"], "due_at": due_at.isoformat()}
        task.save(update_fields=["data"])
        self.note_conflict(activation, step["title"])
        case = case_of(process)
        self.show_step(case, step["title"], task.owner, due_at, self.status_while_open(activation))
        self.tell_who_acts(case, self.candidates(process, task), step["title"], due_at)

    def tell_who_acts(self, case, people, step_title: str, due_at: datetime | None = None) -> None:
        """Tell whoever must act on a new task what it is and by when (the bell and e-mail)."""
        if due_at is None:
            message = _("%(case)s awaits you: %(step)s") % {"case": case.number, "step": step_title}
        else:
            message = _("%(case)s awaits you: %(step)s, due %(due)s") % {
                "case": case.number, "step": step_title, "due": formats.date_format(timezone.localtime(due_at),
                                                                                     "d.m.Y")}
        notify(people, message, case.get_absolute_url())

    def who_acts(self, activation) -> list[User]:
        """Whoever must act on the task being created: its owner, or the holders of the step's role in scope."""
        if activation.task.owner_id:
            return [activation.task.owner]
        conflicted = self.people_in_conflict(case_of(activation.process))
        return list(self.step_holders(activation)[1].filter(is_active=True).exclude(pk__in=conflicted))

    # The regulations give no term for an expert's review; a municipality's deadline days are for chain steps.
    person_step_days = 10

    def person_task_created(self, activation) -> None:
        """A named person's task (an expert's review) exists: its step title and due date, and they are told."""
        task = activation.task
        title = str(activation.flow_task.task_title)
        due_at = add_working_days(timezone.now(), self.person_step_days).astimezone(dt_timezone.utc)
        task.data = {**task.data, "step_title": title, "due_at": due_at.isoformat()}
        task.save(update_fields=["data"])
        self.tell_who_acts(case_of(activation.process), [task.owner], title, due_at)

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
        return rounds.load(activation.process).decision == Decision.RETURN

    def was_rejected(self, activation) -> bool:
        return rounds.load(activation.process).decision == Decision.REJECT

    def round_goes_on(self, activation) -> bool:
        return rounds.load(activation.process).goes_on

    def escalate_overdue(self, activation) -> None:
        """The step's deadline passed: tell the reviewers and the escalation role, mark it on the timeline."""
        process = activation.process
        timer = activation.task.previous.get()
        host = timer.previous.get()  # the late step: its owner, or the holders of its role, must act
        step = current_step(process)
        case = case_of(process)
        recipients = self.candidates(process, host)
        if step.get("escalation_role"):
            recipients += list(holders_near(step["escalation_role"], case))
        CaseEvent.objects.create(process=process, task=host, kind=CaseEvent.Kind.OVERDUE, step_title=step["title"])
        notify(recipients, _("%(case)s: the step «%(step)s» is overdue") % {"case": case.number, "step": step["title"]},
               case.get_absolute_url())
