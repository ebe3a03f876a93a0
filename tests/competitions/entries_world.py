"""A municipal competition open for nominations: its committee, its jury, a school's director and teachers
(one young), another school's director and teachers, and whoever else the permission matrix asks about."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role, User
from competitions import services
from competitions.models import Competition, CompetitionMember, Entry, MemberRole, Nomination, Round, RoundCriterion
from tests.factories import CompetitionFactory
from tests.school import School, person, school  # noqa: F401  the `school` fixture


@dataclass
class EntriesWorld:
    school: School
    competition: Competition
    nomination: Nomination
    committee: User
    juror: User

    @property
    def director(self) -> User:
        return self.school.director


def membership(competition: Competition, person: User, role: str) -> User:
    CompetitionMember.objects.create(competition=competition, person=person, role=role, valid_from=date(2020, 1, 1))
    return person


def open_competition(municipality, **settings) -> Competition:
    settings = {"name": "Педагогический дебют", "status": Competition.Status.NOMINATIONS,
                "nominations_deadline": timezone.now() + timedelta(days=10), **settings}
    competition = CompetitionFactory(municipality=municipality, **settings)
    round_ = Round.objects.create(competition=competition, position=1, name="Портфолио", kind=Round.Kind.PORTFOLIO)
    RoundCriterion.objects.create(round=round_, position=1, name="Актуальность", max_score=10)
    return competition


@pytest.fixture
def entries(school) -> EntriesWorld:  # noqa: F811
    competition = open_competition(school.organisation.municipality)
    nomination = Nomination.objects.create(competition=competition, name="Молодой учитель")
    committee = membership(competition, person("committee.m", Role.TEACHER, school.other), MemberRole.COMMITTEE)
    juror = membership(competition, person("jury.m", Role.TEACHER, school.other), MemberRole.JURY)
    return EntriesWorld(school, competition, nomination, committee, juror)


def draft(world: EntriesWorld, nominee: User | None = None, *, consent: date | None = date(2026, 1, 15),
          by: User | None = None) -> Entry:
    entry = Entry(competition=world.competition, nominee=nominee or world.school.teacher, nomination=world.nomination,
                  about="Учитель математики, 3 года стажа", consent_given_on=consent)
    return services.save_entry(entry, by or world.director)


def submitted(world: EntriesWorld, **kwargs) -> Entry:
    entry = draft(world, **kwargs)
    return services.submit(entry, entry.author)


def admitted(world: EntriesWorld, **kwargs) -> Entry:
    entry = submitted(world, **kwargs)
    services.admit(entry, world.committee, "approve")
    entry.refresh_from_db()
    return entry
