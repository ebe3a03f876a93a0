"""A municipality's department with its officer, methodist and auditor, two schools with their directors,
and a second municipality's officer: the people every test of orders needs."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from accounts.models import Municipality, Organisation, Role, User
from orders import services
from orders.models import Order, OrderItem
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person

ORDER_DATE = date(2026, 3, 2)


@dataclass
class Department:
    municipality: Municipality
    school: Organisation
    other_school: Organisation
    officer: User
    methodist: User
    auditor: User
    director: User
    other_director: User
    teacher: User
    stranger: User  # the officer of another municipality
    stranger_methodist: User


@pytest.fixture
def department(db) -> Department:
    municipality = MunicipalityFactory(name="Славянский район")
    office = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.DEPARTMENT,
                                 name="Управление образования администрации Славянского района",
                                 short_name="УО Славянского района")
    school = OrganisationFactory(municipality=municipality)
    other_school = OrganisationFactory(municipality=municipality)
    elsewhere = MunicipalityFactory()
    elsewhere_office = OrganisationFactory(municipality=elsewhere, kind=Organisation.Kind.DEPARTMENT)
    officer = person("officer.s", Role.OFFICER, office, municipality=municipality)
    officer.first_name, officer.patronymic, officer.last_name = "Ольга", "Викторовна", "Ковалёва"
    officer.position = "Начальник управления образования"
    officer.save()
    return Department(
        municipality=municipality, school=school, other_school=other_school, officer=officer,
        methodist=person("methodist.s", Role.METHODIST, office, municipality=municipality),
        auditor=person("auditor.s", Role.AUDITOR, office, municipality=municipality),
        director=person("director.s", Role.DIRECTOR, school),
        other_director=person("director.t", Role.DIRECTOR, other_school),
        teacher=person("teacher.s", Role.TEACHER, school),
        stranger=person("officer.x", Role.OFFICER, elsewhere_office, municipality=elsewhere),
        stranger_methodist=person("methodist.x", Role.METHODIST, elsewhere_office, municipality=elsewhere),
    )


def grant_item(organisation: Organisation, **extra) -> dict:
    return {"action": OrderItem.Action.GRANT, "organisation": organisation,
            "text": f"Присвоить статус муниципальной инновационной площадки: {organisation.short_name}",
            "starts_on": date(2026, 3, 2), "ends_on": date(2029, 3, 1), **extra}


def draft(department: Department, *, by: User | None = None, number: str | None = None,
          organisation: Organisation | None = None, **fields) -> Order:
    fields = {"subject": Order.Subject.SITE_STATUS, "title": "О присвоении статуса муниципальной инновационной "
              "площадки", "text": "На основании решения экспертного совета (протокол № 2 от 27.02.2026)",
              "date": ORDER_DATE, **fields}
    return services.draft_order(municipality=department.municipality, signatory=department.officer,
                                prepared_by=by or department.officer, number=number,
                                items=[grant_item(organisation or department.school)], **fields)


def signed(department: Department, **kwargs) -> Order:
    return services.sign_order(draft(department, **kwargs), department.officer)
