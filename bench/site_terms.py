"""A site's term in the register, simulated for `bench.sites` as `platforms.register_flow.SiteFlow` runs it.

The department's order enters the site (`platforms.register.enter_site`), which starts its term
process: for every year of the term a timer opens the annual report a month before the anniversary,
the director sends it (late ones are marked overdue by the report's deadline timer and the officers
told), the curator accepts, returns (the director revises and sends again) or fails it; a failed or
overdue report leads, now and then, to a revocation order that ends the process. After the last
year a timer at the end of the term closes the site, unless an extension continues it.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from .lives import CaseLife
from .vocabulary import UTC

REPORT_TEXT = ("Проект реализуется по плану: проведены семинары для педагогов муниципалитета, открытые "
               "занятия и мастер-классы; результаты представлены на методическом совете.")
RETURN_COMMENT = "Дополните отчёт количественными результатами и приложите программу семинаров."
FAIL_COMMENT = "Результаты этапа не достигнуты, мероприятия для педагогов муниципалитета не проведены."


def start_of(day: date) -> datetime:
    """When a timer set «on» a day fires: the day's first moment (the bench writes in UTC)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


class SiteTermLife(CaseLife):
    """One site from its entry in the register to wherever its term stands now. The site's row and its
    reports are `bench.sites` tables; the process and tasks are written like a case's."""

    kind = "site"

    def __init__(self, sites, site: dict, school, entered: datetime):
        super().__init__(sites, school, entered, sites.sites, sites.site_history, sites.term_refs,
                         sites.term_flow_ref)
        self.sites = sites
        self.site = site
        self.key = site["key"]
        self.author = school.director

    def save_site(self, moment: datetime, actor: int | None, **changes) -> None:
        self.site.update(changes)
        row = self.table.rows[self.key]
        for name, value in changes.items():
            row[self.table.column(name)] = value
        self.history.add(**self.site_fields(), history_date=moment, history_type="~", history_user_id=actor)

    def site_fields(self) -> dict:
        return {name: value for name, value in self.site.items() if name in self.table.index}

    def live(self) -> None:
        moment = self.created
        self.process = self.g.start_process(self.kind, self.key, self.flow_ref, moment)
        self.process["data"] = self.data
        task = self.done("start", "START", moment, None)
        self.save_site(moment, None, process_id=self.process["key"])
        for report in self.sites.reports_of(self.site):
            task = self.done("plan", "SWITCH", moment, task, started=False)
            self.data["report"] = report["id"]
            outcome = self.report_year(report, task)
            if outcome is None:
                return
            moment, task = outcome
            if self.site["status"] == "revoked":
                return
        self.term_end(moment, self.done("plan", "SWITCH", moment, task, started=False))

    def report_year(self, report: dict, previous: int) -> tuple[datetime, int] | None:
        """One year's report: None while it is still open at generation, else (when the year ended, last task)."""
        opens = start_of(report["opens_on"])
        wait = self.task("wait_report", "TIMER", self.created if previous is None else opens - timedelta(days=1),
                         previous, status="SCHEDULED", scheduled=opens)
        if opens > self.now:
            return None
        self.set_task(wait, status="DONE", started=opens, finished=opens)
        opened = self.done("open_report", "FUNCTION", opens, wait)
        self.sites.update_report(report, opens, None, status="open")
        director = self.school.director
        due = start_of(report["due_on"] + timedelta(days=1))
        previous, returned = opened, 0
        while True:
            step = self.task("annual_report", "HUMAN", opens, previous, data={
                "step_title": self.sites.term_titles["annual_report"], "due_at": due.isoformat()},
                **self.queue("director", "organisation"))
            timer = self.task("annual_report__timeout", "TIMER", opens, step, status="SCHEDULED", scheduled=due)
            self.notify([director], self.sites.texts["report_due"] % {
                "site": self.site["topic"], "year": report["year_of_term"],
                "due": report["due_on"].strftime("%d.%m.%Y")}, opens)
            sent = self.sent_at(opens, due, returned)
            if due <= min(sent or self.now, self.now) and report["status"] == "open":
                self.overdue(report, timer, due)
                if self.sites.revoke_if_failed(self, report, due):
                    return None
            if sent is None or sent > self.now:
                if sent is not None and self.rnd.random() < 0.5:
                    self.set_task(step, owner_id=director, status="ASSIGNED")
                return None
            if self.task_status(timer) == "SCHEDULED":
                self.set_task(timer, status="CANCELED", finished=sent)
            self.set_task(step, owner_id=director, status="DONE", started=sent, finished=sent)
            self.sites.update_report(report, sent, director, status="submitted", text=REPORT_TEXT,
                                     results=REPORT_TEXT, submitted_by_id=director, submitted_at=sent)
            self.event("submitted", sent, director, step, self.sites.term_titles["annual_report"])
            decided, decision = self.review(report, sent, step)
            if decided is None:
                return None
            if decision != "returned":
                break
            previous, returned, opens = decided[1], returned + 1, decided[0]
        moment, task = decided
        if decision == "failed" and self.sites.revoke_if_failed(self, report, moment):
            return None
        return moment, task

    def sent_at(self, opens: datetime, due: datetime, returned: int) -> datetime | None:
        """Mostly before the due date; some late, a few never (overdue)."""
        roll = self.rnd.random()
        if roll < 0.04:
            return None
        if roll < 0.12:
            return due + timedelta(days=self.rnd.uniform(1, 40))
        return opens + (due - opens) * self.rnd.uniform(0.2, 0.98) * (0.5 if returned else 1)

    def overdue(self, report: dict, timer: int, due: datetime) -> None:
        self.set_task(timer, status="DONE", started=due, finished=due)
        overdue = self.done("overdue", "FUNCTION", due, timer)
        self.done("overdue_end", "END", due, overdue)
        self.sites.update_report(report, due, None, status="overdue")
        self.event("overdue", due, None, None, self.sites.term_titles["annual_report"])
        self.notify([self.place.officer], self.sites.texts["report_overdue"] % {
            "site": self.site["topic"], "organisation": self.sites.short_names[self.school.id],
            "year": report["year_of_term"], "due": report["due_on"].strftime("%d.%m.%Y")}, due)

    def review(self, report: dict, sent: datetime, previous: int) -> tuple[tuple[datetime, int] | None, str]:
        """The curator's review: accepted, returned (a second time rarely) or failed."""
        curator = self.site["curator_id"]
        title = self.sites.term_titles["curator_review"]
        task = self.task("curator_review", "HUMAN", sent, previous, status="ASSIGNED", owner_id=curator,
                         data={"step_title": title})
        self.notify([curator], self.sites.texts["report_review"] % {"site": self.site["topic"]}, sent)
        decided = self.later(sent, 0.5, 12)
        if decided > self.now:
            return None, ""
        roll = self.rnd.random()
        decision = "failed" if roll < 0.04 else "returned" if roll < 0.16 and report.get("returns", 0) < 1 \
            else "accepted"
        report["returns"] = report.get("returns", 0) + (decision == "returned")
        comment = {"failed": FAIL_COMMENT, "returned": RETURN_COMMENT}.get(decision, "")
        self.set_task(task, status="DONE", started=decided, finished=decided)
        self.sites.update_report(report, decided, curator, status=decision, reviewed_by_id=curator,
                                 reviewed_at=decided, comment=comment)
        kind = {"failed": "rejected", "returned": "returned", "accepted": "approved"}[decision]
        self.event(kind, decided, curator, task, title, comment)
        if decision == "failed":
            self.notify([self.place.officer], self.sites.texts["report_failed"] % {
                "site": self.site["topic"], "organisation": self.sites.short_names[self.school.id]}, decided)
        return (decided, self.done("reviewed", "SWITCH", decided, task, started=False)), decision

    def term_end(self, moment: datetime, previous: int) -> None:
        ends = start_of(self.site["ends_on"] + timedelta(days=1))
        wait = self.task("wait_term_end", "TIMER", moment, previous, status="SCHEDULED", scheduled=ends)
        if ends > self.now:
            return
        self.set_task(wait, status="DONE", started=ends, finished=ends)
        close = self.done("close", "FUNCTION", ends, wait)
        if self.site["status"] == "active":
            self.save_site(ends, None, status="closed")
        self.event("closed", ends, None, close, self.sites.term_titles["close"])
        self.done("end", "END", ends, close)
        self.process.update(status="DONE", finished=ends)

    def end_by_revocation(self, moment: datetime) -> None:
        """`revoke_site` cancels the open tasks and ends the process."""
        for row in self.g.tasks.rows:
            if row[self.g.tasks.column("process_id")] == self.process["key"] and \
                    row[self.g.tasks.column("status")] in ("NEW", "ASSIGNED", "SCHEDULED"):
                row[self.g.tasks.column("status")] = "CANCELED"
                row[self.g.tasks.column("finished")] = moment
        self.process.update(status="CANCELED", finished=moment)
