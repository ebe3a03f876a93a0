"""A municipality's associations for the tests: the school's ШМО, a municipal ММО with a head from the
second school, members with deficits from their diagnostics, and a stranger of another municipality."""
from dataclasses import dataclass
from datetime import date

import pytest

from accounts.models import Role, User
from associations.models import Association
from associations.services import add_member
from routes.models import CompetenceArea, Deficit
from tests.factories import DeficitFactory, DiagnosticsFactory, MunicipalityFactory, OrganisationFactory
from tests.school import School, person, school  # noqa: F401  fixture


@dataclass
class Associations:
    school: School
    shmo: Association
    mmo: Association
    head: User
    stranger: User
    elsewhere_methodist: User
    deficits: dict[str, Deficit]


def with_deficit(teacher: User, title: str, area: str = CompetenceArea.METHODICAL) -> Deficit:
    diagnostics = DiagnosticsFactory(teacher=teacher, date=date(2025, 10, 1),
                                     competence_areas=[CompetenceArea.SUBJECT, CompetenceArea.METHODICAL])
    return DeficitFactory(diagnostics=diagnostics, area=area, title=title)


@pytest.fixture
def associations(school: School) -> Associations:
    municipality = school.organisation.municipality
    head = person("head.b", Role.TEACHER, school.other)
    shmo = Association.objects.create(municipality=municipality, organisation=school.organisation,
                                      level=Association.Level.SCHOOL, name="ШМО учителей начальных классов",
                                      direction="начальные классы", head=school.lead)
    mmo = Association.objects.create(municipality=municipality, level=Association.Level.MUNICIPAL,
                                     name="ММО учителей математики", direction="математика", head=head)
    add_member(school.methodist, shmo, school.teacher, valid_from=date(2025, 9, 1))
    add_member(school.methodist, mmo, school.teacher, valid_from=date(2025, 9, 1))
    add_member(school.methodist, mmo, school.other_teacher, valid_from=date(2025, 9, 1))
    deficits = {
        "teacher": with_deficit(school.teacher, "Формирующее оценивание"),
        "other_teacher": with_deficit(school.other_teacher, "Формирующее оценивание"),
        "mentor": with_deficit(school.mentor, "Проектная деятельность"),  # not a member
    }
    other_municipality = MunicipalityFactory(region=municipality.region)
    elsewhere = OrganisationFactory(municipality=other_municipality)
    return Associations(
        school=school, shmo=shmo, mmo=mmo, head=head, deficits=deficits,
        stranger=person("teacher.z", Role.TEACHER, elsewhere),
        elsewhere_methodist=person("methodist.z", Role.METHODIST, elsewhere, municipality=other_municipality),
    )
