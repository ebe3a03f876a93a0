"""A municipality with eight organisations counted for the share, people in every role of the register,
a second municipality of the same region, and granted applications entered by signed orders."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from django.utils import timezone

from accounts.models import Municipality, Organisation, Role, User
from orders.models import Order, OrderItem
from platforms.models import Call, SiteApplication, SiteKind
from tests.factories import MunicipalityFactory, OrganisationFactory, RoleAssignmentFactory, UserFactory

STARTS = date(2026, 9, 1)


@dataclass
class RegisterWorld:
    municipality: Municipality
    schools: list[Organisation]
    school: Organisation
    other_school: Organisation
    director: User
    other_director: User
    methodist: User
    other_methodist: User
    officer: User
    auditor: User
    region_auditor: User
    elsewhere: Municipality
    elsewhere_methodist: User
    elsewhere_officer: User
    elsewhere_auditor: User


def person(username: str, role: Role, organisation: Organisation, **scope) -> User:
    user = UserFactory(username=username, last_name=username.split(".")[0].capitalize(), organisation=organisation,
                       email=f"{username}@example.org")
    RoleAssignmentFactory(user=user, role=role, **(scope or {"organisation": organisation}))
    return user


@pytest.fixture
def world(db) -> RegisterWorld:
    municipality = MunicipalityFactory(slug="slavyansk", name="Славянский район")
    schools = [OrganisationFactory(municipality=municipality) for _ in range(6)]
    schools.append(OrganisationFactory(municipality=municipality, kind=Organisation.Kind.PRESCHOOL))
    schools.append(OrganisationFactory(municipality=municipality, kind=Organisation.Kind.SUPPLEMENTARY))
    centre = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.METHODICAL_CENTRE)
    elsewhere = MunicipalityFactory(region=municipality.region)
    far = OrganisationFactory(municipality=elsewhere)
    return RegisterWorld(
        municipality=municipality, schools=schools, school=schools[0], other_school=schools[1],
        director=person("director.a", Role.DIRECTOR, schools[0]),
        other_director=person("director.b", Role.DIRECTOR, schools[1]),
        methodist=person("methodist.m", Role.METHODIST, centre, municipality=municipality),
        other_methodist=person("methodist.n", Role.METHODIST, centre, municipality=municipality),
        officer=person("officer.m", Role.OFFICER, centre, municipality=municipality),
        auditor=person("auditor.m", Role.AUDITOR, centre, municipality=municipality),
        region_auditor=person("auditor.r", Role.AUDITOR, centre, region=municipality.region),
        elsewhere=elsewhere,
        elsewhere_methodist=person("methodist.x", Role.METHODIST, far, municipality=elsewhere),
        elsewhere_officer=person("officer.x", Role.OFFICER, far, municipality=elsewhere),
        elsewhere_auditor=person("auditor.x", Role.AUDITOR, far, municipality=elsewhere),
    )


def call_of(world: RegisterWorld) -> Call:
    return Call.objects.create(
        municipality=world.municipality, title="Инновационный поиск", kinds=[SiteKind.INNOVATION],
        opens_on=date(2026, 2, 1), deadline=timezone.make_aware(datetime(2026, 2, 28, 18)),
        created_by=world.officer)


def granted_application(world: RegisterWorld, organisation: Organisation | None = None, *, term_years: int = 2,
                        extends=None, topic: str = "Цифровая образовательная среда") -> SiteApplication:
    organisation = organisation or world.school
    director = world.director if organisation == world.school else world.other_director
    return SiteApplication.objects.create(
        author=director, organisation=organisation, municipality=organisation.municipality, call=call_of(world),
        kind=SiteKind.INNOVATION, topic=topic, relevance="Актуальность", goals="Цели", tasks="Задачи",
        expected_results="Результаты", resources="Ресурсы", term_years=term_years, extends=extends,
        status=SiteApplication.Status.GRANTED)


def signed_order(world: RegisterWorld, number: str, subject: str, items: list[dict],
                 day: date = STARTS) -> Order:
    order = Order.objects.create(
        municipality=world.municipality, number=number, year=day.year, date=day, subject=subject,
        title="О присвоении статуса", signatory=world.officer, prepared_by=world.methodist,
        text="Приказ")
    for position, item in enumerate(items, start=1):
        OrderItem.objects.create(order=order, position=position, **item)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.SIGNED, signed_at=timezone.now())
    order.refresh_from_db()
    return order


def grant(world: RegisterWorld, application: SiteApplication, number: str = "17-од",
          starts_on: date = STARTS, ends_on: date | None = None):
    """A signed order granting the application's organisation the status, and the site entered from it."""
    from platforms.register import enter_site

    order = signed_order(world, number, Order.Subject.SITE_STATUS, [dict(
        action=OrderItem.Action.GRANT, organisation=application.organisation, record=application,
        starts_on=starts_on, ends_on=ends_on, text=f"Присвоить статус: {application.topic}")], day=starts_on)
    return enter_site(application, order, curator=world.methodist)


def revocation(world: RegisterWorld, site, number: str = "40-од", day: date = date(2027, 10, 1)) -> Order:
    return signed_order(world, number, Order.Subject.SITE_REVOCATION, [dict(
        action=OrderItem.Action.REVOKE, organisation=site.organisation, record=site,
        text="Лишить статуса")], day=day)


@pytest.fixture
def entered_site(world):
    return grant(world, granted_application(world))
