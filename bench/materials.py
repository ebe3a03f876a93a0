"""Methodical materials under expertise, simulated for `bench.generate` as `MaterialFlow` runs them.

A material is drafted with its file and, mostly, submitted (`materials.flows.MaterialFlow`): the
municipal methodist checks its completeness (accepts, returns it to the author, who sends it back to
the same methodist, or rejects it); assigns two experts (sometimes three) from other schools, who get
the right to view it; the experts review it in parallel, one branch each, and an expert may decline,
leaving the methodist to assign another in the same branch; when all reviews are in and the totals
differ by more than the municipality allows, one further expert reviews it, once a round; then the
methodist publishes it to the bank (where some practices later move on in their lifecycle), returns
it for revision (the new version goes back to the experts who reviewed it) or rejects it. The
completeness check and the decision have deadlines: their timers fire and escalate when overdue.

The rows are the ones the engine and `materials.services` write: every save of the material
as a history record (with the actor of the step that caused it), expert assignments and reviews with
their history records (the assignments of a further round are bulk-created, without), files of every
version, the tasks of each branch with their tokens (`start/<split>_<n>`), the join that waits for
the branches, the process data (the `round` of `workflows.rounds.RoundState`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .expertise import ExpertiseSteps
from .lives import CaseLife, Step
from .places import School
from .vocabulary import NEVER, SUBJECTS, TOPICS

KINDS = [("development", "методическая разработка"), ("programme", "программа"),
         ("didactic", "дидактические материалы"), ("research", "исследовательская работа"),
         ("innovative", "инновационный продукт")]
LEVELS = ["primary", "basic", "basic", "secondary", "supplementary"]
PRACTICE_STAGES = ["generalised", "disseminated", "replicated", "implemented"]
RETURN_COMMENTS = {"check": "Приложите аннотацию и сведения об апробации",
                   "decision": "Учтите замечания экспертов и доработайте материал"}
REJECT_COMMENTS = {"check": "Материал не соответствует требованиям к оформлению",
                   "decision": "Материал не рекомендован экспертами к публикации"}


@dataclass
class MaterialFlowFacts:
    """What the simulation takes from the flow and the services: node references and titles, the timeline's
    texts, and the first ids of the tables whose rows other rows name while they are simulated."""

    flow_ref: str
    refs: dict[str, str]
    titles: dict[str, str]
    texts: dict[str, str]
    first_ids: dict[str, int]
    view_permission: int  # what an assigned expert is granted on the case

    @classmethod
    def load(cls, region) -> MaterialFlowFacts:
        from django.utils.translation import gettext
        from viewflow.workflow.fields import get_flow_ref, get_task_ref

        from materials.flows import MaterialFlow
        from materials.models import MaterialFile
        from scoring.models import ExpertAssignment, Review

        flow = MaterialFlow.instance
        return cls(
            flow_ref=get_flow_ref(MaterialFlow),
            refs={node.name: get_task_ref(node) for node in flow.nodes()},
            titles={name: str(flow.node(name).task_title)
                    for name in ("revision", "revise", "assign_experts", "replace_expert")},
            texts={"assigned": gettext("Experts assigned: %(count)d"),
                   "declined": gettext("An expert declined: %(reason)s"),
                   "replaced": gettext("Another expert assigned."), "reviewed": gettext("A review is submitted.")},
            first_ids={"assignment": region.first_free(ExpertAssignment), "review": region.first_free(Review),
                       "file": region.first_free(MaterialFile)},
            view_permission=region.view_material,
        )


class MaterialLife(ExpertiseSteps, CaseLife):
    """One material, as `materials.flows.MaterialFlow` runs it."""

    kind = "material"

    def __init__(self, region, school: School, created: datetime):
        facts = region.material_flow
        super().__init__(region, school, created, region.materials, region.material_history, facts.refs,
                         facts.flow_ref)
        self.facts = facts
        rnd = self.rnd
        topic, subject = rnd.choice(TOPICS), rnd.choice(SUBJECTS)
        kind, kind_title = rnd.choice(KINDS)
        self.add_case(
            author_id=self.author, organisation_id=school.id, municipality_id=self.place.id, process_id=None,
            current_step="", assignee_id=None, due_at=None, chain_version=None, chain_steps="[]", created_at=created,
            updated_at=created, status="draft", title=f"{topic} ({subject}): {kind_title}", kind=kind,
            subject=subject, level=rnd.choice(LEVELS), annotation=f"{kind_title.capitalize()} по теме «{topic}»: "
            "цели, планируемые результаты, ход занятий, материалы для учащихся.",
            keywords=f"{subject}, {topic.split()[0].lower()}", route_id=None, version=1, expertise_round=0,
            practice_stage="", published_at=None,
        )
        self.quality = rnd.uniform(4.5, 9.5)  # what the experts' scores per criterion centre on
        self.assignments: list[dict] = []
        self.totals: dict[int, int] = {}  # assignment id → total of its review
        self.files = 0
        self.granted: set[int] = set()  # experts who may view the material
        self.add_file(created)

    # The material's own rows

    def add_file(self, moment: datetime) -> None:
        """A file of the current version; its path gets the material's id once ids are given."""
        version = self.case["version"]
        self.files += 1
        name = "разработка.pdf" if self.files == 1 else f"разработка-{self.files}.pdf"
        fields = dict(id=self.facts.first_ids["file"] + len(self.g.material_files.rows), material_id=self.key,
                      version=version, file=f"{self.rnd.getrandbits(128):032x}/{name}", name=name,
                      size=200_000 + self.rnd.randrange(5_000_000), uploaded_at=moment)
        self.g.material_files.add(**fields)
        self.g.material_file_history.add(**fields, history_date=moment, history_type="+",
                                         history_user_id=self.author)

    def show_step(self, at: Step, title: str, assignee: int | None, due: datetime | None,
                  status: str | None = None) -> None:
        """`show_step` as a task is created: the step, who acts, by when, and the status while the task is open
        (`status_while_open`), in one save."""
        changes = dict(current_step=title, assignee_id=assignee, due_at=due)
        if status:
            changes["status"] = status
        self.save(at.moment, at.actor, **changes)

    def steps(self, stage: str) -> list[dict]:
        return [step for step in self.place.material_chain if step["stage"] == stage]

    # The process, as materials.flows.MaterialFlow runs it

    def live(self) -> None:
        if self.rnd.random() < 0.05:
            return  # a draft never submitted
        submitted = self.later(self.created, 0.2, 10)
        if submitted > self.now:
            return
        at = self.check(self.submit(submitted))
        at = at and self.assign_experts(at)
        while at:
            at = self.expertise(at)
            at = at and self.decide(at)
            at = at and self.re_review(at)

    def submit(self, moment: datetime) -> Step:
        """`start_case` copies the chain, `start_check` starts the round of the completeness check."""
        self.save(moment, self.author, chain_steps=self.place.material_chain_json,
                  chain_version=self.place.material_chain_version)
        start = self.start(moment)
        self.start_round(self.steps("agreement"))
        self.save(moment, self.author, process_id=self.process["key"], status="check")
        self.event("submitted", moment, self.author)
        return Step(moment, start, self.author)

    def check(self, at: Step) -> Step | None:
        """The completeness check, step by step of the chain; a returned material goes back to whoever returned it."""
        steps = self.steps("agreement")
        position, returned_by = 0, None
        while position < len(steps):
            step = steps[position]
            reviewed = self.review_step("check", step, at, returned_by)
            if reviewed is None:
                return None
            human, at = reviewed
            roll = self.rnd.random()
            decision = "reject" if step["may_reject"] and roll < 0.04 else "return" if roll < 0.16 else "approve"
            self.data["round"]["decision"] = decision
            if decision == "approve":
                position, returned_by = self.advance_round(position), None
                self.announce("approved", at.moment, at.actor, human, step["title"])
                continue
            if decision == "reject":
                self.announce("rejected", at.moment, at.actor, human, step["title"], REJECT_COMMENTS["check"])
                self.reject(at)
                return None
            self.data["round"]["returned_by"] = returned_by = at.actor
            self.announce("returned", at.moment, at.actor, human, step["title"], RETURN_COMMENTS["check"])
            at = self.resubmission("revision", at, "returned")
            if at is None:
                return None
        return at

    def review_step(self, node: str, step: dict, at: Step, named: int | None) -> tuple[int, Step] | None:
        """A check or decision task (`review_created` shows the step with its status), its deadline and the
        reviewer's decision; returns (task, the step's switch) once decided, None while open."""
        human, timer, due, reviewers = self.review_task(node, step, at.moment, at.task, named)
        self.show_step(at, step["title"], named, due, status=node)
        decided = self.decision_moment(at.moment, step["deadline_days"])
        escalation = self.holders(step["escalation_role"], "") if step["escalation_role"] else []
        candidates = [named] if named else self.holders(step["role"], step["reviewer_scope"])
        self.escalate_if_due(human, timer, due, decided, step["title"], candidates + escalation)
        reviewer = named or self.claimer(step["role"], step["reviewer_scope"])
        if self.still_open(human, at.moment, decided, named, reviewer):
            return None
        return human, Step(decided, self.close_review(node, human, timer, reviewer, decided), reviewer)

    def resubmission(self, node: str, at: Step, status: str) -> Step | None:
        """The author's revision task (`revision` after the check, `revise` after the decision) until they send
        the material back (`material_services.revise`): a new version after the expertise, a new file."""
        title = self.facts.titles[node]
        task = self.task(node, "HUMAN", at.moment, at.task, status="ASSIGNED", owner_id=self.author,
                         data={"step_title": title})
        self.show_step(at, title, self.author, None, status)
        resubmitted = self.later(at.moment, 0.3, 10 if node == "revision" else 30) if self.rnd.random() > 0.04 \
            else NEVER
        if resubmitted is None or resubmitted > self.now:
            return None
        if node == "revise":
            self.save(resubmitted, self.author, version=self.case["version"] + 1)
            self.quality = min(10.0, self.quality + self.rnd.uniform(0.5, 2))
        self.save(resubmitted, self.author)
        self.add_file(resubmitted)
        self.set_task(task, status="DONE", started=resubmitted, finished=resubmitted)
        self.event("resubmitted", resubmitted, self.author, task, title)
        return Step(resubmitted, task, self.author)

    def reject(self, at: Step) -> None:
        reject = self.done("reject", "FUNCTION", at.moment, at.task)
        self.end(at.moment, "rejected", at.actor)
        self.done("rejected_end", "END", at.moment, reject)

    def decide(self, at: Step) -> Step | None:
        """`start_decision` and the decision steps: publish, reject, or return for revision; returns the
        author's resubmission after a return, None otherwise."""
        steps = self.steps("decision")
        start = self.done("start_decision", "FUNCTION", at.moment, at.task)
        self.start_round(steps)
        at = Step(at.moment, start, at.actor)
        for position, step in enumerate(steps):
            reviewed = self.review_step("decision", step, at, None)
            if reviewed is None:
                return None
            human, at = reviewed
            decision = self.verdict()
            self.data["round"]["decision"] = decision
            if decision == "approve":
                self.advance_round(position)
                self.announce("approved", at.moment, at.actor, human, step["title"])
                continue
            if decision == "reject":
                self.announce("rejected", at.moment, at.actor, human, step["title"], REJECT_COMMENTS["decision"])
                self.reject(at)
                return None
            self.data["round"]["returned_by"] = at.actor
            self.announce("returned", at.moment, at.actor, human, step["title"], RETURN_COMMENTS["decision"])
            return self.resubmission("revise", at, "revision")
        self.publish(at)
        return None

    def verdict(self) -> str:
        """The methodist follows the reviews: good totals are published, middling ones mostly returned (not after
        the third round), poor ones mostly rejected."""
        totals = [self.totals[assignment["id"]] for assignment in self.round_assignments("reviewed")]
        share = sum(totals) / len(totals) / sum(maximum for _, maximum in self.place.criteria)
        weights = [88, 10, 2] if share >= 0.7 else [35, 55, 10] if share >= 0.5 else [5, 35, 60]
        if self.case["expertise_round"] >= 3:
            weights[1] = 0
        return self.rnd.choices(["approve", "return", "reject"], weights)[0]

    def publish(self, at: Step) -> None:
        """Published to the bank at the stage of identification; a methodist moves some practices on later."""
        publish = self.done("publish", "FUNCTION", at.moment, at.task)
        self.save(at.moment, at.actor, published_at=at.moment, practice_stage="identified")
        self.end(at.moment, "published", at.actor)
        self.done("published_end", "END", at.moment, publish)
        if self.rnd.random() < 0.3:
            moved = self.later(at.moment, 14, 240)
            if moved < self.now:
                methodist, stage = self.rnd.choice(self.place.methodists), self.rnd.choice(PRACTICE_STAGES)
                self.save(moved, methodist, practice_stage=stage)

    def re_review(self, at: Step) -> Step:
        """`next_expertise_round`: the experts who reviewed the last round review the new version."""
        task = self.done("re_review", "FUNCTION", at.moment, at.task)
        experts = [assignment["expert_id"] for assignment in self.round_assignments("reviewed")]
        self.save(at.moment, at.actor, expertise_round=self.case["expertise_round"] + 1)
        for expert in experts:
            self.assign(expert, at.moment, at.actor, recorded=False)
        self.save(at.moment, at.actor, status="expertise")
        return Step(at.moment, task, at.actor)
