"""Methodical materials under expertise, simulated for `bench.generate` as `MaterialFlow` runs them.

A material is drafted with its file and, mostly, submitted (`workflows.material_flow.MaterialFlow`): the
municipal methodist checks its completeness (accepts, returns it to the author, who sends it back to
the same methodist, or rejects it); assigns two experts (sometimes three) from other schools, who get
the right to view it; the experts review it in parallel, one branch each, and an expert may decline,
leaving the methodist to assign another in the same branch; when all reviews are in and the totals
differ by more than the municipality allows, one further expert reviews it, once a round; then the
methodist publishes it to the bank (where some practices later move on in their lifecycle), returns
it for revision (the new version goes back to the experts who reviewed it) or rejects it. The
completeness check and the decision have deadlines: their timers fire and escalate when overdue.

The rows are the ones the engine and `workflows.material_services` write: every save of the material
as a history record (with the actor of the step that caused it), expert assignments and reviews with
their history records (the assignments of a further round are bulk-created, without), files of every
version, the tasks of each branch with their tokens (`start/<split>_<n>`), the join that waits for
the branches, the process data (`round`, `decision`, `returned_by`, `due_at`, `extra_expert_round`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from .copy import dumps
from .generate import NEVER, SUBJECTS, TOPICS, CaseLife, Region, School

KINDS = [("development", "методическая разработка"), ("programme", "программа"),
         ("didactic", "дидактические материалы"), ("research", "исследовательская работа"),
         ("innovative", "инновационный продукт")]
LEVELS = ["primary", "basic", "basic", "secondary", "supplementary"]
DECLINE_REASONS = ["Не мой профиль", "Большая загрузка в этом месяце", "Знаком с автором лично"]
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

    @classmethod
    def load(cls, region: Region) -> MaterialFlowFacts:
        from django.utils.translation import gettext
        from viewflow.workflow.fields import get_flow_ref, get_task_ref

        from workflows.material_flow import MaterialFlow
        from workflows.models import ExpertAssignment, MaterialFile, Review

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
        )


class Step(NamedTuple):
    """Where the process stands after a step: when, its last task (the next task's `previous`), who acted."""

    moment: datetime
    task: int
    actor: int | None


class MaterialLife(CaseLife):
    """One material, as `workflows.material_flow.MaterialFlow` runs it."""

    kind = "material"

    def __init__(self, region: Region, school: School, created: datetime):
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

    def assign(self, expert: int, moment: datetime, actor: int | None, recorded: bool = True) -> dict:
        """An expert assigned in the current round; `recorded` ones (not bulk-created) have a history record
        and get the right to view the material."""
        table = self.g.expert_assignments
        assignment = dict(id=self.facts.first_ids["assignment"] + len(table.rows), material_id=self.key,
                          expert_id=expert, round=self.case["expertise_round"], status="assigned", decline_reason="",
                          replacement_id=None, assigned_at=moment)
        table.add(**assignment)
        self.assignments.append(assignment)
        if recorded:
            self.g.expert_assignment_history.add(**assignment, history_date=moment, history_type="+",
                                                 history_user_id=actor)
            self.grant(expert)
        return assignment

    def grant(self, expert: int) -> None:
        """`assign_perm("workflows.view_material", expert, material)`, once per expert."""
        if expert not in self.granted:
            self.granted.add(expert)
            self.g.grants.add(user_id=expert, permission_id=self.g.view_material,
                              content_type_id=self.g.content_types["material"], object_pk=self.key)

    def update_assignment(self, assignment: dict, moment: datetime, actor: int, **changes) -> None:
        assignment.update(changes)
        table = self.g.expert_assignments
        row = table.rows[assignment["id"] - self.facts.first_ids["assignment"]]
        for name, value in changes.items():
            row[table.column(name)] = value
        self.g.expert_assignment_history.add(**assignment, history_date=moment, history_type="~",
                                             history_user_id=actor)

    def add_review(self, assignment: dict, moment: datetime) -> None:
        """The expert's scores centre on the material's quality, with the expert's own leaning."""
        rnd = self.rnd
        leaning = rnd.gauss(0, 0.8)
        scores = {str(criterion): max(0, min(maximum, round(self.quality + leaning + rnd.gauss(0, 0.7))))
                  for criterion, maximum in self.place.criteria}
        total = sum(scores.values())
        share = total / sum(maximum for _, maximum in self.place.criteria)
        recommendation = "publish" if share >= 0.7 else "revise" if share >= 0.5 else "reject"
        fields = dict(id=self.facts.first_ids["review"] + len(self.g.reviews.rows), assignment_id=assignment["id"],
                      scores=dumps(scores), total=total, recommendation=recommendation, submitted_at=moment,
                      text=f"Рецензия: {total} баллов. Материал актуален; рекомендации по доработке — в тексте.")
        self.g.reviews.add(**fields)
        self.g.review_history.add(**fields, history_date=moment, history_type="+",
                                  history_user_id=assignment["expert_id"])
        self.totals[assignment["id"]] = total

    def round_assignments(self, status: str) -> list[dict]:
        return [assignment for assignment in self.assignments
                if assignment["round"] == self.case["expertise_round"] and assignment["status"] == status]

    def choose_experts(self, count: int) -> list[int]:
        """Experts of the municipality free of conflict (not in the author's school) and not on this round."""
        taken = {assignment["expert_id"] for assignment in self.assignments
                 if assignment["round"] == self.case["expertise_round"]}
        free = [expert for expert, organisation in self.place.experts
                if organisation != self.school.id and expert not in taken]
        return self.rnd.sample(free, min(count, len(free)))

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

    # The process, as workflows.material_flow.MaterialFlow runs it

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
        self.data["round"] = {"steps": self.steps("agreement"), "position": 0}
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
            self.data["decision"] = decision
            if decision == "approve":
                position, returned_by = self.advance_round(position), None
                self.announce("approved", at.moment, at.actor, human, step["title"])
                continue
            if decision == "reject":
                self.announce("rejected", at.moment, at.actor, human, step["title"], REJECT_COMMENTS["check"])
                self.reject(at)
                return None
            self.data["returned_by"] = returned_by = at.actor
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

    def assign_experts(self, at: Step) -> Step | None:
        """A methodist of the municipality takes the task from the queue and assigns the experts."""
        title = self.facts.titles["assign_experts"]
        task = self.task("assign_experts", "HUMAN", at.moment, at.task, data={"step_title": title},
                         **self.queue("methodist", "municipality"))
        self.show_step(at, title, None, None, "expert_assignment")
        experts = self.choose_experts(self.place.experts_needed + (1 if self.rnd.random() < 0.1 else 0))
        assigned = self.later(at.moment, 0.1, 5) if self.rnd.random() > 0.01 else NEVER
        if len(experts) < self.place.experts_needed:
            assigned = NEVER  # the municipality has too few experts free of conflict
        methodist = self.claimer("methodist", "municipality")
        if self.still_open(task, at.moment, assigned, None, methodist):
            return None
        self.set_task(task, owner_id=methodist, status="DONE", started=assigned, finished=assigned)
        self.save(assigned, methodist, expertise_round=1, status="expertise")
        for expert in experts:
            self.assign(expert, assigned, methodist)
        self.event("comment", assigned, methodist, task, title, self.facts.texts["assigned"] % {"count": len(experts)})
        return Step(assigned, task, methodist)

    def expertise(self, at: Step) -> Step | None:
        """The round's parallel reviews, and once a round a further expert when the totals diverge; returns the
        `after_expertise` switch that ends the round, None while it is open."""
        while True:
            joined = self.parallel_reviews(at)
            if joined is None:
                return None
            after = Step(joined.moment, self.done("after_expertise", "SWITCH", joined.moment, joined.task,
                                                  started=False), joined.actor)
            at = self.further_expert(after)
            if at is None:
                return after

    def parallel_reviews(self, at: Step) -> Step | None:
        """A split into one branch per pending expert; the join waits (STARTED) from the first branch that
        arrives and is done with the last. Returns the join once all are in, with the last expert."""
        split = self.done("expertise", "PARALLEL_GATEWAY", at.moment, at.task, started=False)
        pending = self.round_assignments("assigned")
        arrivals = []
        for n, assignment in enumerate(pending, start=1):
            arrival = self.branch(assignment, at.moment, split, (split, n))
            if arrival is not None:
                arrivals.append(arrival)
        if not arrivals:
            return None
        arrivals.sort(key=lambda arrival: arrival.moment)
        first = arrivals[0].moment
        join = self.task("reviews_in", "JOIN", first, None, status="STARTED", started=first)
        for arrival in arrivals:
            self.g.previous.add(from_task_id=join, to_task_id=arrival.task)
        if len(arrivals) < len(pending):
            return None
        last = arrivals[-1]
        self.set_task(join, status="DONE", finished=last.moment)
        return Step(last.moment, join, last.actor)

    def branch(self, assignment: dict, moment: datetime, previous: int, token: tuple[int, int]) -> Step | None:
        """One expert's review in its branch; an expert who declines is replaced by the methodist in the same
        branch. Returns the branch's last switch as it reaches the join, None while the branch is open."""
        rnd = self.rnd
        while True:
            expert = assignment["expert_id"]
            task = self.task("expert_review", "HUMAN", moment, previous, status="ASSIGNED", owner_id=expert,
                             token=token, data={"assignment": assignment["id"]})
            if rnd.random() < 0.06:
                declined = self.later(moment, 0.1, 3)
                if declined > self.now:
                    return None
                replace = self.decline(assignment, task, declined, token)
                replaced = self.later(declined, 0.1, 4) if rnd.random() > 0.02 else NEVER
                experts = self.choose_experts(1)
                methodist = self.claimer("methodist", "municipality")
                if self.still_open(replace, declined, replaced if experts else NEVER, None, methodist):
                    return None
                assignment = self.replace(assignment, replace, replaced, methodist, experts[0])
                moment, previous = replaced, replace
                continue
            reviewed = self.later(moment, 1, 20) if rnd.random() > 0.01 else NEVER
            if reviewed is None or reviewed > self.now:
                return None
            self.add_review(assignment, reviewed)
            self.update_assignment(assignment, reviewed, expert, status="reviewed")
            self.set_task(task, status="DONE", started=reviewed, finished=reviewed)
            self.event("comment", reviewed, expert, task, "", self.facts.texts["reviewed"])
            return Step(reviewed, self.done("after_expert_review", "SWITCH", reviewed, task, started=False,
                                            token=token), expert)

    def decline(self, assignment: dict, task: int, moment: datetime, token: tuple[int, int]) -> int:
        """The expert declines with a reason; returns the methodist's task of assigning another."""
        expert = assignment["expert_id"]
        reason = self.rnd.choice(DECLINE_REASONS)
        self.update_assignment(assignment, moment, expert, status="declined", decline_reason=reason)
        self.set_task(task, status="DONE", started=moment, finished=moment)
        self.event("comment", moment, expert, task, "", self.facts.texts["declined"] % {"reason": reason})
        switch = self.done("after_expert_review", "SWITCH", moment, task, started=False, token=token)
        title = self.facts.titles["replace_expert"]
        replace = self.task("replace_expert", "HUMAN", moment, switch, token=token, data={"step_title": title},
                            **self.queue("methodist", "municipality"))
        self.show_step(Step(moment, replace, expert), title, None, None)
        return replace

    def replace(self, declined: dict, task: int, moment: datetime, methodist: int, expert: int) -> dict:
        title = self.facts.titles["replace_expert"]
        assignment = self.assign(expert, moment, methodist)
        self.update_assignment(declined, moment, methodist, replacement_id=assignment["id"])
        self.event("comment", moment, methodist, task, title, self.facts.texts["replaced"])
        self.set_task(task, owner_id=methodist, status="DONE", started=moment, finished=moment,
                      data=dumps({"step_title": title, "replacement": assignment["id"]}))
        return assignment

    def further_expert(self, at: Step) -> Step | None:
        """`add_expert` when the round's totals differ by more than the municipality allows, once a round."""
        expertise_round = self.case["expertise_round"]
        totals = [self.totals[assignment["id"]] for assignment in self.round_assignments("reviewed")]
        if self.data.get("extra_expert_round") == expertise_round or max(totals) - min(totals) <= self.place.score_gap:
            return None
        experts = self.choose_experts(1)
        if not experts:
            return None
        add = self.done("add_expert", "FUNCTION", at.moment, at.task)
        self.assign(experts[0], at.moment, at.actor)
        self.data["extra_expert_round"] = expertise_round
        return Step(at.moment, add, at.actor)

    def decide(self, at: Step) -> Step | None:
        """`start_decision` and the decision steps: publish, reject, or return for revision; returns the
        author's resubmission after a return, None otherwise."""
        steps = self.steps("decision")
        start = self.done("start_decision", "FUNCTION", at.moment, at.task)
        self.data["round"] = {"steps": steps, "position": 0}
        for name in ("decision", "returned_by"):
            self.data.pop(name, None)
        at = Step(at.moment, start, at.actor)
        for position, step in enumerate(steps):
            reviewed = self.review_step("decision", step, at, None)
            if reviewed is None:
                return None
            human, at = reviewed
            decision = self.verdict()
            self.data["decision"] = decision
            if decision == "approve":
                self.data["round"]["position"] = position + 1
                self.announce("approved", at.moment, at.actor, human, step["title"])
                continue
            if decision == "reject":
                self.announce("rejected", at.moment, at.actor, human, step["title"], REJECT_COMMENTS["decision"])
                self.reject(at)
                return None
            self.data["returned_by"] = at.actor
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
