"""An application for a site's status: the flow, read like the regulation."""
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from scoring.flow_steps import ExpertRoundSteps
from workflows.models import Stage
from workflows.nodes import (
    CaseFlow, SplitEach, author_step, methodist_step, person_step, review_outcome, review_step, submission,
)
from workflows.review import case_of, start_round

from .models import CouncilProtocol, SiteApplication, SiteApplicationProcess

Status = SiteApplication.Status


class SiteApplicationFlow(ExpertRoundSteps, CaseFlow, flow.Flow):
    """A site's status through a competition of projects (domain.md §2.4; [000:65, 000:314-324],
    [002:232,246], [004:29,55,61,64]).

    The director of an organisation applies for its status while the department's call is open; the
    municipal methodical centre checks the application's completeness (accept, return or reject); the
    methodist assigns the expert council's experts, who score the project in parallel against the call's
    criteria, blind to each other, an expert who declines being replaced; the methodist, as the council's
    secretary, records its protocol (members present, votes, the recommendation to grant, to refuse or to
    return the application for revision — the revised one goes back to the same experts); then the
    department of education grants the status by its order, which enters the site in the register, or
    refuses it. The default chain is `platforms.chains.DEFAULT_CHAIN` (completeness_check,
    department_order); the experts' round is `scoring`'s.
    """

    process_class = SiteApplicationProcess
    process_title = _("Application for a site's status")
    methodist_nodes = ("assign_experts", "replace_expert", "protocol")

    submit = submission(this.start_check, this.check)
    check = review_step(_("Completeness check"), this.after_check)
    after_check = review_outcome(this.check, returned=this.revision, rejected=this.reject,
                                 approved=this.assign_experts)
    revision = author_step(_("Revision by the applicant"), this.check)
    assign_experts = methodist_step(_("Assignment of the council's experts"), this.expertise)
    expertise = SplitEach().Annotation(title=_("Scoring by the expert council")).Each(
        this.expert_review, this.pending_reviews)
    expert_review = person_step(_("Scoring by an expert"), this.assigned_expert, this.after_expert_review)
    after_expert_review = flow.Switch().Case(this.replace_expert, this.expert_declined).Default(this.scores_in)
    replace_expert = methodist_step(_("Assignment of another expert"), this.expert_review,
                                    task_data=this.replacement)
    scores_in = flow.Join().Annotation(title=_("All scores are in")).Next(this.after_expertise)
    after_expertise = flow.Switch().Case(this.add_expert, this.scores_diverge).Default(this.protocol)
    add_expert = flow.Function(this.assign_further_expert).Next(this.expertise)
    protocol = methodist_step(_("Protocol of the expert council"), this.after_protocol)
    after_protocol = flow.Switch().Case(this.revise, this.council_returned).Default(this.start_order)
    revise = author_step(_("Revision after the council"), this.re_review)
    re_review = flow.Function(this.next_expertise_round).Next(this.expertise)
    start_order = flow.Function(this.order_round).Next(this.order)
    order = review_step(_("Order of the department"), this.after_order)
    after_order = flow.Switch().Case(this.refuse, this.was_rejected).Case(this.order, this.round_goes_on).Default(
        this.grant)
    grant = flow.Function(this.granted).Next(this.granted_end)
    granted_end = flow.End()
    refuse = flow.Function(this.refused).Next(this.refused_end)
    refused_end = flow.End()
    # `reject` (at the completeness check), `escalate` (an overdue step) and their ends are `CaseFlow`'s.

    # Steps of the regulation

    def start_check(self, activation, case: SiteApplication, user) -> SiteApplicationProcess:
        return self.begin(activation, case, user, case.steps_of(Stage.AGREEMENT), Status.CHECK)

    def order_round(self, activation) -> None:
        start_round(activation.process, case_of(activation.process).steps_of(Stage.DECISION))

    def granted(self, activation) -> None:
        self.finish(case_of(activation.process), Status.GRANTED)

    def refused(self, activation) -> None:
        self.finish(case_of(activation.process), Status.REFUSED)

    # Conditions and people

    def council_returned(self, activation) -> bool:
        protocol = case_of(activation.process).protocols.order_by("-recorded_at", "-pk").first()
        return protocol is not None and protocol.recommendation == CouncilProtocol.Recommendation.RETURN

    def people_in_conflict(self, application: SiteApplication) -> set[int]:
        """The applicant and the project team never check, score or decide on their application."""
        return {application.author_id, *application.team.values_list("pk", flat=True)}

    def status_while_open(self, activation) -> str | None:
        return {
            "check": Status.CHECK,
            "revision": Status.RETURNED,
            "revise": Status.RETURNED,
            "assign_experts": Status.EXPERT_ASSIGNMENT,
            "protocol": Status.PROTOCOL,
            "order": Status.ORDER,
        }.get(activation.flow_task.name)
