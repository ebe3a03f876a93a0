"""Acting on tasks: claim a task, decide on a review step. Pages, the API and tests all come here.

Viewflow's transitions check the task's state, not who acts, so every action checks
`can_assign`/`can_execute` itself, under the flow's lock on the process row.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .chains import chain_for, snapshot
from .decisions import decided_words
from .models import CaseEvent, CaseFile, Decision
from .notifications import notify
from .nodes import ReviewStep
from .review import case_of, current_step, record_decision
from .types import case_type_for
from .uploads import validate_upload

DECISION_EVENTS = {
    Decision.APPROVE: CaseEvent.Kind.APPROVED,
    Decision.RETURN: CaseEvent.Kind.RETURNED,
    Decision.REJECT: CaseEvent.Kind.REJECTED,
}


ACTIVE = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


class TaskAlreadyDone(ValidationError):
    """Someone else completed or claimed the task first."""


class CaseConflict(TaskAlreadyDone):
    """The case has already moved on (a second click on «submit», two windows): the API answers 409."""


class Refused(PermissionDenied):
    """A 403 naming the rule refused, for API clients (`conflict_of_interest`, `not_your_step`)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def lock_case(case) -> None:
    """Wait for the case's row and re-read the case, inside the caller's transaction.

    Every action that starts a process or a step reads the case's status only after this: of two
    simultaneous submits the second waits here and then finds the case submitted, so a case never has
    two live processes. The services take it before the flow's lock on the process row.
    """
    type(case)._default_manager.select_for_update().filter(pk=case.pk).exists()
    case.refresh_from_db()


def lock_case_at(case, statuses: Iterable[str], already: str, code: str = "already_done") -> None:
    """`lock_case`, then 409 (`already`, `code`) if the case is no longer at one of `statuses`: someone did it
    first."""
    lock_case(case)
    if case.status not in statuses:
        raise CaseConflict(already, code=code)


def submit_case(case, user, flow_class, revision_node: str, reply: str = "") -> None:
    """A draft's process starts; a returned case goes back to the step that returned it (the `revision_node`
    task, done as a resubmission, with the author's `reply` to the return comment on the timeline). The
    caller holds the case's lock and has checked its status."""
    if case.process_id is None:
        start_case(case, flow_class, user)
    else:
        complete_task(active_task(case, revision_node), user, CaseEvent.Kind.RESUBMITTED, reply.strip())


def last_event(case, kind: str) -> CaseEvent | None:
    """The latest event of `kind` on the case's timeline (the return being answered, the author's reply)."""
    if not case.process_id:
        return None
    return (CaseEvent.objects.filter(process_id=case.process_id, kind=kind).select_related("actor")
            .order_by("-created_at", "-pk").first())


def start_case(case, flow_class, user) -> None:
    """Submit a case: it copies the municipality's chain in force today, for good, and its process starts
    (the flow's start saves the case with its process)."""
    with transaction.atomic():
        lock_case(case)
        if case.process_id:
            raise CaseConflict(_("The case has already been submitted."), code="already_submitted")
        chain = chain_for(case.municipality, case_type_for(flow_class).key)
        case.chain_steps, case.chain_version = snapshot(chain), chain.version
        flow_class.submit.run(case=case, user=user)


def open_tasks(case) -> QuerySet[Task]:
    """The human tasks of the case's process that are not finished."""
    return Task.objects.filter(process_id=case.process_id, status__in=ACTIVE, flow_task_type="HUMAN")


def active_task(case, *node_names: str) -> Task:
    for task in open_tasks(case).order_by("pk"):
        if task.flow_task.name in node_names:
            return task
    raise ValidationError(_("The case is not at a step where this can be done."), code="wrong_step")


def complete_task(task: Task, user, kind: str, comment: str = "", files: Iterable[UploadedFile] = (),
                  process_data: dict | None = None, task_data: dict | None = None) -> CaseEvent:
    """Do a step that is not a review decision (resubmission, report, expert's review…), on the timeline."""
    with task.activation() as activation:
        start_task(activation, user)
        event = CaseEvent.objects.create(process=activation.process, task=task, kind=kind, actor=user,
                                         comment=comment, step_title=task.data.get("step_title", ""))
        attach(event, files)
        if process_data:
            activation.process.data.update(process_data)
            activation.process.save(update_fields=["data"])
        if task_data:
            activation.task.data.update(task_data)
        activation.execute()
    return event


