"""One municipality with a school whose director sets mentoring pairs, people in every role around them,
a second school and a second municipality: built once for the tests of this folder, removed after them.

The pairs: `proposed` (no order yet), `active` (set by the director's signed order) and `ended`, all of the
school, with `mentor` over `mentee`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.management import call_command

from accounts.models import Municipality, Organisation, Role, User
from mentoring import services
from mentoring.models import Mentorship
from orders.services import sign_order
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person

TERM = {"starts_on": date(2026, 9, 1), "ends_on": date(2027, 5, 31)}


@dataclass
class MentoringWorld:
    municipality: Municipality
    school: Organisation
    other_school: Organisation
    director: User
    lead: User
    mentor: User
    mentee: User
    teacher: User  # another teacher of the school, in no pair
    other_teacher: User  # a teacher of the other school
    other_director: User
    methodist: User
    auditor: User
    elsewhere_methodist: User
    pairs: dict[str, int]

    # Read afresh each time: a test changes its copy, and the database forgets the change after the test.
    @property
    def proposed(self) -> Mentorship:
        return Mentorship.objects.get(pk=self.pairs["proposed"])

    @property
    def active(self) -> Mentorship:
        return Mentorship.objects.get(pk=self.pairs["active"])

    @property
    def ended(self) -> Mentorship:
        return Mentorship.objects.get(pk=self.pairs["ended"])


def propose(world_or_director, school: Organisation, mentor: User, mentee: User,
            kind: str = Mentorship.Kind.YOUNG_SPECIALIST, **term) -> Mentorship:
    return services.propose_pair(world_or_director, school, mentor=mentor, mentee=mentee, kind=kind,
                                 **{**TERM, **term})


def set_by_order(director: User, school: Organisation, *pairs: Mentorship) -> None:
    sign_order(services.issue_order(director, school, pairs, date=date(2026, 8, 28)), director)


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker) -> MentoringWorld:
    with django_db_blocker.unblock():
        municipality = MunicipalityFactory(name="Ишимский район")
        office = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.DEPARTMENT)
        centre = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.METHODICAL_CENTRE)
        school = OrganisationFactory(municipality=municipality, name="МАОУ «Гимназия № 7»", short_name="Гимназия № 7")
        other_school = OrganisationFactory(municipality=municipality)
        elsewhere = MunicipalityFactory(region=municipality.region)
        here = {"municipality": municipality}
        director = person("director.m", Role.DIRECTOR, school)
        mentor, mentee = person("mentor.m", Role.TEACHER, school), person("mentee.m", Role.TEACHER, school)
        senior = person("senior.m", Role.TEACHER, school)
        proposed = propose(director, school, mentor, mentee)
        active = propose(director, school, mentor, mentee, Mentorship.Kind.DIFFICULTIES)
        ended = propose(director, school, mentee, senior, Mentorship.Kind.REVERSE)  # the young teach the senior
        set_by_order(director, school, active, ended)
        services.end_pair(Mentorship.objects.get(pk=ended.pk), director, ended_on=date(2026, 12, 30),
                          end_reason="Учитель перешёл в другую школу", result=Mentorship.Result.SUFFICIENT,
                          evaluation="Освоены приёмы работы с цифровыми ресурсами")
        yield MentoringWorld(
            municipality=municipality, school=school, other_school=other_school, director=director,
            lead=person("lead.m", Role.LEAD, school), mentor=mentor, mentee=mentee,
            teacher=person("teacher.m", Role.TEACHER, school),
            other_teacher=person("teacher.n", Role.TEACHER, other_school),
            other_director=person("director.n", Role.DIRECTOR, other_school),
            methodist=person("methodist.m", Role.METHODIST, centre, **here),
            auditor=person("auditor.m", Role.AUDITOR, office, **here),
            elsewhere_methodist=person("methodist.e", Role.METHODIST, OrganisationFactory(
                municipality=elsewhere, kind=Organisation.Kind.METHODICAL_CENTRE), municipality=elsewhere),
            pairs={"proposed": proposed.pk, "active": active.pk, "ended": ended.pk})
        call_command("flush", interactive=False, verbosity=0)  # as a transactional test leaves the database
