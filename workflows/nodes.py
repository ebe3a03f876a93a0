"""Building blocks of every process's flow: the review step, the author's step, the per-item split.

A flow declares its steps with `review_step(title, next)` and `author_step(title, next)`, so it reads like
the regulation: which steps, in which order, and where a return leads. The reviewers, their queue, the
notification and the deadline of a review step come from `ReviewChainMixin`, the same for every process.
Flows import no views: every human step's view is `task_redirect`, which opens the case page where the
step is done.
"""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.models import Task
from viewflow.workflow.nodes.split import SplitActivation

from accounts.models import User

from .models import CaseEvent
from .review import ReviewChainMixin, case_of, start_round


def review_outcome(step, *, returned, approved, rejected=None, before_rejection=()) -> flow.Switch:
    """Where a review step's decision leads: back to the author when returned, to the rejection when
    rejected (`before_rejection` holds `(node, condition)` cases weighed first), to the chain's next
    reviewer (`step` again) while the round goes on, and to `approved` when the round is through."""
    switch = flow.Switch().Case(returned, this.was_returned)
    for node, condition in before_rejection:
        switch = switch.Case(node, condition)
    if rejected is not None:
        switch = switch.Case(rejected, this.was_rejected)
    return switch.Case(step, this.round_goes_on).Default(approved)


def task_redirect(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Viewflow's task links lead to the case page, where the step is done."""
    task = get_object_or_404(Task, pk=kwargs["task_pk"])
    return redirect(task.process.artifact.get_absolute_url())


class ReviewStep(flow.View):
    """A human step of review or decision: its queue permission and its object are flow methods
    (`this.…`), which Viewflow's `Permission()` does not resolve by itself; and nobody in conflict of
    interest with the case (`ReviewChainMixin.people_in_conflict`) takes it, whatever they hold."""

    def _resolve(self, instance) -> None:
        super()._resolve(instance)
        self._owner_permission = this.resolve(instance, self._owner_permission)
        self._owner_permission_obj = this.resolve(instance, self._owner_permission_obj)

    def calc_owner(self, activation) -> User | None:
        # Viewflow's queue is decided by grants on the scope object, so a conflicted holder of the role
        # cannot be left out of it for one case: the task goes to someone free of conflict instead.
        return self.flow_class.instance.owner_free_of_conflict(activation, super().calc_owner(activation))

    def in_conflict(self, user, task) -> bool:
        return user.is_authenticated and user.pk in self.flow_class.instance.people_in_conflict(case_of(task.process))

    def can_assign(self, user, task) -> bool:
        return super().can_assign(user, task) and not self.in_conflict(user, task)

    def can_execute(self, user, task) -> bool:
        return super().can_execute(user, task) and not self.in_conflict(user, task)


def submission(start, first_step) -> flow.StartHandle:
    """The case's start: its services call `Flow.submit.run(case, user)` once the author submits it."""
    return flow.StartHandle(start).Annotation(title=_("Submission")).Next(first_step)


def review_step(title, next_node) -> ReviewStep:
    """A step of the case's chain: the chain's reviewer for the step, its queue, its deadline with escalation."""
    return (
        ReviewStep(task_redirect)
        .Annotation(title=title)
        .Assign(this.reviewer)
        .Permission(this.reviewer_permission, obj=this.reviewer_scope_object)
        .onCreate(this.review_created)
        .OnTimeout(this.step_deadline, this.escalate, interrupting=False, title=_("Deadline"))
        .Next(next_node)
    )


def methodist_step(title, next_node, **next_options) -> ReviewStep:
    """A step any municipal methodist of the case's municipality takes from the queue."""
    return (
        ReviewStep(task_redirect)
        .Annotation(title=title)
        .Permission(this.methodist_permission, obj=this.municipality_of)
        .onCreate(this.methodist_task_created)
        .Next(next_node, **next_options)
    )


def author_step(title, next_node) -> flow.View:
    """The author's own step (a revision, the implementation): theirs alone, never in a queue."""
    return flow.View(task_redirect).Annotation(title=title).Assign(this.author).onCreate(
        this.author_task_created).Next(next_node)


def person_step(title, person, next_node) -> flow.View:
    """A step of one named person (an expert's review): they are told of it, with its due date."""
    return flow.View(task_redirect).Annotation(title=title).Assign(person).onCreate(
        this.person_task_created).Next(next_node)


class SplitEachActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        for node, cond, data_source in self.flow_task._branches:
            if cond and not cond(self):
                continue
            items = data_source(self) if data_source else [None]
            self.next_tasks.extend((node, item) for item in items)
        if not self.next_tasks:
            raise FlowRuntimeError(f"No branch to start at {self.flow_task.name}")


class SplitEach(flow.Split):
    """A parallel split that starts one branch per item of a data source: one review per expert."""

    activation_class = SplitEachActivation

    def Each(self, node, data_source):
        self._activate_next.append((node, None, data_source))
        return self


class CaseFlow(ReviewChainMixin):
    """What every process's flow shares: the row lock, the start of the first round, the author's steps,
    the rejection and the escalation of an overdue step. A flow is `class …Flow(CaseFlow, flow.Flow)`:
    it sets `process_class` and `process_title` and declares its own steps (its case model, named in its
    `CaseType`, has a `Status` with `REJECTED`). Not a `Flow` itself, so its nodes are resolved only in each
    process's flow."""

    # Wait for the row lock instead of failing fast: two reviewers deciding at once queue up and the
    # second finds the task done. The lock's transaction is the whole action (no ATOMIC_REQUESTS).
    lock_impl = lock.SelectForUpdateLock(nowait=False, attempts=1)

    reject = flow.Function(this.rejected).Next(this.rejected_end)
    escalate = flow.Function(this.escalate_overdue).Annotation(title=_("Escalation")).Next(this.escalated_end)
    rejected_end = flow.End()
    escalated_end = flow.End()

    def begin(self, activation, case, user, steps: list[dict], status: str):
        """The case is submitted: its process starts the round of `steps` and the case takes `status`."""
        process = activation.process
        process.artifact = case
        start_round(process, steps)
        process.save()
        case.process, case.status = process, status
        case.save()
        CaseEvent.objects.create(process=process, kind=CaseEvent.Kind.SUBMITTED, actor=user)
        return process

    def rejected(self, activation) -> None:
        case = case_of(activation.process)
        self.finish(case, type(case).Status.REJECTED)

    def author(self, activation) -> User:
        return case_of(activation.process).author
