"""An internship site in one school of the `school` world, a programme on it, and the people of a second
municipality; helpers that carry an internship up to a step through the services."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation, Role, User
from platforms import internships as services
from platforms.models import Internship, InternshipProgramme, Site, SiteKind
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import School, person


@dataclass
class SiteWorld:
    """The site is `school.organisation` (its teacher is the site's own); `school.other_teacher` applies."""

    school: School
    site: Site
    programme: InternshipProgramme
    curator: User
    elsewhere: Organisation
    elsewhere_teacher: User
    elsewhere_director: User
    elsewhere_methodist: User


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def make_site(organisation: Organisation, curator: User | None, kind: str = SiteKind.INTERNSHIP) -> Site:
    return Site.objects.create(
        municipality=organisation.municipality, organisation=organisation, kind=kind, curator=curator,
        topic="Формирование функциональной грамотности", starts_on=date(2026, 1, 1), ends_on=date(2028, 12, 31))


def programme_on(site: Site, actor: User, capacity: int = 3, **fields) -> InternshipProgramme:
    programme = InternshipProgramme(
        site=site, topic=fields.pop("topic", "Смысловое чтение на уроках истории"), hours=fields.pop("hours", 36),
        description="Посещение уроков, мастер-классы, разработка урока", capacity=capacity,
        starts_on=fields.pop("starts_on", in_days(10)), ends_on=fields.pop("ends_on", in_days(20)), **fields)
    services.save_programme(programme, actor)
    return services.publish_programme(programme, actor)


@pytest.fixture
def site_world(school) -> SiteWorld:
    curator = school.methodist
    site = make_site(school.organisation, curator)
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory(region=school.organisation.municipality.region))
    return SiteWorld(
        school=school, site=site, programme=programme_on(site, school.director), curator=curator,
        elsewhere=elsewhere,
        elsewhere_teacher=person("teacher.far", Role.TEACHER, elsewhere),
        elsewhere_director=person("director.far", Role.DIRECTOR, elsewhere),
        elsewhere_methodist=person("methodist.far", Role.METHODIST, elsewhere, municipality=elsewhere.municipality),
    )


def applied(world: SiteWorld, teacher: User | None = None) -> Internship:
    return services.apply(world.programme, teacher or world.school.other_teacher, "Хочу освоить приёмы смыслового чтения")


def agreed(world: SiteWorld) -> Internship:
    return services.agree(applied(world), world.school.other_director)


def accepted(world: SiteWorld) -> Internship:
    return services.accept(agreed(world), world.school.director)


def after_the_programme(programme: InternshipProgramme) -> None:
    """The programme's dates moved into the past, as if its time had come and gone."""
    InternshipProgramme.objects.filter(pk=programme.pk).update(starts_on=in_days(-20), ends_on=in_days(-1))
    programme.refresh_from_db()


def completed(world: SiteWorld, outcome: str = Internship.Outcome.COMPLETED_WITH_PRODUCT) -> Internship:
    internship = accepted(world)
    after_the_programme(world.programme)
    internship.refresh_from_db()
    return services.complete(internship, world.school.director, outcome, "Разработан урок с приёмами чтения")
