"""A municipality with a low-result school (ШНОР) and a second school, people in every role of the register
of visits, and a second municipality of the same region with its own methodist, officer and auditor."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Municipality, Organisation, Role, User
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person
from visits.models import Visit
from visits.services import plan_visit, report_visit


@dataclass
class VisitsWorld:
    municipality: Municipality
    school: Organisation
    other_school: Organisation
    teacher: User
    director: User
    other_director: User
    methodist: User
    tutor: User
    officer: User
    auditor: User
    region_auditor: User
    elsewhere: Municipality
    elsewhere_school: Organisation
    elsewhere_methodist: User
    elsewhere_officer: User
    elsewhere_auditor: User
    elsewhere_director: User


@pytest.fixture
def world(db) -> VisitsWorld:
    municipality = MunicipalityFactory(slug="novotroitsk", name="Новотроицк")
    school = OrganisationFactory(municipality=municipality, is_low_results=True)
    other_school = OrganisationFactory(municipality=municipality)
    centre = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.METHODICAL_CENTRE)
    elsewhere = MunicipalityFactory(region=municipality.region)
    far_school = OrganisationFactory(municipality=elsewhere, is_low_results=True)
    far_centre = OrganisationFactory(municipality=elsewhere, kind=Organisation.Kind.METHODICAL_CENTRE)
    in_municipality = {"municipality": municipality}
    in_elsewhere = {"municipality": elsewhere}
    return VisitsWorld(
        municipality=municipality, school=school, other_school=other_school,
        teacher=person("teacher.v", Role.TEACHER, school),
        director=person("director.v", Role.DIRECTOR, school),
        other_director=person("director.w", Role.DIRECTOR, other_school),
        methodist=person("methodist.v", Role.METHODIST, centre, **in_municipality),
        tutor=person("tutor.v", Role.TUTOR, centre, **in_municipality),
        officer=person("officer.v", Role.OFFICER, centre, **in_municipality),
        auditor=person("auditor.v", Role.AUDITOR, centre, **in_municipality),
        region_auditor=person("auditor.r", Role.AUDITOR, centre, region=municipality.region),
        elsewhere=elsewhere, elsewhere_school=far_school,
        elsewhere_methodist=person("methodist.e", Role.METHODIST, far_centre, **in_elsewhere),
        elsewhere_officer=person("officer.e", Role.OFFICER, far_centre, **in_elsewhere),
        elsewhere_auditor=person("auditor.e", Role.AUDITOR, far_centre, **in_elsewhere),
        elsewhere_director=person("director.e", Role.DIRECTOR, far_school),
    )


def planned(world: VisitsWorld, organisation: Organisation | None = None, *, days: int = 7,
            purpose: str = "Методическая помощь по итогам ВПР") -> Visit:
    return plan_visit(world.methodist, organisation=organisation or world.school, purpose=purpose,
                      planned_on=timezone.localdate() + timedelta(days=days), methodists=[world.methodist])


def carried_out(world: VisitsWorld, organisation: Organisation | None = None, **kwargs) -> Visit:
    """A visit planned for today and reported today with one recommendation due in a month."""
    visit = planned(world, organisation, days=0, **kwargs)
    today = timezone.localdate()
    return report_visit(visit, world.methodist, visited_on=today, findings="Нет системы работы с ВПР",
                        recommendations=[{"text": "Разработать план подготовки к ВПР",
                                          "due_on": today + timedelta(days=30)}])


