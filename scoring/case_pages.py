"""The experts' steps on a scored case's page, the same for every scoring process: a `CaseActionView` mixes
`ExpertStepActions` in and names `expert_services`, the module whose `experts_of`, `assign_experts`,
`replace_expert`, `submit_review` and `decline` it calls, and `criteria_of(case)`."""
from __future__ import annotations

from types import ModuleType

from .forms import DeclineForm, ExpertsForm, ReplaceExpertForm, ReviewForm
from .models import Criterion


class ExpertStepActions:
    expert_services: ModuleType

    def criteria_of(self, case) -> list[Criterion]:
        raise NotImplementedError(f"{type(self).__name__} must name the criteria its experts score against")

    def do_assign_experts(self, request, case):
        steps = self.expert_services
        form = ExpertsForm(request.POST, candidates=steps.experts_of(case))
        return self.form_action(request, "assign_experts", form, lambda data: steps.assign_experts(
            case, request.user, data["experts"]))

    def do_replace_expert(self, request, case):
        steps = self.expert_services
        form = ReplaceExpertForm(request.POST, candidates=steps.experts_of(case))
        return self.form_action(request, "replace_expert", form, lambda data: steps.replace_expert(
            case, request.user, data["expert"]))

    def do_review(self, request, case):
        form = ReviewForm(request.POST, criteria=self.criteria_of(case))
        return self.form_action(request, "review", form, lambda data: self.expert_services.submit_review(
            case, request.user, form.scores(), data["text"], data["recommendation"]))

    def do_decline(self, request, case):
        return self.form_action(request, "decline", DeclineForm(request.POST),
                                lambda data: self.expert_services.decline(case, request.user, data["reason"]))
