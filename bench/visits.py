"""The methodical visits and consultations of the synthetic region, for `bench.generate` and `bench.run`.

Every municipality has a schedule for each academic year of the history and this one, approved by its
officer in September: each low-result school (ШНОР) visited monthly from September to May ([002:162]
«Ежемесячно»), a fifth of the other schools once a year, by one or two of its methodists. Visits past
are reported (a few cancelled) with one to three addressed recommendations, most executed by the school's
director in time, some late, some still open; visits ahead are planned. Consultations: four per school a
year, for teachers, heads and parents. Each row has its creation in the history. Rows are written with
COPY after the sites; their ids follow those written.
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

MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5)
OTHER_SCHOOLS_VISITED = 0.2
CONSULTATIONS_PER_SCHOOL = 4
PURPOSES = ["Анализ результатов ВПР и подготовка к ГИА", "Посещение уроков молодых педагогов",
            "Реализация антирисковых программ", "Мониторинг исполнения адресных рекомендаций",
            "Организация работы ШМО", "Сопровождение программы повышения качества образования"]
RECOMMENDATIONS = ["Разработать программу повышения качества образования",
                   "Организовать взаимопосещение уроков", "Закрепить наставников за молодыми педагогами",
                   "Провести анализ типичных ошибок обучающихся на заседании ШМО"]
TOPICS = ["Разработка ИОМ педагога", "Подготовка к аттестации", "Работа с детьми с ОВЗ",
          "Антирисковые программы", "Профилактика неуспеваемости", "Функциональная грамотность"]
AUDIENCES = ["teachers"] * 3 + ["heads", "parents"]
FORMS = ["individual", "group", "online", "phone", "written"]


class VisitRegion(RegionWriting):
    """The visits and consultations of `region` (a `bench.region.Region` already written)."""

    def __init__(self, region):
        from accounts.models import Organisation
        from visits.models import Consultation, Recommendation, Visit, VisitSchedule

        self.region, self.connection = region, region.connection
        self.random = random.Random(region.args.seed * 7919 + 19)
        self.now, self.window_start, self.places = region.now, region.window_start.date(), region.places
        self.low_results = set(Organisation.objects.filter(is_low_results=True).values_list("pk", flat=True))
        self.tables = {"visit schedules": Table(VisitSchedule), "visits": Table(Visit),
                       "visit methodists": Table(Visit.methodists.through),
                       "addressed recommendations": Table(Recommendation), "consultations": Table(Consultation),
                       "visit schedule history": Table(VisitSchedule.history.model),
                       "visit history": Table(Visit.history.model),
                       "recommendation history": Table(Recommendation.history.model),
                       "consultation history": Table(Consultation.history.model)}
        (self.schedules, self.visits, self.visit_methodists, self.recommendations, self.consultations,
         *self.histories) = self.tables.values()
        self.history_of = dict(zip((self.schedules, self.visits, self.recommendations, self.consultations),
                                   self.histories, strict=True))
        self.case_numbers: dict = {}  # none: visits are not cases
        self.next = {name: self.first_free(table.model) for name, table in self.tables.items()
                     if not name.endswith("history")}

    def labelled_tables(self) -> list[tuple[str, Table]]:
        return list(self.tables.items())

    def take(self, name: str) -> int:
        value = self.next[name]
        self.next[name] += 1
        return value

    def generate(self, clock: Clock) -> dict[str, int]:
        today = self.now.date()
        first = self.window_start.year if self.window_start.month >= 9 else self.window_start.year - 1
        last = today.year if today.month >= 9 else today.year - 1
        for place in self.places:
            if place.methodists and place.schools:
                for year in range(first, last + 1):
                    self.schedule(place, year, today)
        for history in self.histories:
            pk, start = history.column("history_id"), self.first_free(history.model)
            for n, row in enumerate(history.rows):
                row[pk] = start + n
        clock.lap(f"visits: {len(self.visits.rows):,} visits, {len(self.recommendations.rows):,} recommendations, "
                  f"{len(self.consultations.rows):,} consultations simulated")
        written = self.write(clock)
        self.analyze()
        return written

    def moment(self, day: date, hour: int = 10) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=UTC)

    def history(self, table: Table, values: dict, when: datetime, who: int) -> None:
        self.history_of[table].add(**values, history_date=when, history_type="+", history_user_id=who)

    def schedule(self, place, year: int, today: date) -> None:
        schedule_id, methodist = self.take("visit schedules"), place.methodists[0]
        created, approved = self.moment(date(year, 8, 25)), self.moment(date(year, 9, 5))
        values = dict(id=schedule_id, municipality_id=place.id, year=year, note="", created_by_id=methodist,
                      created_at=created, approved_by_id=place.officer or None,
                      approved_at=approved if place.officer else None)
        self.schedules.add(**values)
        self.history(self.schedules, values, created, methodist)
        for school in place.schools:
            if school.id in self.low_results:
                days = [date(year + (month < 9), month, self.random.randrange(5, 26)) for month in MONTHS]
            elif self.random.random() < OTHER_SCHOOLS_VISITED:
                days = [date(year + 1, self.random.choice(MONTHS[4:]), self.random.randrange(5, 26))]
            else:
                days = []
            for day in days:
                self.visit(place, school, schedule_id, day, today, created)
            for _ in range(CONSULTATIONS_PER_SCHOOL):
                day = date(year, 9, 1) + timedelta(days=self.random.randrange(365))
                if day < today:
                    self.consultation(place, school, day)

    def visit(self, place, school, schedule_id: int, day: date, today: date, created: datetime) -> None:
        rand, visit_id = self.random, self.take("visits")
        methodists = rand.sample(place.methodists, min(len(place.methodists), rand.choice((1, 1, 2))))
        past, cancelled = day < today, rand.random() < 0.03
        status = "cancelled" if cancelled else ("done" if past else "planned")
        done = status == "done"
        values = dict(id=visit_id, schedule_id=schedule_id, organisation_id=school.id,
                      reason="low_results" if school.id in self.low_results else "difficult_conditions",
                      purpose=rand.choice(PURPOSES), planned_on=day, status=status,
                      visited_on=day if done else None, findings="Выводы по итогам выезда" if done else "",
                      report="", reported_by_id=methodists[0] if done else None,
                      reported_at=self.moment(day, 17) if done else None,
                      cancel_reason="Перенесён по просьбе школы" if cancelled else "")
        self.visits.add(**values)
        self.history(self.visits, values, created, methodists[0])
        for methodist in methodists:
            self.visit_methodists.add(id=self.take("visit methodists"), visit_id=visit_id, user_id=methodist)
        if done:
            for _ in range(rand.randrange(1, 4)):
                self.recommendation(school, visit_id, day, today, methodists[0])

    def recommendation(self, school, visit_id: int, day: date, today: date, methodist: int) -> None:
        rand, pk = self.random, self.take("addressed recommendations")
        due = day + timedelta(days=rand.choice((14, 30, 45, 60)))
        executed_on = due + timedelta(days=rand.choice((-10, -3, 0, 0, 6, 20)))
        done = executed_on < today and rand.random() < 0.9 and school.director
        values = dict(id=pk, visit_id=visit_id, organisation_id=school.id, text=rand.choice(RECOMMENDATIONS),
                      due_on=due, status="done" if done else "open", created_by_id=methodist,
                      created_at=self.moment(day, 17), execution="Выполнено, отчёт направлен в ИМЦ" if done else "",
                      executed_by_id=school.director if done else None,
                      executed_at=self.moment(executed_on, 12) if done else None)
        self.recommendations.add(**values)
        self.history(self.recommendations, values, self.moment(day, 17), methodist)

    def consultation(self, place, school, day: date) -> None:
        rand, pk = self.random, self.take("consultations")
        audience, methodist = rand.choice(AUDIENCES), rand.choice(place.methodists)
        values = dict(id=pk, municipality_id=place.id, audience=audience, topic=rand.choice(TOPICS),
                      form=rand.choice(FORMS), held_at=self.moment(day, rand.choice((10, 14, 16))),
                      consulted_by_id=methodist, organisation_id=school.id,
                      whom="Родители обучающихся" if audience == "parents" else "",
                      attendees=rand.randrange(1, 20), visit_id=None, follows_course_id=None, notes="")
        self.consultations.add(**values)
        self.history(self.consultations, values, values["held_at"], methodist)


# (name, URL name of the list, marker of a page's row (None: the API's results), the rarer filter)
LISTS = [("Visits page", "visits:index", "visit-row", "status=cancelled"),
         ("Visits API", "api:visit-list", None, "status=cancelled"),
         ("Recommendations page", "visits:recommendations", "recommendation-row", "status=overdue"),
         ("Recommendations API", "api:visit-recommendation-list", None, "status=overdue"),
         ("Consultations page", "visits:consultations", "consultation-row", "audience=parents")]


def visit_plan(subjects, client_for: Callable, api_client_for: Callable) -> list[tuple]:
    """Rows of `bench.run.page_figures`'s plan: the busy methodist's municipality's visits of this academic
    year, its recommendations and consultations, as they and its auditor read them, against a rarer filter."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from visits.services import academic_year

    from .site_figures import api_rows, auditor_of, page_rows

    municipality = subjects.municipality
    year = academic_year(timezone.localdate())
    plan = []
    for name, url_name, mark, rarer in LISTS:
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            print(f"  note: {url_name} is not served, {name} is not measured", file=sys.stderr)
            continue
        make, rows = (client_for, page_rows(mark)) if mark else (api_client_for, api_rows)
        query = f"?municipality={municipality.pk}" + (f"&year={year}" if url_name.endswith(("index", "visit-list"))
                                                      else "")
        for person, who in ((subjects.busy, "methodist"), (auditor_of(municipality), "auditor")):
            client = make(person)
            plan.append((f"{name}, {who}", path + query, client, client, f"{path}{query}&{rarer}", rarer, rows))
    return plan
