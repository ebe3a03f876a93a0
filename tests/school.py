"""The people of one school and its municipality, in every role, and draft routes for them."""
from dataclasses import dataclass
from datetime import date

import pytest

from accounts.models import Organisation, Role, User
from routes.models import IndividualRoute, RouteActivity
from routes import services
from tests.factories import MunicipalityFactory, OrganisationFactory, RoleAssignmentFactory, UserFactory


@dataclass
class School:
    """One school of a municipality with a person in every role, and a second school beside it."""

    organisation: Organisation
    other: Organisation
    teacher: User
    mentor: User
    lead: User
    director: User
    methodist: User
    officer: User
    auditor: User
    other_teacher: User
    other_lead: User
    other_director: User


def person(username: str, role: Role, organisation: Organisation, **scope) -> User:
    user = UserFactory(username=username, last_name=username.split(".")[0].capitalize(), organisation=organisation,
                       email=f"{username}@example.org")
    RoleAssignmentFactory(user=user, role=role, **(scope or {"organisation": organisation}))
    return user


@pytest.fixture
def school(db) -> School:
    municipality = MunicipalityFactory()
    organisation = OrganisationFactory(municipality=municipality)
    other = OrganisationFactory(municipality=municipality)
    teacher = person("teacher.a", Role.TEACHER, organisation)
    return School(
        organisation=organisation,
        other=other,
        teacher=teacher,
        mentor=person("mentor.a", Role.MENTOR, organisation),
        lead=person("lead.a", Role.LEAD, organisation),
        director=person("director.a", Role.DIRECTOR, organisation),
        methodist=person("methodist.m", Role.METHODIST, organisation, municipality=municipality),
        officer=person("officer.m", Role.OFFICER, organisation, municipality=municipality),
        auditor=person("auditor.m", Role.AUDITOR, organisation, municipality=municipality),
        other_teacher=person("teacher.b", Role.TEACHER, other),
        other_lead=person("lead.b", Role.LEAD, other),
        other_director=person("director.b", Role.DIRECTOR, other),
    )


def draft_route(author: User, mentor: User | None = None, activities: int = 2) -> IndividualRoute:
    route = IndividualRoute(
        period_start=date(2026, 9, 1), period_end=date(2027, 5, 31), topic="Формирование функциональной грамотности",
        goals="Освоить приёмы смыслового чтения", expected_product="Методическая разработка серии уроков",
        presentation_level="municipal", mentor=mentor,
    )
    plan = [RouteActivity(form="course", title=f"Курсы повышения квалификации {n}", provider="ЦНППМ",
                          starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 20), expected_result="Удостоверение")
            for n in range(1, activities + 1)]
    return services.save_draft(route, author, activities=plan)


@pytest.fixture
def make_route():
    return draft_route
