"""The work plans of the synthetic region, for `bench.generate` and `bench.run`.

Every municipality has a plan for each year of the history and for this one, approved by its officer in
January, of `ITEMS_PER_PLAN` items over the roadmap's sections with deadlines through the year, mostly its
methodists' and some its schools' leads' and directors'. Items past their deadline are closed as a
methodical service closes them (most on time, some late, some not done, each with its result; a few left
overdue); the rest are planned or in progress. Past years have their analysis. Each plan and item has its
creation in the history. Rows are written with COPY after the sites; their ids follow those written.
"""
from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from .clock import Clock
from .copy import Table
from .vocabulary import UTC
from .writing import RegionWriting

ITEMS_PER_PLAN = 150
TITLES = ["Провести семинар для заместителей директоров по УМР", "Провести мониторинг методических разделов сайтов ОО",
          "Организовать курсы повышения квалификации педагогов", "Провести заседание районного методического объединения",
          "Провести методический выезд в школу с низкими результатами", "Провести диагностику профессиональных дефицитов",
          "Организовать муниципальный этап конкурса профессионального мастерства",
          "Закрепить наставников за молодыми специалистами", "Подготовить аналитическую справку по итогам мониторинга",
          "Провести конференцию «Педагогические чтения»", "Актуализировать нормативные документы методической службы",
          "Организовать конкурсный отбор инновационных площадок"]
RESULTS = ["Проведено, материалы размещены на сайте", "Выполнено, справка направлена в управление образования",
           "Проведено, охвачено 60 педагогов"]


class WorkPlanRegion(RegionWriting):
    """The work plans of `region` (a `bench.region.Region` already written): `generate` makes and writes them."""

    def __init__(self, region):
        from workplan.indicators import Indicator
        from workplan.models import PlanItem, Section, WorkPlan

        self.region, self.connection = region, region.connection
        self.random = random.Random(region.args.seed * 7919 + 16)
        self.now, self.window_start, self.places = region.now, region.window_start, region.places
        self.sections, self.indicators = list(Section.values), ["", *Indicator.values]
        self.tables = {"work plans": Table(WorkPlan), "work plan items": Table(PlanItem),
                       "work plan history": Table(WorkPlan.history.model),
                       "work plan item history": Table(PlanItem.history.model)}
        self.plans, self.items, self.plan_history, self.item_history = self.tables.values()
        self.next_plan, self.next_item = self.first_free(WorkPlan), self.first_free(PlanItem)
        self.case_numbers: dict = {}  # none: plans are not cases

    def labelled_tables(self) -> list[tuple[str, Table]]:
        return list(self.tables.items())

    def generate(self, clock: Clock) -> dict[str, int]:
        today = self.now.date()
        for place in self.places:
            for year in range(self.window_start.year, today.year + 1):
                self.plan(place, year, today)
        for history in (self.plan_history, self.item_history):
            self.number_history(history)
        clock.lap(f"work plans: {len(self.plans.rows):,} plans, {len(self.items.rows):,} items simulated")
        written = self.write(clock)
        self.analyze()
        return written

    def number_history(self, history: Table) -> None:
        pk, first = history.column("history_id"), self.first_free(history.model)
        for n, row in enumerate(history.rows):
            row[pk] = first + n

    def moment(self, day: date) -> datetime:
        return datetime.combine(day, time(10, 0), tzinfo=UTC)

    def plan(self, place, year: int, today: date) -> None:
        plan_id, self.next_plan = self.next_plan, self.next_plan + 1
        methodist = place.methodists[0]
        drawn_up, approved = self.moment(date(year, 1, 10)), self.moment(date(year, 1, 20))
        past = year < today.year
        values = dict(id=plan_id, municipality_id=place.id, year=year, title="", created_by_id=methodist,
                      created_at=drawn_up, approved_by_id=place.officer or methodist, approved_at=approved,
                      analysis="Анализ выполнения плана за год" if past else "",
                      analysed_by_id=methodist if past else None,
                      analysed_at=self.moment(date(year, 12, 28)) if past else None)
        self.plans.add(**values)
        self.plan_history.add(**values, history_date=approved, history_type="+", history_user_id=methodist)
        staff = list(place.methodists) + [person for school in place.schools[:30]
                                          for person in (school.lead, school.director) if person]
        for number in range(1, ITEMS_PER_PLAN + 1):
            deadline = date(year, 1, 31) + timedelta(days=self.random.randrange(334))
            self.item(plan_id, number, deadline, self.random.choice(staff), today, drawn_up)

    def item(self, plan_id: int, number: int, deadline: date, responsible: int, today: date,
             created: datetime) -> None:
        item_id, self.next_item = self.next_item, self.next_item + 1
        status, closed_on, result = "planned", None, ""
        roll = self.random.random()
        if deadline < today and roll < 0.97:
            status, result = ("not_done", "Перенесено на следующий год") if roll < 0.08 else (
                "done", self.random.choice(RESULTS))
            closed_on = min(today, deadline + timedelta(days=self.random.choice((-5, -2, 0, 0, 0, 9))))
        elif deadline < today + timedelta(days=45):
            status = "in_progress"
        values = dict(id=item_id, plan_id=plan_id, number=number, section=self.random.choice(self.sections),
                      title=self.random.choice(TITLES), deadline=deadline, responsible_id=responsible,
                      indicator=self.random.choice(self.indicators), status=status, result=result,
                      closed_on=closed_on, closed_by_id=responsible if closed_on else None)
        self.items.add(**values)
        self.item_history.add(**values, history_date=created, history_type="+", history_user_id=responsible)


# (name, URL name of the list, marker of a page's row (None: the API's results))
LISTS = [("Work plan items page", "workplan:index", "item-row"), ("Work plan items API", "api:plan-item-list", None)]


def workplan_plan(subjects, client_for: Callable, api_client_for: Callable) -> list[tuple]:
    """Rows of `bench.run.page_figures`'s plan: this year's items of the busy methodist's municipality, as they
    and its auditor read them, compared with the items not done (a few)."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from .site_figures import api_rows, auditor_of, page_rows

    year = timezone.localdate().year
    plan = []
    for name, url_name, mark in LISTS:
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            print(f"  note: {url_name} is not served, {name} is not measured", file=sys.stderr)
            continue
        make, rows = (client_for, page_rows(mark)) if mark else (api_client_for, api_rows)
        query = f"?municipality={subjects.municipality.pk}&year={year}"
        for person, who in ((subjects.busy, "methodist"), (auditor_of(subjects.municipality), "auditor")):
            client = make(person)
            plan.append((f"{name}, {who}", path + query, client, client, f"{path}{query}&status=not_done",
                         "status=not_done", rows))
    return plan
