"""Expertise of a methodical material: the flow and the start of its rounds."""
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from scoring.flow_steps import ExpertRoundSteps

from .models import Material, MaterialProcess
from workflows.models import Stage
from workflows.nodes import (
    CaseFlow, SplitEach, author_step, methodist_step, person_step, review_outcome, review_step, submission,
)
from workflows.review import case_of, start_round

Status = Material.Status


class MaterialFlow(ExpertRoundSteps, CaseFlow, flow.Flow):
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

    def decision_round(self, activation) -> None:
        start_round(activation.process, case_of(activation.process).steps_of(Stage.DECISION))

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

    def status_while_open(self, activation) -> str | None:
        return {
            "check": Status.CHECK,
            "decision": Status.DECISION,
            "revision": Status.RETURNED,
            "revise": Status.REVISION,
            "assign_experts": Status.EXPERT_ASSIGNMENT,
        }.get(activation.flow_task.name)
