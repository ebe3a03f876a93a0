"""The individual educational route: the flow and the start of its rounds."""
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.models import CaseEvent, Stage
from workflows.nodes import CaseFlow, author_step, review_outcome, review_step, submission
from workflows.review import case_of, start_round

from .models import IndividualRoute, RouteProcess

Status = IndividualRoute.Status


class IndividualRouteFlow(CaseFlow, flow.Flow):
    """The individual educational route (ИОМ) as it is agreed, carried out and evaluated (domain.md §2.2).

    The teacher submits the draft; the agreement chain of the municipality (by default mentor, school
    methodical lead, director) agrees it step by step. Any step may return it to the teacher, who
    resubmits to the reviewer who returned it; the approving step may reject it. The default chain is
    `routes.chains.DEFAULT_CHAIN` (mentor_agreement, lead_agreement, director_approval, evaluation); the
    round's state is `workflows.rounds.RoundState`, the amendment in play `RouteProcess.amendment`. In
    implementation the teacher records activities done; an amendment passes the agreement steps again; the
    final report goes to evaluation (completed / partly / not completed), which may return the report; then
    the route closes.
    """

    process_class = RouteProcess
    process_title = _("Individual educational route")

    submit = submission(this.start_agreement, this.agreement)

    agreement = review_step(_("Agreement"), this.after_agreement)
    after_agreement = review_outcome(this.agreement, returned=this.revision, rejected=this.reject,
                                     approved=this.approve,
                                     before_rejection=[(this.decline_amendment, this.amendment_rejected)])
    revision = author_step(_("Revision by the author"), this.agreement)
    approve = flow.Function(this.agreed).Next(this.implementation)
    decline_amendment = flow.Function(this.amendment_declined).Next(this.implementation)

    implementation = author_step(_("Implementation"), this.after_implementation)
    after_implementation = (
        flow.Switch().Case(this.start_amendment, this.amendment_proposed).Default(this.start_evaluation)
    )
    start_amendment = flow.Function(this.amendment_round).Next(this.agreement)
    start_evaluation = flow.Function(this.evaluation_round).Next(this.evaluation)

    evaluation = review_step(_("Evaluation of results"), this.after_evaluation)
    after_evaluation = review_outcome(this.evaluation, returned=this.report_revision, approved=this.close)
    report_revision = author_step(_("Revision of the final report"), this.evaluation)
    close = flow.Function(this.closed).Next(this.closed_end)

    closed_end = flow.End()
    # `reject`, `escalate` (an overdue step) and their ends are `CaseFlow`'s, the same in every process.

    # Steps of the regulation

    def start_agreement(self, activation, case: IndividualRoute, user) -> RouteProcess:
        """The teacher submits the draft: the route takes the chain in force today, for good."""
        steps = [step for step in case.steps_of(Stage.AGREEMENT)
                 if step["reviewer_scope"] != "personal" or self.personal_reviewer(case, step)]
        return self.begin(activation, case, user, steps, Status.AGREEMENT)

    def agreed(self, activation) -> None:
        route, process = case_of(activation.process), activation.process
        amendment, process.amendment = process.amendment, None
        if amendment:
            route.activities.filter(amendment=amendment).update(agreed=True)
        else:
            route.activities.update(agreed=True)

    def amendment_declined(self, activation) -> None:
        route, process = case_of(activation.process), activation.process
        route.activities.filter(amendment=process.amendment, agreed=False).delete()
        process.amendment = None

    def amendment_round(self, activation) -> None:
        route = case_of(activation.process)
        steps = [step for step in route.steps_of(Stage.AGREEMENT) if step["for_amendments"]
                 and (step["reviewer_scope"] != "personal" or self.personal_reviewer(route, step))]
        start_round(activation.process, steps)
        process = activation.process
        process.amendment, process.proposed_amendment = process.proposed_amendment, None

    def evaluation_round(self, activation) -> None:
        start_round(activation.process, case_of(activation.process).steps_of(Stage.EVALUATION))

    def closed(self, activation) -> None:
        route = case_of(activation.process)
        CaseEvent.objects.create(process=activation.process, kind=CaseEvent.Kind.CLOSED)
        self.finish(route, Status.CLOSED)

    # Conditions and people

    def amendment_rejected(self, activation) -> bool:
        return self.was_rejected(activation) and activation.process.amendment is not None

    def amendment_proposed(self, activation) -> bool:
        return activation.process.proposed_amendment is not None

    def people_in_conflict(self, route: IndividualRoute) -> set[int]:
        """The author and the participants of a group route never agree or evaluate it."""
        return {route.author_id, *route.participants.values_list("pk", flat=True)}

    def status_while_open(self, activation) -> str:
        name = activation.flow_task.name
        if name == "agreement":
            return Status.AMENDMENT if activation.process.amendment is not None else Status.AGREEMENT
        return {
            "evaluation": Status.EVALUATION,
            "revision": Status.RETURNED,
            "implementation": Status.IMPLEMENTATION,
            "report_revision": Status.REPORT_RETURNED,
        }[name]