def claim(task: Task, user) -> Task:
    """Take a task from the queue of everyone holding the step's role."""
    with task.activation() as activation:
        refuse_conflict_of_interest(activation.flow_task, task, user)
        refuse_unless_in_queue(task, user)
        if not activation.flow_task.can_assign(user, task):
            raise Refused(_("You may not take this task."), "not_your_step")
        activation.assign(user)
    return task


def refuse_unless_in_queue(task: Task, user) -> None:
    """409 for a task no longer in the queue, saying why: done, already yours, or taken by someone else."""
    if task.status in (STATUS.ASSIGNED, STATUS.STARTED) and task.owner_id == user.pk:
        raise TaskAlreadyDone(_("You have already taken this task; complete it."), code="already_yours")
    refuse_unless_open(task, user)
    if task.status != STATUS.NEW:
        raise TaskAlreadyDone(_("This task has already been taken by someone else."), code="taken_by_another")


def refuse_unless_open(task: Task, user) -> None:
    """409 for a step done, or held by someone other than `user`."""
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        raise TaskAlreadyDone(_("This step has already been completed."), code="step_done")
    if task.status == STATUS.ASSIGNED and task.owner_id != user.pk:
        raise TaskAlreadyDone(_("This task has already been taken by someone else."), code="taken_by_another")


def can_act_on(task: Task | None, user) -> bool:
    if task is None or task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        return False
    node = task.flow_task
    return node.can_execute(user, task) or (task.status == STATUS.NEW and node.can_assign(user, task))


def start_task(activation, user) -> None:
    """Take the task if it is still in the queue, then start it; or refuse, saying why."""
    task, node = activation.task, activation.flow_task
    refuse_conflict_of_interest(node, task, user)
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        raise TaskAlreadyDone(_("This step has already been completed."), code="step_done")
    if task.status == STATUS.NEW:
        if not node.can_assign(user, task):
            raise Refused(_("You may not act on this task."), "not_your_step")
        activation.assign(user)
    if not node.can_execute(user, task):
        raise TaskAlreadyDone(_("This task has already been taken by someone else."), code="taken_by_another")
    activation.start(None)


def refuse_conflict_of_interest(node, task: Task, user) -> None:
    """An author, a co-author or a participant never reviews or decides on their own case; said as such
    rather than as «taken by someone else», even when the step was passed on to another reviewer."""
    if isinstance(node, ReviewStep) and node.in_conflict(user, task):
        raise Refused(_("You may not review or decide on a case of which you are an author or a participant."),
                      "conflict_of_interest")


def attach(event: CaseEvent, files: Iterable[UploadedFile]) -> None:
    for upload in files:
        validate_upload(upload)
        CaseFile.objects.create(event=event, file=upload, name=upload.name, size=upload.size)


def decide(task: Task, user, decision: str, comment: str = "", files: Iterable[UploadedFile] = (),
           kind: str | None = None, approved: str | None = None) -> CaseEvent:
    """Approve, return for revision (comment required) or reject (where the step allows; comment required).

    The author is told what was decided (`approved` names an approval that means more, «опубликовано»), by
    whom, at which step, and the comment."""
    comment = comment.strip()
    if decision not in Decision.values:
        raise ValidationError({"decision": ValidationError(_("Choose a decision."), code="required")})
    if decision in (Decision.RETURN, Decision.REJECT) and not comment:
        raise ValidationError({"comment": ValidationError(
            _("Explain the decision: a comment is required to return or reject."), code="comment_required")})
    with task.activation() as activation:
        step = current_step(activation.process)
        if decision == Decision.REJECT and not step.get("may_reject"):
            raise ValidationError({"decision": ValidationError(
                _("This step cannot reject; return the case for revision instead."), code="may_not_reject")})
        start_task(activation, user)
        event = CaseEvent.objects.create(process=activation.process, task=task, kind=kind or DECISION_EVENTS[decision],
                                         step_title=step["title"], actor=user, comment=comment)
        attach(event, files)
        record_decision(activation.process, decision, user)
        activation.process.save(update_fields=["data"])
        activation.execute()
        case = case_of(activation.process)
        notify([case.author], decision_notice(case, decided_words(decision, approved), step["title"], user, comment),
               case.get_absolute_url())
    return event


def decision_notice(case, decided: str, step_title: str, user, comment: str) -> str:
    """«ИОМ-2026-000001: возвращено на доработку на шаге «…» (Иванова А. Б.). Комментарий: …»"""
    message = _("%(case)s: %(decision)s at the step «%(step)s» (%(who)s).") % {
        "case": case.number, "decision": decided, "step": step_title, "who": user}
    if comment:
        message += " " + _("Comment: %(comment)s") % {"comment": comment}
    return message
