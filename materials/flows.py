"""Expertise of a methodical material: the flow and the start of its rounds."""
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.grants import role_grant
from accounts.models import Role, RoleAssignment, Scope, User

from scoring import services as scoring
from scoring.models import ExpertAssignment

from .models import Material, MaterialProcess
from workflows.models import Stage
from workflows.nodes import (
    CaseFlow, SplitEach, author_step, methodist_step, person_step, review_outcome, review_step, submission,
)
from workflows.review import case_of, start_round

Status = Material.Status


class MaterialFlow(CaseFlow, flow.Flow):
    """Expertise of a methodical material (domain.md §2.3; [001:64-70], [002:160,178,211-212]).

    The teacher submits the material; the municipal methodist checks its completeness (accept, return or
    reject); the methodist assigns at least two independent experts, who review it in parallel and blind
    to each other; an expert may decline, and the methodist assigns another; when the experts' scores
    differ too much a further expert is added; then the methodist decides: publish to the bank of
    practices, return for revision (the same experts review the new version, seeing the previous round),
    or reject. The default chain is `materials.chains.DEFAULT_CHAIN` (completeness_check,
    expertise_decision); the experts' round is `scoring`'s, the review round `workflows.rounds.RoundState`.
    """

    process_class = MaterialProcess
    process_title = _("Expertise of a methodical material")

    submit = submission(this.start_check, this.check)
    check = review_step(_("Completeness check"), this.after_check)
    after_check = review_outcome(this.check, returned=this.revision, rejected=this.reject,
                                 approved=this.assign_experts)
    revision = author_step(_("Revision by the author"), this.check)
    assign_experts = methodist_step(_("Assignment of experts"), this.expertise)
    expertise = SplitEach().Annotation(title=_("Parallel expertise")).Each(this.expert_review, this.pending_reviews)
    expert_review = person_step(_("Review by an expert"), this.assigned_expert, this.after_expert_review)
    after_expert_review = flow.Switch().Case(this.replace_expert, this.expert_declined).Default(this.reviews_in)
    replace_expert = methodist_step(_("Assignment of another expert"), this.expert_review,
                                    task_data=this.replacement)
    reviews_in = flow.Join().Annotation(title=_("All reviews are in")).Next(this.after_expertise)
    after_expertise = flow.Switch().Case(this.add_expert, this.scores_diverge).Default(this.start_decision)
    add_expert = flow.Function(this.assign_further_expert).Next(this.expertise)
    start_decision = flow.Function(this.decision_round).Next(this.decision)
    decision = review_step(_("Decision"), this.after_decision)
    after_decision = review_outcome(this.decision, returned=this.revise, rejected=this.reject,
                                    approved=this.publish)
    revise = author_step(_("Revision after expertise"), this.re_review)
    re_review = flow.Function(this.next_expertise_round).Next(this.expertise)
    publish = flow.Function(this.published).Next(this.published_end)
    published_end = flow.End()
    # `reject`, `escalate` (an overdue step) and their ends are `CaseFlow`'s, the same in every process.

    # Steps of the regulation

    def start_check(self, activation, case: Material, user) -> MaterialProcess:
        return self.begin(activation, case, user, case.steps_of(Stage.AGREEMENT), Status.CHECK)

    def assign_further_expert(self, activation) -> None:
        scoring.add_further_expert(case_of(activation.process))

    def decision_round(self, activation) -> None:
        start_round(activation.process, case_of(activation.process).steps_of(Stage.DECISION))

    def next_expertise_round(self, activation) -> None:
        """The revised version goes back to the experts of the last round."""
        material = case_of(activation.process)
        material.expertise_round += 1
        material.save(update_fields=["expertise_round", "updated_at"])
        scoring.carry_over(material)
        self.set_status(material, Status.EXPERTISE)

    def published(self, activation) -> None:
        from django.utils import timezone

        material = case_of(activation.process)
        material.published_at = timezone.now()
        material.practice_stage = material.practice_stage or "identified"
        material.save(update_fields=["published_at", "practice_stage", "updated_at"])
        self.finish(material, Status.PUBLISHED)

    # Conditions and people

    def people_in_conflict(self, material: Material) -> set[int]:
        """The author and the co-authors never check, assign experts to or decide on their material."""
        return {material.author_id, *material.co_authors.values_list("pk", flat=True)}

    def step_holders(self, activation) -> tuple[str, QuerySet[User], str]:
        """The methodists' own steps (assigning experts) are not chain steps: the municipality's methodists
        take them, and the education officer when every one of them is an author."""
        if activation.flow_task.name in ("assign_experts", "replace_expert"):
            case = case_of(activation.process)
            return Role.METHODIST, RoleAssignment.objects.holders(Role.METHODIST, Scope.MUNICIPALITY,
                                                                  case.municipality), Role.OFFICER
        return super().step_holders(activation)

    def municipality_of(self, process):
        return case_of(process).municipality

    def methodist_permission(self, activation) -> str:
        return role_grant(Role.METHODIST, Scope.MUNICIPALITY, case_of(activation.process).municipality)

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

    def methodist_task_created(self, activation) -> None:
        case = case_of(activation.process)
        title = str(activation.flow_task.task_title)
        activation.task.data = {**activation.task.data, "step_title": title}
        activation.task.save(update_fields=["data"])
        self.note_conflict(activation, title)
        self.show_step(case, title, activation.task.owner, None, self.status_while_open(activation))
        self.tell_who_acts(case, self.who_acts(activation), title)

    def status_while_open(self, activation) -> str | None:
        return {
            "check": Status.CHECK,
            "decision": Status.DECISION,
            "revision": Status.RETURNED,
            "revise": Status.REVISION,
            "assign_experts": Status.EXPERT_ASSIGNMENT,
        }.get(activation.flow_task.name)
