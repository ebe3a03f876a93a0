"""Internships at the demo's internship, base and young teachers' sites ([000:303], [003:135], [004:61]), through
`platforms.internships`: the site's director publishes a programme held last month and one to come; teachers
of the second school apply, their director agrees, the site's director accepts and records the outcomes of
the programme already held.

The second school's director (`head.<municipality>`) exists for this: a teacher's director agrees to an
internship at another organisation, and the demo's one director heads the first school.
"""
from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.grants import sync_role_grants
from accounts.history import acting_as
from accounts.models import Role, RoleAssignment, User
from competitions.models import MemberRole
from platforms import internships
from platforms.models import Internship, InternshipProgramme, Site

from .cases import Cast

HELD = ("Наставничество в первые годы работы педагога", 24)
COMING = ("Урок в цифровой образовательной среде", 18)


def head_of_second_school(cast: Cast) -> User:
    organisation = cast["tutor"].organisation
    user, created = User.objects.get_or_create(username=f"head.{cast.municipality.slug}", defaults=dict(
        last_name="Григорьев", first_name="Виктор", patronymic="Павлович", position="директор",
        organisation=organisation, email=f"head.{cast.municipality.slug}@example.org", birth_date=date(1968, 3, 15),
        tenure_start=date(1992, 9, 1), education=User.Education.HIGHER_PEDAGOGICAL, category=User.Category.HIGHEST,
        password=cast["director"].password or make_password("demo")))
    RoleAssignment.objects.get_or_create(user=user, role=Role.DIRECTOR, organisation=organisation,
                                         defaults={"valid_from": date(timezone.localdate().year - 1, 9, 1)})
    if created:
        sync_role_grants(user)
    return user


def programme(site: Site, director: User, topic: str, hours: int, starts_in: int) -> InternshipProgramme:
    starts_on = timezone.localdate() + timedelta(days=starts_in)
    saved = internships.save_programme(InternshipProgramme(
        site=site, topic=topic, hours=hours, starts_on=starts_on, ends_on=starts_on + timedelta(days=4), capacity=8,
        description="Цели, содержание и формы работы стажёров; итог — методический продукт стажёра."), director)
    return internships.publish_programme(saved, director)


def hold_internships(cast: Cast) -> None:
    """The municipality's first hosting site publishes its programmes, the second school's teachers take them."""
    director = cast["director"]
    site = (Site.objects.filter(organisation=director.organisation, kind__in=internships.HOSTING_KINDS)
            .filter(status__in=(Site.Status.ACTIVE, Site.Status.EXTENDED)).order_by("pk").first())
    if site is None or site.programmes.exists():
        return
    head = head_of_second_school(cast)
    teachers = [cast["tutor"], cast["expert"], cast[MemberRole.JURY]]
    held = programme(site, director, *HELD, starts_in=3)
    for teacher in teachers:
        taken = internships.apply(held, teacher, "Хочу освоить приёмы наставничества и применить их в своей школе.")
        internships.agree(taken, head)
        internships.accept(taken, director)
    held_as_it_was(held, director)
    outcomes = [Internship.Outcome.COMPLETED_WITH_PRODUCT, Internship.Outcome.COMPLETED,
                Internship.Outcome.NOT_COMPLETED]
    for taken, outcome in zip(held.internships.order_by("pk"), outcomes):
        internships.complete(taken, director, outcome, "Представил программу наставничества на педсовете."
                             if outcome == Internship.Outcome.COMPLETED_WITH_PRODUCT else "")
    coming = programme(site, director, *COMING, starts_in=21)
    waiting = internships.apply(coming, cast["tutor"], "Нужны приёмы работы с цифровыми сервисами на уроке.")
    internships.agree(waiting, head)
    internships.apply(coming, cast["expert"], "Хочу перенести опыт площадки на уроки физики.")


def held_as_it_was(held: InternshipProgramme, director: User) -> None:
    """The programme was held last month: announced in advance (the services take only future programmes),
    it is dated as it ran, so the site records its outcomes."""
    with acting_as(director):
        held.starts_on = timezone.localdate() - timedelta(days=35)
        held.ends_on = held.starts_on + timedelta(days=4)
        held.save(update_fields=["starts_on", "ends_on"])
