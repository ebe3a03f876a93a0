"""A contestant's entry to a professional competition: the flow, read like the regulation."""
from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.models import User
from workflows import rounds
from workflows.models import Stage
from workflows.nodes import CaseFlow, author_step, review_outcome, review_step, submission
from workflows.review import case_of

from .models import CompetitionMember, Entry, EntryProcess, MemberRole, member_grant_codename

Status = Entry.Status
COMMITTEE_GRANT = f"competitions.{member_grant_codename(MemberRole.COMMITTEE)}"


def committee_of(entry: Entry) -> QuerySet[User]:
    """The organising committee of the entry's competition, today."""
    members = CompetitionMember.objects.active().filter(competition=entry.competition_id, role=MemberRole.COMMITTEE)
    return User.objects.filter(pk__in=members.values("person_id"), is_active=True)


class EntryFlow(CaseFlow, flow.Flow):
    """An entry to a professional competition (domain.md §2.5; [000:195-197, 000:261], [001:240-262],
    [002:153]).

    A director nominates a teacher of their organisation (or the teacher nominates themself where the
    competition allows it) before the nominations' deadline: the nomination, about the contestant, the
    materials of the rounds and the contestant's consent to the processing of personal data (152-ФЗ), with
    its date. The organising committee admits the entry, returns it for missing documents to whoever
    nominated (who completes it and sends it back with a reply) or refuses it with the reason; an
    admitted entry goes through the rounds, scored by the jury, until the committee's approval of the
    results concludes it (`competitions.services.conclude_entries`). The contestant may withdraw before
    the results. The default chain is `competitions.chains.DEFAULT_CHAIN` (admission).
    """

    process_class = EntryProcess
    process_title = _("Competition entry")

    submit = submission(this.start_admission, this.admission)
    admission = review_step(_("Admission by the organising committee"), this.after_admission)
    after_admission = review_outcome(this.admission, returned=this.completion, rejected=this.refuse,
                                     approved=this.admit)
    completion = author_step(_("Completion of the documents"), this.admission)
    admit = flow.Function(this.admitted).Next(this.results)
    results = flow.Handle(this.concluded).Annotation(title=_("Rounds and results")).Next(this.concluded_end)
    concluded_end = flow.End()
    refuse = flow.Function(this.refused).Next(this.refused_end)
    refused_end = flow.End()

    # Steps of the regulation

    def start_admission(self, activation, case: Entry, user) -> EntryProcess:
        return self.begin(activation, case, user, case.steps_of(Stage.AGREEMENT), Status.ADMISSION)

    def admitted(self, activation) -> None:
        entry = case_of(activation.process)
        self.show_step(entry, str(_("Rounds and results")), None, None, Status.ADMITTED)

    def concluded(self, activation) -> None:
        """The committee approved the results: the entry ends as the results left it."""
        entry = case_of(activation.process)
        entry.refresh_from_db()
        self.finish(entry, Status.ELIMINATED if entry.status == Status.ELIMINATED else Status.FINISHED)

    def refused(self, activation) -> None:
        self.finish(case_of(activation.process), Status.REFUSED)

    # The committee takes the admission: its queue is the competition's committee, not a role in a scope.

    def reviewer_permission(self, activation) -> str | None:
        if rounds.load(activation.process).returned_by:
            return None
        return COMMITTEE_GRANT

    def reviewer_scope_object(self, process):
        return case_of(process).competition

    def candidates(self, process, task) -> list[User]:
        if task.owner_id:
            return [task.owner]
        entry = case_of(process)
        return list(committee_of(entry).exclude(pk__in=self.people_in_conflict(entry)))

    def step_holders(self, activation) -> tuple[str, QuerySet[User], str]:
        step = rounds.load(activation.process).current
        return step["role"], committee_of(case_of(activation.process)), step.get("escalation_role") or ""

    def people_in_conflict(self, entry: Entry) -> set[int]:
        """Neither the contestant nor whoever nominated them admits the entry."""
        return {entry.author_id, entry.nominee_id}

    def status_while_open(self, activation) -> str | None:
        return {"admission": Status.ADMISSION, "completion": Status.RETURNED}.get(activation.flow_task.name)
