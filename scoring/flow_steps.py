"""The steps of a flow whose cases independent experts score in parallel (materials, site applications).

A flow mixes `ExpertRoundSteps` in before `CaseFlow` and declares its nodes `assign_experts`, `expertise`
(a `SplitEach` over `pending_reviews`), `expert_review` (assigned to `assigned_expert`), `replace_expert`
(its task data from `replacement`) and a switch on `expert_declined` and `scores_diverge`; these methods
answer them, the same for every scoring process.
"""
from __future__ import annotations

from django.db.models import QuerySet

from accounts.grants import role_grant
from accounts.models import Role, RoleAssignment, Scope, User
from workflows.review import case_of

from . import services as scoring
from .models import ExpertAssignment


class ExpertRoundSteps:
    # The methodists' own steps (assigning experts…): not chain steps, any methodist of the municipality.
    methodist_nodes: tuple[str, ...] = ("assign_experts", "replace_expert")

    def step_holders(self, activation) -> tuple[str, QuerySet[User], str]:
        """The municipality's methodists take the methodists' steps, and the education officer when every
        one of them is an author."""
        if activation.flow_task.name in self.methodist_nodes:
            case = case_of(activation.process)
            return Role.METHODIST, RoleAssignment.objects.holders(Role.METHODIST, Scope.MUNICIPALITY,
                                                                  case.municipality), Role.OFFICER
        return super().step_holders(activation)

    def municipality_of(self, process):
        return case_of(process).municipality

    def methodist_permission(self, activation) -> str:
        return role_grant(Role.METHODIST, Scope.MUNICIPALITY, case_of(activation.process).municipality)

    def methodist_task_created(self, activation) -> None:
        case = case_of(activation.process)
        title = str(activation.flow_task.task_title)
        activation.task.data = {**activation.task.data, "step_title": title}
        activation.task.save(update_fields=["data"])
        self.note_conflict(activation, title)
        self.show_step(case, title, activation.task.owner, None, self.status_while_open(activation))
        self.tell_who_acts(case, self.who_acts(activation), title)

    def pending_reviews(self, activation) -> list[dict]:
        return [{"assignment": assignment.pk} for assignment in scoring.pending(case_of(activation.process))]

    def assigned_expert(self, activation):
        return ExpertAssignment.objects.get(pk=activation.task.data["assignment"]).expert

    def expert_declined(self, activation) -> bool:
        expert_task = activation.task.previous.get()
        return ExpertAssignment.objects.get(pk=expert_task.data["assignment"]).status == ExpertAssignment.Status.DECLINED

    def replacement(self, activation) -> dict:
        return {"assignment": activation.task.data["replacement"]}

    def scores_diverge(self, activation) -> bool:
        """Totals of this round differ by more than the municipality allows, once per round (`scoring`)."""
        return scoring.needs_further_expert(case_of(activation.process))

    def assign_further_expert(self, activation) -> None:
        scoring.add_further_expert(case_of(activation.process))

    def next_expertise_round(self, activation) -> None:
        """The revised version goes back to the experts of the last round, who see the previous one."""
        case = case_of(activation.process)
        case.expertise_round += 1
        case.save(update_fields=["expertise_round", "updated_at"])
        scoring.carry_over(case)
        self.set_status(case, type(case).Status.EXPERTISE)
