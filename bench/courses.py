"""The courses (КПК) of the synthetic region, for `bench.generate` and `bench.run`.

The region lists its providers (its institute, the Academy of the Ministry, a ЦНППМ) and their programmes.
Every year of the last `YEARS` a third of each municipality's teachers completed a course ([002:225]: at
least 30 % a year), entered by their school's director or a methodist, each with its creation in the
history; every school submitted two course needs for this year, and each municipality's methodist
consolidated them into this year's plan through `courses.planning`. Completions and needs are written with
COPY after the other registers; their ids follow those written.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from .clock import Clock
from .copy import Table
from .vocabulary import UTC
from .writing import RegionWriting

YEARS = 2  # this year and the last
SHARE = 1 / 3  # of the teachers, a year
PROGRAMMES = [("regional_institute", "Цифровые образовательные ресурсы в работе учителя", 36, "ict"),
              ("regional_institute", "Реализация требований обновлённых ФГОС", 72, "fgos"),
              ("regional_institute", "Выявление и сопровождение одарённых детей", 40, "talents"),
              ("academy", "Школа современного учителя", 100, "subject"),
              ("academy", "Разговоры о важном: система работы классного руководителя", 58, "upbringing"),
              ("academy", "Управление качеством образования", 72, "management"),
              ("cnppm", "Наставничество в образовательной организации", 24, "management"),
              ("cnppm", "Инклюзивное образование обучающихся с ОВЗ", 36, "inclusion"),
              ("cnppm", "Функциональная грамотность: формирование и оценка", 36, "fgos"),
              ("cnppm", "Искусственный интеллект в работе педагога", 18, "ict")]
NEEDS = [("fgos", "Реализация обновлённых ФГОС"), ("ict", "Цифровая образовательная среда школы"),
         ("inclusion", "Работа с обучающимися с ОВЗ"), ("subject", "Предметные компетенции учителя"),
         ("management", "Наставничество молодых педагогов")]


class CourseRegion(RegionWriting):
    """The courses of `region` (a `bench.region.Region` already written): `generate` makes and writes them."""

    def __init__(self, region):
        from courses.models import CourseCompletion, CourseNeed

        self.region, self.random = region, random.Random(region.args.seed * 7919 + 23)
        self.connection, self.now, self.places = region.connection, region.now, region.places
        self.completions, self.needs = Table(CourseCompletion), Table(CourseNeed)
        self.completion_history, self.need_history = (Table(model.history.model)
                                                      for model in (CourseCompletion, CourseNeed))
        self.next_completion, self.next_need = self.first_free(CourseCompletion), self.first_free(CourseNeed)
        self.case_numbers: dict = {}  # none: courses are not cases

    def labelled_tables(self) -> list[tuple[str, Table]]:
        return [("course completions", self.completions), ("course needs", self.needs),
                ("course completion history records", self.completion_history),
                ("course need history records", self.need_history)]

    def generate(self, clock: Clock) -> dict[str, int]:
        self.courses = self.programmes()
        for place in self.places:
            self.municipality(place)
        self.number_history(self.completion_history, self.need_history)
        clock.lap(f"courses: {len(self.completions.rows):,} completions, {len(self.needs.rows):,} needs simulated")
        written = self.write(clock)
        written["course plans"] = self.consolidate()
        clock.lap(f"courses: {written['course plans']} plans consolidated (courses.planning)")
        self.analyze()
        return written

    def number_history(self, *histories: Table) -> None:
        """History ids after those written, in the order the records were added."""
        for history in histories:
            column = history.column("history_id")
            for history_id, row in enumerate(history.rows, start=self.first_free(history.model)):
                row[column] = history_id

    def programmes(self) -> list[int]:
        from courses.models import Course, Provider

        names = {"regional_institute": ("Институт развития образования", "ИРО"),
                 "academy": ("Академия Минпросвещения России", "Академия Минпросвещения"),
                 "cnppm": ("Центр непрерывного повышения профессионального мастерства", "ЦНППМ")}
        providers = {kind: Provider.objects.get_or_create(region_id=self.region.region_id, short_name=short,
                                                          defaults={"name": name, "kind": kind})[0]
                     for kind, (name, short) in names.items()}
        return [Course.objects.get_or_create(provider=providers[kind], title=title, hours=hours,
                                             defaults={"focus": focus})[0].pk
                for kind, title, hours, focus in PROGRAMMES]

    def municipality(self, place) -> None:
        if not place.methodists:
            return
        this_year = self.now.date().year
        for school in place.schools:
            for year in range(this_year - YEARS + 1, this_year + 1):
                for teacher in school.teachers:
                    if self.random.random() < SHARE:
                        self.completion(place, school, teacher, year)
            for focus, topic in self.random.sample(NEEDS, 2):
                self.need(place, school, focus, topic, this_year)

    def completion(self, place, school, teacher: int, year: int) -> None:
        rand = self.random
        last = min(self.now.date() - timedelta(days=1), date(year, 12, 20))
        ends_on = date(year, 1, 10) + timedelta(days=rand.randrange(max(1, (last - date(year, 1, 10)).days)))
        starts_on = ends_on - timedelta(days=rand.choice((4, 11, 18, 25, 60)))
        actor = school.director if school.director and rand.random() < 0.6 else rand.choice(place.methodists)
        entered = datetime.combine(ends_on + timedelta(days=rand.randrange(1, 20)), time(10), tzinfo=UTC)
        entered = min(entered, self.now)
        completion_id, self.next_completion = self.next_completion, self.next_completion + 1
        values = dict(id=completion_id, person_id=teacher, course_id=rand.choice(self.courses),
                      organisation_id=school.id, municipality_id=place.id, starts_on=starts_on, ends_on=ends_on,
                      certificate_number=f"{year}-{completion_id:07d}", need_id=None, recorded_by_id=actor,
                      recorded_at=entered)
        self.completions.add(**values)
        self.completion_history.add(**values, history_date=entered, history_type="+", history_user_id=actor)

    def need(self, place, school, focus: str, topic: str, year: int) -> None:
        actor = school.director or school.lead or place.methodists[0]
        if not (school.director or school.lead):
            return  # only the school submits its needs
        submitted = min(datetime.combine(date(year, 1, 15) + timedelta(days=self.random.randrange(60)), time(11),
                                         tzinfo=UTC), self.now)
        need_id, self.next_need = self.next_need, self.next_need + 1
        values = dict(id=need_id, organisation_id=school.id, municipality_id=place.id, year=year, focus=focus,
                      topic=topic, teachers_count=self.random.randrange(1, 8), comment="", submitted_by_id=actor,
                      submitted_at=submitted)
        self.needs.add(**values)
        self.need_history.add(**values, history_date=submitted, history_type="+", history_user_id=actor)

    def consolidate(self) -> int:
        """This year's plan of every municipality, consolidated by its first methodist through the service."""
        from accounts.models import Municipality, User
        from courses.models import CourseNeed
        from courses.planning import consolidate_plan

        made = 0
        for place in self.places:
            if not place.methodists or not CourseNeed.objects.filter(municipality_id=place.id,
                                                                     year=self.now.year).exists():
                continue
            consolidate_plan(User.objects.get(pk=place.methodists[0]), Municipality.objects.get(pk=place.id),
                             self.now.year)
            made += 1
        return made


def course_plan(subjects, client_for: Callable, api_client_for: Callable) -> list[tuple]:
    """Rows of `bench.run.page_figures`'s plan: the busy methodist's municipality's course completions of this
    year (the register, page and API, as they and its auditor read it), against the same list for a year
    without any (no rows)."""
    from django.urls import reverse
    from django.utils import timezone

    from .site_figures import api_rows, auditor_of, page_rows

    municipality, year = subjects.municipality, timezone.localdate().year
    lists = [("Course completions page", reverse("courses:index"), client_for, page_rows("completion-row")),
             ("Course completions API", reverse("api:course-completion-list"), api_client_for, api_rows)]
    return [(f"{name}, {who}", f"{path}?municipality={municipality.pk}&year={year}", client, client,
             f"{path}?municipality={municipality.pk}&year={year - 5}", f"year={year - 5}", rows)
            for name, path, make, rows in lists
            for person, who in ((subjects.busy, "methodist"), (auditor_of(municipality), "auditor"))
            for client in (make(person),)]

