"""The experts' steps of a scored case, as every scoring process's services do them: the methodist assigns
the panel or a replacement, the expert scores or declines. The case is any model `scoring.services` takes
whose `Status` has `EXPERT_ASSIGNMENT` and `EXPERTISE`, with the flow nodes of `scoring.flow_steps`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow.workflow.models import Task

from accounts.history import acting_as
from accounts.models import User
from workflows.models import CaseEvent
from workflows.services import CaseConflict, Refused, active_task, complete_task, lock_case, lock_case_at, open_tasks

from . import services as scoring
from .models import Criterion, ExpertAssignment, Review


@dataclass(frozen=True)
class ExpertiseWords:
    """What a process calls its expertise and says when a step was done already."""

    step_title: str = gettext_lazy("Parallel expertise")
    already_assigned: str = gettext_lazy("Experts have already been assigned.")
    already_reviewed: str = gettext_lazy("You have already submitted your review.")
    already_declined: str = gettext_lazy("You have declined to review this case.")
    no_review: str = gettext_lazy("You have no review to do on this case.")


def assign_panel(case, user, experts: Iterable[User], words: ExpertiseWords) -> list[ExpertAssignment]:
    """The methodist assigns independent experts (at least as many as the municipality requires)."""
    experts = scoring.validate_panel(case, experts)
    status = type(case).Status
    with acting_as(user), transaction.atomic():
        # Two methodists at once: the second finds the experts assigned.
        lock_case_at(case, (status.EXPERT_ASSIGNMENT,), str(words.already_assigned), "already_assigned")
        task = active_task(case, "assign_experts")
        case.expertise_round = 1
        case.status = status.EXPERTISE
        case.save(update_fields=["expertise_round", "status", "updated_at"])
        assignments = scoring.assign(case, experts)
        complete_task(task, user, CaseEvent.Kind.COMMENT, _("Experts assigned: %(count)d") % {"count": len(experts)})
        show_expertise(case, words.step_title)
    return assignments


def show_expertise(case, step_title) -> None:
    """While the experts score, the case's step is theirs, no one person's: not the methodist's step that
    assigned them, which would otherwise stay on its page."""
    case.refresh_from_db()
    if case.status == type(case).Status.EXPERTISE:
        case.current_step, case.assignee, case.due_at = str(step_title), None, None
        case.save(update_fields=["current_step", "assignee", "due_at", "updated_at"])


def replace(case, user, expert: User, words: ExpertiseWords) -> ExpertAssignment:
    """The methodist assigns another expert in place of one who declined."""
    (expert,) = scoring.validate_experts(case, [expert])
    with acting_as(user), transaction.atomic():
        lock_case(case)  # two methodists at once: the second finds the replacement made
        scoring.refuse_second_assignment(case, expert)
        task = active_task(case, "replace_expert")
        assignment = scoring.replace_declined(case, expert)
        complete_task(task, user, CaseEvent.Kind.COMMENT, _("Another expert assigned."),
                      task_data={"replacement": assignment.pk})
        show_expertise(case, words.step_title)
    return assignment


def expert_task(case, expert: User, words: ExpertiseWords) -> tuple[Task, ExpertAssignment]:
    """The expert's open scoring task on the case; 409 when they have scored or declined it, 403 when
    they have none."""
    for task in open_tasks(case).filter(owner=expert):
        if task.flow_task.name == "expert_review":
            return task, ExpertAssignment.objects.get(pk=task.data["assignment"])
    done = (scoring.assignments_of(case).filter(expert=expert).exclude(status=ExpertAssignment.Status.ASSIGNED)
            .order_by("-round").values_list("status", flat=True).first())
    if done == ExpertAssignment.Status.REVIEWED:
        raise CaseConflict(str(words.already_reviewed), code="already_reviewed")
    if done == ExpertAssignment.Status.DECLINED:
        raise CaseConflict(str(words.already_declined), code="already_declined")
    raise Refused(str(words.no_review), "not_your_review")


def decline(case, expert: User, reason: str, words: ExpertiseWords) -> CaseEvent:
    """The expert declines, with a reason; the methodist then assigns another."""
    scoring.declining_reason(reason)  # a missing reason is refused before anything is looked up
    task, assignment = expert_task(case, expert, words)
    with acting_as(expert), transaction.atomic():
        reason = scoring.decline(assignment, reason)
        return complete_task(task, expert, CaseEvent.Kind.COMMENT, _("An expert declined: %(reason)s") % {
            "reason": reason})


def score(case, expert: User, criteria: Iterable[Criterion], scores: dict, text: str, recommendation: str,
          words: ExpertiseWords) -> Review:
    """The expert's review: a score for every criterion within its maximum, the text, a recommendation."""
    task, assignment = expert_task(case, expert, words)
    given = scoring.validate_scores(criteria, scores, text, recommendation)
    with acting_as(expert), transaction.atomic():
        review = scoring.record_review(assignment, given, text, recommendation)
        complete_task(task, expert, CaseEvent.Kind.COMMENT, _("A review is submitted."))
    return review


def timeline_without_experts(case, user) -> list[CaseEvent]:
    """The case's timeline as `user` may read it: its authors never learn who the experts are."""
    if not case.process_id:
        return []
    events = list(CaseEvent.objects.filter(process_id=case.process_id).select_related("actor"))
    if user.pk in {author.pk for author in case.authors()}:
        experts = scoring.expert_ids(case)
        for event in events:
            if event.actor_id in experts:
                event.actor = None
    return events


def expert_progress(case) -> list[ExpertAssignment]:
    """Who was assigned in each round and how far each got: assigned, declined (and who replaced them),
    review submitted, with dates."""
    return list(scoring.assignments_of(case).select_related("expert", "review", "replacement__expert")
                .order_by("round", "pk"))


def with_scale(reviews: list[dict], criteria: list) -> list[dict]:
    """The reviews with each criterion's score out of its maximum and the total out of the maximum total."""
    maximum = sum(criterion.max_score for criterion in criteria)
    return [{**review, "max_total": maximum, "scale": [
        {"name": criterion.name, "score": (review.get("scores") or {}).get(str(criterion.pk)), "max": criterion.max_score}
        for criterion in criteria]} for review in reviews]


def history_without_experts(case, user, rows: list[dict]) -> list[dict]:
    """The history's rows (`workflows.history.changes_of`) as `user` may read them: its authors never learn
    which expert's action changed the case."""
    authors = getattr(case, "authors", None)
    if authors is None or user.pk not in {author.pk for author in authors()}:
        return rows
    experts = scoring.expert_ids(case)
    return [{**row, "user": None} if getattr(row.get("user"), "pk", None) in experts else row for row in rows]
