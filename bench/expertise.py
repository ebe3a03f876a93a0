"""The expertise of a simulated material: experts assigned and granted the material, their parallel
reviews in branches of the split with declines and replacements, and the further expert on a wide gap."""
from __future__ import annotations

from datetime import datetime

from .copy import dumps
from .lives import Step
from .vocabulary import NEVER

DECLINE_REASONS = ["Не мой профиль", "Большая загрузка в этом месяце", "Знаком с автором лично"]


class ExpertiseSteps:
    """The expertise half of `bench.materials.MaterialLife`: it uses the life's rows, tasks and clock."""

    def assign(self, expert: int, moment: datetime, actor: int | None, recorded: bool = True,
               further: bool = False) -> dict:
        """An expert assigned in the current round (`scoring.services.assign`); `recorded` ones (not
        bulk-created) have a history record and get the right to view the material. The assignment names
        the material generically: its content type, and its temporary key until ids are given."""
        table = self.g.expert_assignments
        assignment = dict(id=self.facts.first_ids["assignment"] + len(table.rows),
                          content_type_id=self.g.content_types[self.kind], object_id=self.key,
                          expert_id=expert, round=self.case["expertise_round"], status="assigned", further=further,
                          decline_reason="", replacement_id=None, assigned_at=moment)
        table.add(**assignment)
        self.assignments.append(assignment)
        if recorded:
            self.g.expert_assignment_history.add(**assignment, history_date=moment, history_type="+",
                                                 history_user_id=actor)
            self.grant(expert)
        return assignment

    def grant(self, expert: int) -> None:
        """`assign_perm("view_<model>", expert, case)`, once per expert."""
        if expert not in self.granted:
            self.granted.add(expert)
            self.g.grants.add(user_id=expert, permission_id=self.facts.view_permission,
                              content_type_id=self.g.content_types[self.kind], object_pk=self.key)

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
        further = any(assignment["further"] for assignment in self.assignments
                      if assignment["round"] == expertise_round)
        if further or max(totals) - min(totals) <= self.place.score_gap:
            return None
        experts = self.choose_experts(1)
        if not experts:
            return None
        add = self.done("add_expert", "FUNCTION", at.moment, at.task)
        self.assign(experts[0], at.moment, at.actor, further=True)
        return Step(at.moment, add, at.actor)
