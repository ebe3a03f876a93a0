"""Individual routes (ИОМ), simulated for `bench.generate` as `routes.flows.IndividualRouteFlow` runs them."""
from __future__ import annotations

from datetime import datetime, timedelta
from datetime import time as dt_time

from .lives import CaseLife
from .places import School
from .vocabulary import ACTIVITIES, NEVER, TOPICS, UTC

class RouteLife(CaseLife):
    """One route (ИОМ), as `routes.flows.IndividualRouteFlow` runs it."""

    kind = "route"

    def __init__(self, region, school: School, created: datetime):
        super().__init__(region, school, created, region.routes, region.route_history, region.refs, region.flow_ref)
        mentors = [mentor for mentor in school.mentors if mentor != self.author]
        self.mentor = self.rnd.choice(mentors) if mentors and self.rnd.random() < 0.6 else None
        self.activity_keys: list[int] = []
        start = (created + timedelta(days=7 + self.rnd.randrange(14))).date()
        topic = self.rnd.choice(TOPICS)
        self.add_case(
            author_id=self.author, organisation_id=school.id, municipality_id=self.place.id,
            process_id=None, current_step="", assignee_id=None, due_at=None, chain_version=self.place.chain_version,
            chain_steps=self.place.chain_json, created_at=created, updated_at=created, status="draft",
            kind="individual",
            mentor_id=self.mentor, period_start=start, period_end=start + timedelta(days=250 + self.rnd.randrange(30)),
            topic=topic, goals=f"Освоить и применить на уроках: {topic.lower()}",
            expected_product="Методическая разработка серии уроков",
            presentation_level=self.rnd.choice(["school", "municipal", "municipal", "regional", "network"]),
            self_analysis="", product="", presentations="", result="",
        )
        self.amended = False
        self.plan_activities()

    # The process, as routes.flows.IndividualRouteFlow runs it

    def live(self) -> None:
        rnd = self.rnd
        if rnd.random() < 0.04:
            return  # a draft never submitted
        submitted = self.later(self.created, 0.2, 14)
        if submitted > self.now:
            return
        steps = [step for step in self.place.chain if step["stage"] == "agreement"
                 and (step["reviewer_scope"] != "personal" or self.mentor)]
        start = self.start(submitted)
        self.save(submitted, self.author, process_id=self.process["key"], status="agreement")
        self.event("submitted", submitted, self.author)
        outcome, moment, last = self.review_round(steps, submitted, start, "agreement")
        if outcome != "approved":
            return
        agreed = self.done("approve", "FUNCTION", moment, last)
        while True:
            implementation = self.author_task("implementation", moment, agreed, "implementation")
            report_at = datetime.combine(self.case["period_end"], dt_time(10), tzinfo=UTC) - timedelta(
                days=rnd.random() * 20)
            amend_at = self.later(moment, 20, 150) if rnd.random() < 0.04 and not self.amended else None
            self.record_activities(moment, min(report_at, amend_at or report_at))
            if amend_at and amend_at < report_at:
                if amend_at > self.now:
                    return
                outcome, moment, last = self.amend(implementation, amend_at)
                if outcome == "open":
                    return
                agreed = self.done("approve", "FUNCTION", moment, last) if outcome == "approved" else last
                continue
            if rnd.random() < 0.05 or report_at > self.now:
                return  # implementation goes on (or the author never reports)
            break
        self.report(implementation, report_at)
        switch = self.done("after_implementation", "SWITCH", report_at, implementation, started=False)
        evaluation = self.done("start_evaluation", "FUNCTION", report_at, switch)
        steps = [step for step in self.place.chain if step["stage"] == "evaluation"]
        self.start_round(steps)
        outcome, moment, last = self.review_round(steps, report_at, evaluation, "evaluation")
        if outcome != "approved":
            return
        close = self.done("close", "FUNCTION", moment, last)
        self.event("closed", moment, None)
        self.done("closed_end", "END", moment, close)
        self.end(moment, "closed", None)

    def review_round(self, steps: list[dict], moment: datetime, previous: int, stage: str):
        """Agreement or evaluation steps in order; returns (outcome, moment, last task key)."""
        rnd = self.rnd
        node = "evaluation" if stage == "evaluation" else "agreement"
        self.start_round(steps)
        position = 0
        returned_by = None
        while position < len(steps):
            step = steps[position]
            named = returned_by or (self.mentor if step["reviewer_scope"] == "personal" else None)
            human, timer, due, candidates = self.review_task(node, step, moment, previous, named)
            if stage == "evaluation":
                status = "evaluation"
            else:
                status = "amendment" if "amendment" in self.data else "agreement"
            self.save(moment, self.author, status=status, current_step=step["title"], assignee_id=named, due_at=due)
            decided = self.decision_moment(moment, step["deadline_days"])
            escalation = self.holders(step["escalation_role"], "") if step["escalation_role"] else []
            self.escalate_if_due(human, timer, due, decided, step["title"], candidates + escalation)
            reviewer = named or self.claimer(step["role"], step["reviewer_scope"])
            if self.still_open(human, moment, decided, named, reviewer):
                return "open", moment, human
            switch = self.close_review(node, human, timer, reviewer, decided)
            moment, previous = decided, switch
            roll = rnd.random()
            if stage == "evaluation":
                decision = "return" if roll < 0.08 else "approve"
            elif step.get("may_reject") and roll < 0.04:
                decision = "reject"
            else:
                decision = "return" if roll < 0.16 else "approve"
            self.data["round"]["decision"] = decision
            if decision == "approve":
                position, returned_by = self.advance_round(position), None
                if stage == "evaluation":
                    result = rnd.choices(["completed", "partly", "not_completed"], [80, 15, 5])[0]
                    self.case["result"] = result
                    self.announce("evaluated", decided, reviewer, human, step["title"], self.g.result_labels[result])
                else:
                    self.announce("approved", decided, reviewer, human, step["title"])
                continue
            if decision == "reject":
                self.announce("rejected", decided, reviewer, human, step["title"], "Цели не соответствуют дефицитам")
                if "amendment" in self.data:
                    decline = self.done("decline_amendment", "FUNCTION", decided, switch)
                    self.data.pop("amendment")
                    return "declined", decided, decline
                reject = self.done("reject", "FUNCTION", decided, switch)
                self.done("rejected_end", "END", decided, reject)
                self.end(decided, "rejected", reviewer)
                return "rejected", decided, reject
            # return for revision: the author revises, the same reviewer gets it back
            self.data["round"]["returned_by"] = returned_by = reviewer
            self.announce("returned", decided, reviewer, human, step["title"], "Уточните сроки и формы мероприятий")
            revision_node = "report_revision" if stage == "evaluation" else "revision"
            status = "report_returned" if stage == "evaluation" else "returned"
            revision = self.author_task(revision_node, decided, switch, status)
            resubmitted = self.later(decided, 0.3, 10) if rnd.random() > 0.03 else NEVER
            if resubmitted is None or resubmitted > self.now:
                return "open", decided, revision
            self.set_task(revision, status="DONE", started=resubmitted, finished=resubmitted)
            if stage == "evaluation":
                self.event("report", resubmitted, self.author, revision, self.titles(revision_node))
            else:
                self.event("resubmitted", resubmitted, self.author, revision, self.titles(revision_node))
            moment, previous = resubmitted, revision
        return "approved", moment, previous

    def titles(self, node: str) -> str:
        return self.g.titles[node]

    def author_task(self, node: str, moment: datetime, previous: int, status: str):
        key = self.task(node, "HUMAN", moment, previous, status="ASSIGNED", owner_id=self.author,
                        data={"step_title": self.titles(node)})
        self.save(moment, self.author, status=status, current_step=self.titles(node), assignee_id=self.author,
                  due_at=None)
        return key

    def plan_activities(self) -> None:
        start, end = self.case["period_start"], self.case["period_end"]
        span = (end - start).days
        for n in range(3):
            form, title, provider = self.rnd.choice(ACTIVITIES)
            first = start + timedelta(days=self.rnd.randrange(max(span - 30, 1)))
            key = self.g.activities.add(route_id=self.key, form=form, title=title, provider=provider, starts_on=first,
                                        ends_on=min(first + timedelta(days=self.rnd.randrange(1, 20)), end),
                                        expected_result="Сертификат, методические материалы", agreed=False)
            self.activity_keys.append(key)

    def record_activities(self, moment: datetime, until: datetime) -> None:
        """Agreed activities are carried out in implementation; the methodist comments on some."""
        column = self.g.activities.column
        for key in self.activity_keys:
            row = self.g.activities.rows[key]
            row[column("agreed")] = True
            if row[column("done_at")] is not None:
                continue
            done = datetime.combine(row[column("ends_on")], dt_time(15), tzinfo=UTC)
            if done < moment or done > min(until, self.now) or self.rnd.random() < 0.1:
                continue
            row[column("done_at")] = done
            row[column("evidence_link")] = "https://bench.example.org/evidence"
            self.event("activity_done", done, self.author, None, row[column("title")])
            if self.rnd.random() < 0.15:
                comment = self.later(done, 0.5, 5)
                if comment < self.now:
                    text = "Рекомендую представить опыт на заседании ММО"
                    row[column("methodist_comment")] = text
                    self.event("comment", comment, self.place.methodists[0], None, row[column("title")], text)

    def amend(self, implementation: int, moment: datetime):
        self.amended = True
        self.set_task(implementation, status="DONE", started=moment, finished=moment)
        self.event("amendment", moment, self.author, implementation, self.titles("implementation"),
                   "Добавляю стажировку на базе стажировочной площадки")
        first = self.case["period_start"] + timedelta(days=120)
        self.activity_keys.append(self.g.activities.add(
            route_id=self.key, form="internship", title="Стажировка на стажировочной площадке", provider="ИРО",
            starts_on=first, ends_on=min(first + timedelta(days=5), self.case["period_end"]), amendment=1,
            expected_result="Отчёт о стажировке", agreed=False))
        switch = self.done("after_implementation", "SWITCH", moment, implementation, started=False)
        start = self.done("start_amendment", "FUNCTION", moment, switch)
        self.data["amendment"] = 1
        steps = [step for step in self.place.chain if step["stage"] == "agreement" and step["for_amendments"]
                 and (step["reviewer_scope"] != "personal" or self.mentor)]
        outcome, moment, last = self.review_round(steps, moment, start, "agreement")
        if outcome == "approved":
            self.data.pop("amendment", None)
            return "approved", moment, last
        if outcome == "declined":
            self.activity_keys.pop()
            self.g.activities.rows.pop()  # the engine deletes the declined activities
            return "declined", moment, last
        return "open", moment, last

    def report(self, implementation: int, moment: datetime) -> None:
        self.set_task(implementation, status="DONE", started=moment, finished=moment)
        self.case.update(self_analysis="Цели маршрута достигнуты: освоены приёмы, проведены открытые уроки.",
                          product="Серия методических разработок уроков",
                          presentations="Выступление на заседании ММО")
        self.event("report", moment, self.author, implementation, self.titles("implementation"))


