"""A case's life as the generator simulates it: the rows the engine writes for a case, step by step."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import NamedTuple

from workflows.rounds import RoundState

from .copy import Table
from .places import School
from .vocabulary import NEVER, UTC

class Step(NamedTuple):
    """Where the process stands after a step: when, its last task (the next task's `previous`), who acted."""

    moment: datetime
    task: int
    actor: int | None


class CaseLife:
    """One case from its draft to wherever it stands at the moment of generation, and the rows the engine
    writes for it: the case and its history records, its Viewflow process and tasks, timeline, notifications.

    Each step happens at a moment; a step whose moment is after `now` does not happen, and the case
    stays where it is, with its open tasks as the engine leaves them. A subclass lives one flow.
    """

    kind = ""  # the case's key in `Region.content_types`, and its process's kind

    def __init__(self, region, school: School, created: datetime, table: Table, history: Table,
                 refs: dict[str, str], flow_ref: str):
        self.g = region
        self.rnd = region.random
        self.school = school
        self.place = school.municipality
        self.now = region.now
        self.created = created
        self.author = self.rnd.choice(school.teachers)
        self.table, self.history, self.refs, self.flow_ref = table, history, refs, flow_ref
        self.key = len(table.rows)
        self.case: dict = {}
        self.process: dict | None = None
        self.data: dict = {}

    # Bookkeeping

    def add_case(self, **fields) -> None:
        """The case's row as its author first saves it; `id` and `number` hold its key until ids are given."""
        self.case = dict(fields, id=self.key, number=self.key)
        self.table.add(**self.case)
        self.snapshot(self.created, "+", self.author)

    def save(self, moment: datetime, actor: int | None, **changes) -> None:
        """The case saved at `moment`, with a history record; its row keeps the latest `updated_at`, as the
        branches of a parallel step are simulated one after the other."""
        row = self.table.rows[self.key]
        column = self.table.column
        latest = max(row[column("updated_at")], moment)
        self.case.update(changes, updated_at=moment)
        for name, value in self.case.items():
            row[column(name)] = value
        row[column("updated_at")] = latest
        self.snapshot(moment, "~", actor)

    def snapshot(self, moment: datetime, kind: str, actor: int | None) -> None:
        self.history.add(**self.case, history_date=moment, history_type=kind, history_user_id=actor)

    def start(self, moment: datetime) -> int:
        """The case's process starts (its START task is returned); the case names it by its key."""
        self.process = self.g.start_process(self.kind, self.key, self.flow_ref, moment)
        self.process["data"] = self.data
        return self.done("submit", "START", moment, None)

    def end(self, moment: datetime, status: str, actor: int | None) -> None:
        self.process.update(status="DONE", finished=moment)
        self.save(moment, actor, status=status, current_step="", assignee_id=None, due_at=None)

    def task(self, node: str, kind: str, created: datetime, previous: int | None, status: str = "DONE",
             started: datetime | None = None, finished: datetime | None = None, token: str | tuple = "start",
             **fields) -> int:
        key = self.g.tasks.add(id=None, flow_task=self.refs[node], flow_task_type=kind, status=status,
                               created=created, started=started, finished=finished, token=token,
                               process_id=self.process["key"], **fields)
        if previous is not None:
            self.g.previous.add(from_task_id=key, to_task_id=previous)
        return key

    def set_task(self, key: int, **fields) -> None:
        row = self.g.tasks.rows[key]
        for name, value in fields.items():
            row[self.g.tasks.column(name)] = value

    def task_status(self, key: int) -> str:
        return self.g.tasks.rows[key][self.g.tasks.column("status")]

    def done(self, node: str, kind: str, moment: datetime, previous: int | None, started: bool = True,
             token: str | tuple = "start") -> int:
        """An automatic node (switch, function, end, start) the engine runs and finishes at once."""
        return self.task(node, kind, moment, previous, started=moment if started else None, finished=moment,
                         token=token)

    def event(self, kind: str, moment: datetime, actor: int | None, task: int | None = None, step_title: str = "",
              comment: str = "") -> None:
        self.g.events.add(process_id=self.process["key"], task_id=task, kind=kind, step_title=step_title,
                          actor_id=actor, comment=comment, created_at=moment)

    def notify(self, people, message: str, moment: datetime) -> None:
        """`message` names the case as "\\x00", replaced by its number once it has one."""
        read = moment + timedelta(hours=2 + self.rnd.randrange(48))
        for person in dict.fromkeys(p for p in people if p):
            self.g.notifications.add(recipient_id=person, message=message, url=self.process["key"], created_at=moment,
                                     read_at=read if read < self.now and self.rnd.random() < 0.9 else None)

    def later(self, moment: datetime, low: float, high: float) -> datetime:
        return moment + timedelta(days=low + self.rnd.random() * (high - low))

    def holders(self, role: str, scope: str) -> list[int]:
        if role == "lead":
            return [self.school.lead]
        if role == "director":
            return [self.school.director]
        if role == "methodist":
            return list(self.place.methodists)
        if role == "officer":
            return [self.place.officer]
        if role in ("mentor", "tutor"):
            return list(self.school.mentors)
        return []

    def claimer(self, role: str, scope: str) -> int:
        people = self.holders(role, scope)
        if role == "methodist" and self.place.index == 0:
            return people[0] if self.rnd.random() < 0.7 else people[-1]
        return self.rnd.choice(people)

    # Review steps (`workflows.review`), shared by the flows

    def queue(self, role: str, scope: str) -> dict:
        """The fields of a task offered to everyone holding `role` in the case's `scope`."""
        return dict(owner_permission=f"accounts.act_as_{role}_in_{scope}",
                    owner_permission_content_type_id=self.g.content_types[scope],
                    owner_permission_obj_pk=str(self.place.id if scope == "municipality" else self.school.id),
                    status="NEW")

    def review_task(self, node: str, step: dict, moment: datetime, previous: int, named: int | None):
        """A review step's task as `review_created` leaves it, named or in the queue, with its deadline timer;
        the reviewers are told. Returns (task, timer, due, reviewers)."""
        from workflows.chains import add_working_days

        due = add_working_days(moment, step["deadline_days"]).astimezone(UTC)
        due_text = due.isoformat()
        self.data["round"]["due_at"] = due_text
        fields = {"data": {"step": step["code"], "step_title": step["title"], "due_at": due_text}}
        if named:
            fields.update(owner_id=named, status="ASSIGNED")
        else:
            fields.update(self.queue(step["role"], step["reviewer_scope"]))
        human = self.task(node, "HUMAN", moment, previous, **fields)
        timer = self.task(f"{node}__timeout", "TIMER", moment, human, status="SCHEDULED", scheduled=due)
        reviewers = [named] if named else self.holders(step["role"], step["reviewer_scope"])
        self.notify(reviewers, self.g.awaits % {"case": "\x00", "step": step["title"]}, moment)
        return human, timer, due, reviewers

    def advance_round(self, position: int) -> int:
        """An approval moves the round to its next step and forgets who returned the case."""
        position += 1
        self.data["round"]["position"] = position
        self.data["round"]["returned_by"] = None
        return position

    def start_round(self, steps: list[dict]) -> None:
        """A new review round, as `workflows.review.start_round` keeps it (`workflows.rounds.RoundState`)."""
        self.data["round"] = asdict(RoundState(steps=steps))

    def decision_moment(self, moment: datetime, deadline_days: int) -> datetime | None:
        """When a reviewer decides: mostly in time, sometimes late, now and then never."""
        if self.rnd.random() < 0.012:
            return NEVER
        if self.rnd.random() < 0.08:
            return self.later(moment, deadline_days * 1.2, deadline_days * 3)
        return self.later(moment, 0.05, deadline_days * 1.2)

    def escalate_if_due(self, step_task: int, timer: int, due: datetime, decided: datetime | None, step_title: str,
                        recipients: list[int]) -> None:
        """The dispatcher fires the step's timer if its deadline passes before the decision (or now): overdue."""
        until = decided if decided is not None and decided < self.now else self.now
        if due > until:
            return
        self.set_task(timer, status="DONE", started=due, finished=due)
        escalate = self.done("escalate", "FUNCTION", due, timer)
        self.done("escalated_end", "END", due, escalate)
        self.event("overdue", due, None, step_task, step_title)
        self.notify(recipients, self.g.overdue_message % {"case": "\x00", "step": step_title}, due)

    def still_open(self, task: int, moment: datetime, decided: datetime | None, named: int | None,
                   taker: int) -> bool:
        """Whether the step is undone now; if so, half of the queue tasks have been claimed meanwhile."""
        if decided is not None and decided <= self.now:
            return False
        if not named:
            claimed = moment + (decided - moment) * self.rnd.uniform(0.1, 0.8) if decided else NEVER
            if claimed is not None and claimed < self.now and self.rnd.random() < 0.5:
                self.set_task(task, owner_id=taker, status="ASSIGNED")
        return True

    def close_review(self, node: str, task: int, timer: int, reviewer: int, decided: datetime) -> int:
        """The reviewer has decided: their task is done, the timer cancelled unless it fired; returns the switch."""
        self.set_task(task, owner_id=reviewer, status="DONE", started=decided, finished=decided)
        if self.task_status(timer) == "SCHEDULED":
            self.set_task(timer, status="CANCELED", finished=decided)
        return self.done(f"after_{node}", "SWITCH", decided, task, started=False)

    def announce(self, kind: str, moment: datetime, reviewer: int, task: int, step_title: str,
                 comment: str = "") -> None:
        """A review decision on the timeline, and the author told (`workflows.services.decide`)."""
        self.event(kind, moment, reviewer, task, step_title, comment)
        self.notify([self.author], self.g.decided % {"case": "\x00", "decision": self.g.kind_display[kind],
                                                     "step": step_title}, moment)


