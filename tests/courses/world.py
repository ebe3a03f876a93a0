"""The people of the courses' tests: a school and its neighbour in one municipality (tests.school), and a
methodist, officer, auditor, director and teacher of another municipality of the same region; the region's
providers and a programme."""
from dataclasses import dataclass
from datetime import date

import pytest

from accounts.models import Region, Role, User
from courses.models import Course, Focus, Provider
from courses.services import record_completion
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import School, person


@dataclass
class World:
    school: School
    region: Region
    institute: Provider
    academy: Provider
    course: Course
    elsewhere_methodist: User
    elsewhere_officer: User
    elsewhere_auditor: User
    elsewhere_director: User
    elsewhere_teacher: User
    region_auditor: User

    def __getattr__(self, name: str):
        return getattr(self.school, name)


@pytest.fixture
def world(school) -> World:
    region = school.organisation.municipality.region
    elsewhere = MunicipalityFactory(region=region)
    far_school = OrganisationFactory(municipality=elsewhere)
    institute = Provider.objects.create(region=region, name="Институт развития образования", short_name="ИРО",
                                        kind=Provider.Kind.REGIONAL_INSTITUTE)
    academy = Provider.objects.create(region=region, name="Академия Минпросвещения России",
                                      short_name="Академия Минпросвещения", kind=Provider.Kind.ACADEMY)
    course = Course.objects.create(provider=institute, title="Цифровые инструменты учителя", hours=36,
                                   focus=Focus.ICT)
    return World(
        school=school, region=region, institute=institute, academy=academy, course=course,
        elsewhere_methodist=person("methodist.e", Role.METHODIST, far_school, municipality=elsewhere),
        elsewhere_officer=person("officer.e", Role.OFFICER, far_school, municipality=elsewhere),
        elsewhere_auditor=person("auditor.e", Role.AUDITOR, far_school, municipality=elsewhere),
        elsewhere_director=person("director.e", Role.DIRECTOR, far_school),
        elsewhere_teacher=person("teacher.e", Role.TEACHER, far_school),
        region_auditor=person("auditor.r", Role.AUDITOR, far_school, region=region),
    )


def completion(world: World, person: User | None = None, starts_on: date = date(2025, 3, 3), **fields):
    person = person or world.teacher
    ours = person.organisation.municipality_id == world.organisation.municipality_id
    return record_completion(world.methodist if ours else world.elsewhere_methodist, person=person,
                             course=fields.pop("course", world.course), starts_on=starts_on,
                             ends_on=fields.pop("ends_on", date(2025, 3, 14)), **fields)
