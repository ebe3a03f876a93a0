"""The events of the synthetic region, for `bench.generate` and `bench.run`.

Every municipality holds the Tomsk seed's volume of methodical events ([000:258-276]: at least 570 a year):
`EVENTS_PER_DAY` on average every working day over the last year and the coming quarter, most of them the
methodical centre's, a tenth a school's own, run by its methodists (a school's by its director). Each takes
registrations from the municipality's teachers, a few more than a seminar room's places at times; the past
ones are held with attendance marked (most came), a few were cancelled. Each event and registration has its
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

EVENTS_PER_DAY = 2.6  # ~ 650 a year of ~ 250 working days
PAST_DAYS, AHEAD_DAYS = 365, 92
FORMS = ["seminar"] * 4 + ["workshop", "webinar", "webinar", "master_class", "round_table", "open_lesson",
                           "training", "conference", "consultation", "association_meeting", "readings", "festival"]
TITLES = ["Формирование функциональной грамотности обучающихся", "Смысловое чтение на уроках",
          "Обновлённые ФГОС: рабочие программы", "Работа с детьми с ОВЗ", "Наставничество молодых педагогов",
          "Цифровые ресурсы на уроке", "Подготовка к конкурсам профессионального мастерства",
          "Адресная поддержка школ с низкими результатами", "Проектная деятельность в основной школе",
          "Воспитательная работа классного руководителя", "Формирующее оценивание", "Профориентация школьников"]


class EventRegion(RegionWriting):
    """The events of `region` (a `bench.region.Region` already written): `generate` makes and writes them."""

    def __init__(self, region):
        from events.models import Event, Registration

        self.region, self.connection = region, region.connection
        self.random = random.Random(region.args.seed * 7919 + 18)
        self.now, self.places = region.now, region.places
        self.tables = {"events": Table(Event), "event registrations": Table(Registration),
                       "event history records": Table(Event.history.model),
                       "registration history records": Table(Registration.history.model)}
        self.events, self.registrations, self.event_history, self.registration_history = self.tables.values()
        self.next_event, self.next_registration = self.first_free(Event), self.first_free(Registration)
        self.case_numbers: dict = {}  # events are no cases: no number of a case to keep

    def labelled_tables(self) -> list[tuple[str, Table]]:
        return list(self.tables.items())

    def generate(self, clock: Clock) -> dict[str, int]:
        for place in self.places:
            self.municipality(place)
        for history in (self.event_history, self.registration_history):
            pk, first = history.column("history_id"), self.first_free(history.model)
            for n, row in enumerate(history.rows):
                row[pk] = first + n
        clock.lap(f"events: {len(self.events.rows):,} events, {len(self.registrations.rows):,} registrations "
                  "simulated")
        written = self.write(clock)
        self.analyze()
        return written

    def municipality(self, place) -> None:
        teachers = [teacher for school in place.schools for teacher in school.teachers]
        if not teachers or not place.methodists:
            return
        today = self.now.date()
        for offset in range(-PAST_DAYS, AHEAD_DAYS):
            day = today + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            count = int(EVENTS_PER_DAY) + (self.random.random() < EVENTS_PER_DAY % 1)
            for _ in range(count):
                self.event(place, day, teachers)

    def event(self, place, day: date, teachers: list[int]) -> None:
        event_id, self.next_event = self.next_event, self.next_event + 1
        rand = self.random
        school = rand.choice(place.schools) if rand.random() < 0.1 else None
        methodist = school.director if school and school.director else rand.choice(place.methodists)
        starts = datetime.combine(day, time(rand.choice((9, 10, 11, 14, 15, 16))), tzinfo=UTC)
        entered = starts - timedelta(days=rand.randrange(7, 40))
        past = starts < self.now
        capacity = rand.choice((None, 20, 25, 30, 40, 60))
        status = "cancelled" if rand.random() < 0.03 else ("held" if past else "planned")
        values = dict(id=event_id, municipality_id=place.id, form=rand.choice(FORMS), title=rand.choice(TITLES),
                      description="", level="organisation" if school else "municipal", starts_at=starts,
                      ends_at=starts + timedelta(hours=2), organiser="school" if school else "centre",
                      organisation_id=school.id if school else None, methodist_id=methodist, audience="teachers",
                      capacity=capacity, registration_deadline=None, place="ИМЦ, ауд. 12", link="", materials="",
                      status=status, created_by_id=methodist, created_at=entered)
        self.events.add(**values)
        self.event_history.add(**values, history_date=entered, history_type="+", history_user_id=methodist)
        pool = school.teachers if school else teachers  # a school's own event takes its people only
        wanted = min(len(pool), capacity or 45, rand.randrange(4, 32))
        for person in rand.sample(pool, wanted):
            self.registration(event_id, person, entered, starts, past and status == "held", methodist)

    def registration(self, event_id: int, person: int, entered: datetime, starts: datetime, held: bool,
                     marker: int) -> None:
        registration_id, self.next_registration = self.next_registration, self.next_registration + 1
        registered = entered + (starts - entered) * self.random.random()
        attended = (self.random.random() < 0.88) if held else None
        marked = starts + timedelta(hours=3) if held else None
        values = dict(id=registration_id, event_id=event_id, person_id=person, registered_by_id=person,
                      registered_at=registered, attended=attended, marked_by_id=marker if held else None,
                      marked_at=marked)
        self.registrations.add(**values)
        self.registration_history.add(**values, history_date=registered, history_type="+", history_user_id=person)


def event_plan(subjects, client_for: Callable, api_client_for: Callable) -> list[tuple]:
    """Rows of `bench.run.page_figures`'s plan: the busy methodist's municipality's events of the past year (the
    register, page and API, as they and its auditor read it, against the cancelled ones, a few), and the
    month calendar of this month (public) against an empty month of a past century."""
    from django.urls import NoReverseMatch, reverse

    from .site_figures import api_rows, auditor_of, page_rows

    municipality = subjects.municipality
    plan = []
    for name, url_name, mark in (("Events page", "events:index", "event-row"), ("Events API", "api:event-list", None)):
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            print(f"  note: {url_name} is not served, {name} is not measured", file=sys.stderr)
            return plan
        make, rows = (client_for, page_rows(mark)) if mark else (api_client_for, api_rows)
        query = f"?municipality={municipality.pk}&status=held"
        for person, who in ((subjects.busy, "methodist"), (auditor_of(municipality), "auditor")):
            client = make(person)
            plan.append((f"{name}, {who}", path + query, client, client,
                         f"{path}?municipality={municipality.pk}&status=cancelled", "status=cancelled", rows))
    calendar = reverse("public-calendar", args=[municipality.slug])
    client = client_for(subjects.busy)
    plan.append(("Event calendar (month)", calendar, client, client, f"{calendar}?month=2001-01", "2001-01",
                 page_rows("calendar-event")))
    return plan
