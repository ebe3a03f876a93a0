"""The methodical associations of the synthetic region, for `bench.generate` and `bench.run`.

Every municipality has Slavyansk's 23 municipal associations by direction [002:241], each headed by one of
its teachers with members from its schools, and a third of its schools a ШМО of their own teachers headed
by the school's methodical lead. Each association has a plan of four meetings for every year of the history
and this one; the meetings already due are held with their protocol (every member's attendance, the
decisions), the next one is announced. Rows are written with COPY after the sites; their ids follow those
written.
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

DIRECTIONS = ["учителей начальных классов", "учителей русского языка и литературы", "учителей иностранных языков",
              "учителей математики", "учителей информатики", "учителей истории и обществознания", "учителей химии",
              "учителей биологии", "учителей географии", "учителей физики и астрономии", "учителей физической культуры",
              "учителей ОБЗР", "учителей технологии", "учителей ИЗО и музыки", "педагогов-психологов",
              "социальных педагогов", "классных руководителей", "заместителей директоров", "воспитателей ДОУ",
              "музыкальных руководителей ДОУ", "руководителей физического воспитания ДОУ", "старших воспитателей ДОУ",
              "педагогов дополнительного образования"]  # [002:241]
MEETINGS = [(2, 12), (4, 16), (10, 8), (12, 10)]
TOPICS = ["Анализ результатов ВПР и ГИА", "Открытые уроки: обмен опытом", "Формирующее оценивание на уроке",
          "Функциональная грамотность: задания и критерии", "Подготовка к олимпиадам", "Итоги года"]
MUNICIPAL_MEMBERS, SCHOOL_SHARE, SCHOOL_MEMBERS, PRESENT = 30, 1 / 3, 12, 0.8


class AssociationRegion(RegionWriting):
    """The associations of `region` (a `bench.region.Region` already written): `generate` makes and writes them."""

    def __init__(self, region):
        from associations.models import Association, Attendance, Meeting, MeetingPlan, Membership, PlannedMeeting

        self.region, self.connection = region, region.connection
        self.random = random.Random(region.args.seed * 7919 + 18)
        self.now, self.window_start, self.places = region.now, region.window_start, region.places
        models = {"associations": Association, "association history": Association.history.model,
                  "association memberships": Membership, "membership history": Membership.history.model,
                  "meeting plans": MeetingPlan, "planned meetings": PlannedMeeting, "association meetings": Meeting,
                  "meeting history": Meeting.history.model, "meeting attendance": Attendance}
        self.tables = {label: Table(model) for label, model in models.items()}
        self.next = {label: self.first_free(model) for label, model in models.items()}
        self.case_numbers: dict = {}  # none: associations are not cases

    def labelled_tables(self) -> list[tuple[str, Table]]:
        return list(self.tables.items())

    def take(self, label: str) -> int:
        pk = self.next[label]
        self.next[label] += 1
        return pk

    def generate(self, clock: Clock) -> dict[str, int]:
        today = self.now.date()
        for place in self.places:
            teachers = [teacher for school in place.schools for teacher in school.teachers]
            for direction in DIRECTIONS:
                members = self.random.sample(teachers, min(MUNICIPAL_MEMBERS, len(teachers)))
                self.association(place, None, f"ММО {direction}", direction, members[0], members[1:], today)
            for school in place.schools:
                if school.teachers and self.random.random() < SCHOOL_SHARE:
                    members = self.random.sample(school.teachers, min(SCHOOL_MEMBERS, len(school.teachers)))
                    self.association(place, school.id, "ШМО учителей-предметников", "предметы",
                                     school.lead or members[0], members, today)
        clock.lap(f"associations: {len(self.tables['associations'].rows):,}, "
                  f"{len(self.tables['association meetings'].rows):,} meetings simulated")
        written = self.write(clock)
        self.analyze()
        return written

    def moment(self, day: date) -> datetime:
        return datetime.combine(day, time(15, 0), tzinfo=UTC)

    def association(self, place, organisation: int | None, name: str, direction: str, head: int,
                    members: list[int], today: date) -> None:
        pk, methodist = self.take("associations"), place.methodists[0]
        founded = self.moment(self.window_start.date())
        values = dict(id=pk, name=name, level="school" if organisation else "municipal", kind="methodical",
                      direction=direction, municipality_id=place.id, organisation_id=organisation, head_id=head)
        self.tables["associations"].add(**values)
        self.tables["association history"].add(**values, history_id=self.take("association history"),
                                                history_date=founded, history_type="+",
                                                history_user_id=methodist)
        for person in members:
            membership = dict(id=self.take("association memberships"), association_id=pk, person_id=person,
                              role="member", added_by_id=head, created_at=founded,
                              valid_from=self.window_start.date(), valid_until=None)
            self.tables["association memberships"].add(**membership)
            self.tables["membership history"].add(**membership, history_id=self.take("membership history"),
                                                   history_date=founded, history_type="+",
                                                   history_user_id=head)
        for year in range(self.window_start.year, today.year + 1):
            self.year(pk, head, members, year, today)

    def year(self, association: int, head: int, members: list[int], year: int, today: date) -> None:
        plan, drawn_up = self.take("meeting plans"), self.moment(date(year, 1, 15))
        self.tables["meeting plans"].add(id=plan, association_id=association, year=year, theme="Методическая тема года",
                                         drawn_up_by_id=head, created_at=drawn_up, updated_at=drawn_up)
        announced = False
        for month, day in MEETINGS:
            planned_on = date(year, month, day)
            item = self.take("planned meetings")
            self.tables["planned meetings"].add(id=item, plan_id=plan, planned_on=planned_on, area="",
                                                topic=self.random.choice(TOPICS))
            held = planned_on <= today
            if not held and (announced or planned_on > today + timedelta(days=60)):
                continue
            announced = announced or not held
            self.meeting(association, item, head, members, planned_on, held)

    def meeting(self, association: int, item: int, head: int, members: list[int], day: date, held: bool) -> None:
        pk, created = self.take("association meetings"), self.moment(day - timedelta(days=14))
        values = dict(id=pk, association_id=association, planned_id=item, held_on=day, place="Актовый зал",
                      agenda="1. Выступления педагогов\n2. Разное", recorded_by_id=head, created_at=created,
                      decisions="Принять к сведению, провести открытые уроки" if held else "",
                      protocol_recorded_at=self.moment(day) if held else None,
                      updated_at=self.moment(day) if held else created)
        self.tables["association meetings"].add(**values)
        self.tables["meeting history"].add(**values, history_id=self.take("meeting history"),
                                           history_date=values["updated_at"], history_type="+",
                                           history_user_id=head)
        if held:
            for person in members:
                self.tables["meeting attendance"].add(id=self.take("meeting attendance"), meeting_id=pk,
                                                      person_id=person, present=self.random.random() < PRESENT)


def association_plan(subjects, client_for: Callable, api_client_for: Callable) -> list[tuple]:
    """Rows of `bench.run.page_figures`'s plan: the busy methodist's municipality's associations with their
    members and this year's meetings counted, page and API, as they and its auditor read them, against the
    municipal ones alone (23)."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from .site_figures import api_rows, auditor_of, page_rows

    try:
        page, api = reverse("associations:index"), reverse("api:association-list")
    except NoReverseMatch:
        print("  note: the associations are not served, their lists are not measured", file=sys.stderr)
        return []
    query = f"?municipality={subjects.municipality.pk}&year={timezone.localdate().year}"
    readers = {"methodist": subjects.busy, "auditor": auditor_of(subjects.municipality)}
    channels = [("Associations page", page, client_for, page_rows("association-row")),
                ("Associations API", api, api_client_for, api_rows)]
    return [(f"{name}, {who}", path + query, client, client, f"{path}{query}&level=municipal", "level=municipal",
             rows)
            for name, path, make, rows in channels for who, person in readers.items()
            for client in (make(person),)]
