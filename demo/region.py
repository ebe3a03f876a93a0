"""The demo region (`manage.py seed_demo`): the five municipalities of the seed regulations.

Organisations, associations and competitions come from `municipalities.json`, drawn from the seeds;
each municipality gets one demo user per role, named `<role>.<municipality>` (`teacher.tomsk`).
"""
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.grants import sync_all_role_grants, synced_at_the_end
from accounts.history import acting_as
from accounts.system import system_actor
from accounts.models import Association, Municipality, Organisation, Region, Role, RoleAssignment, User
from workflows.chains import chain_for
from workflows.models import ChainStep, ReviewerScope
from routes.types import ROUTE
from competitions.models import Competition, CompetitionMember, Level, MemberRole

from .cases import Cast, build_materials, build_routes
from .records import enter_records

DEMO_PASSWORD = "demo"
DATA_FILE = Path(__file__).with_name("municipalities.json")


@dataclass(frozen=True)
class DemoPerson:
    role: Role | None  # None: a competition member holding no role
    last_name: str
    first_name: str
    patronymic: str
    position: str
    workplace: str  # "school", "school2", "centre" or "department"
    birth_year: int
    tenure_since: int
    subject: str = ""
    also: tuple[Role, ...] = ()  # further roles held at the workplace
    member: MemberRole | None = None  # on the jury or committee of the municipality's competition


# One person per role; several hold more than one role at once [001:122].
PEOPLE = [
    DemoPerson(Role.TEACHER, "Смирнова", "Анна", "Сергеевна", "учитель математики", "school", 2000, 2023, "математика"),
    DemoPerson(Role.MENTOR, "Кузнецова", "Ольга", "Петровна", "учитель математики", "school", 1975, 1998, "математика",
               also=(Role.TEACHER,)),
    DemoPerson(Role.TUTOR, "Попов", "Игорь", "Владимирович", "учитель истории", "school2", 1982, 2006, "история",
               also=(Role.TEACHER, Role.EXPERT)),
    DemoPerson(Role.LEAD, "Васильева", "Марина", "Алексеевна", "заместитель директора по УМР", "school", 1978, 2001,
               "русский язык", also=(Role.TEACHER,)),
    DemoPerson(Role.DIRECTOR, "Соколов", "Андрей", "Николаевич", "директор", "school", 1970, 1994),
    DemoPerson(Role.METHODIST, "Михайлова", "Елена", "Викторовна", "методист", "centre", 1980, 2003, "математика"),
    DemoPerson(Role.EXPERT, "Новиков", "Дмитрий", "Александрович", "учитель физики", "school2", 1976, 2000, "физика",
               also=(Role.TEACHER,)),
    DemoPerson(Role.TEACHER, "Федорова", "Татьяна", "Ивановна", "учитель начальных классов", "school2", 1972, 1995,
               "начальные классы", member=MemberRole.JURY),
    DemoPerson(None, "Морозова", "Наталья", "Юрьевна", "методист", "centre", 1985, 2008,
               member=MemberRole.COMMITTEE),
    DemoPerson(Role.OFFICER, "Волков", "Сергей", "Михайлович", "главный специалист", "department", 1979, 2002),
    DemoPerson(Role.AUDITOR, "Алексеева", "Ирина", "Геннадьевна", "специалист по контролю", "department", 1983, 2007),
    DemoPerson(Role.ADMIN, "Лебедев", "Павел", "Олегович", "администратор системы", "centre", 1990, 2014),
]


def _region(name: str) -> Region:
    return Region.objects.get_or_create(name=name)[0]


def _organisation(municipality: Municipality, data: dict, kind: str | None = None) -> Organisation:
    return Organisation.objects.update_or_create(
        municipality=municipality,
        short_name=data["short_name"],
        defaults={
            "name": data["name"],
            "kind": kind or data["kind"],
            "is_small_school": data.get("is_small_school", False),
            "is_low_results": data.get("is_low_results", False),
        },
    )[0]


def _word(spec: DemoPerson) -> str:
    """The first part of the demo user name: the member's word (`jury`) before their role's."""
    return (spec.member or spec.role).value


def _person(spec: DemoPerson, slug: str, workplace: Organisation, password_hash: str) -> User:
    user, _ = User.objects.update_or_create(
        username=f"{_word(spec)}.{slug}",
        defaults={
            "last_name": spec.last_name,
            "first_name": spec.first_name,
            "patronymic": spec.patronymic,
            "email": f"{_word(spec)}.{slug}@example.org",
            "organisation": workplace,
            "position": spec.position,
            "subject": spec.subject,
            "birth_date": date(spec.birth_year, 3, 15),
            "tenure_start": date(spec.tenure_since, 9, 1),
            "education": User.Education.HIGHER_PEDAGOGICAL,
            "category": User.Category.NONE if spec.birth_year >= 1995 else User.Category.HIGHEST,
            "is_staff": spec.role == Role.ADMIN,
            "password": password_hash,
        },
    )
    return user


def _scope_for(role: Role, workplace: Organisation, municipality: Municipality) -> dict:
    if role == Role.ADMIN:
        return {}
    if role in (Role.TEACHER, Role.MENTOR, Role.LEAD, Role.DIRECTOR):
        return {"organisation": workplace}
    return {"municipality": municipality}


def _assign(user: User, role: Role, scope: dict, since: date) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, **scope, defaults={"valid_from": since})


def load_demo(cases: bool = True, first: int | None = None) -> list[User]:
    """The region and its people (of its `first` municipalities, or all); with `cases`, lived in too (`live_in`).
    The other seeding functions work on the municipalities loaded here."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    password_hash = make_password(DEMO_PASSWORD)
    since = date(timezone.localdate().year - 1, 9, 1)
    users: list[User] = []
    casts: list[Cast] = []
    with acting_as(system_actor()), synced_at_the_end():  # each person's grants once, not at each assignment
        for entry in data["municipalities"][:first]:
            municipality, _ = Municipality.objects.update_or_create(
                slug=entry["slug"], defaults={"name": entry["name"], "region": _region(entry["region"])}
            )
            workplaces = {
                "centre": _organisation(municipality, entry["methodical_centre"], Organisation.Kind.METHODICAL_CENTRE),
                "department": _organisation(municipality, entry["department"], Organisation.Kind.DEPARTMENT),
            }
            schools = [_organisation(municipality, school) for school in entry["schools"]]
            workplaces["school"], workplaces["school2"] = schools[0], schools[1]
            competition, _ = Competition.objects.get_or_create(
                municipality=municipality,
                name=entry["competition"]["name"],
                year=timezone.localdate().year,
                defaults={"level": Level.MUNICIPAL},
            )
            people = {}
            for spec in PEOPLE:
                workplace = workplaces[spec.workplace]
                user = _person(spec, entry["slug"], workplace, password_hash)
                for role in (spec.role, *spec.also) if spec.role else ():
                    _assign(user, role, _scope_for(role, workplace, municipality), since)
                if spec.member:
                    CompetitionMember.objects.get_or_create(competition=competition, person=user, role=spec.member,
                                                            defaults={"valid_from": since})
                people[spec.member or spec.role] = user
                users.append(user)
            for association in entry["associations"]:
                organisation = workplaces["school"] if association["level"] == Association.Level.SCHOOL else None
                territory = "" if organisation else association.get("territory", Association.Territory.MUNICIPAL)
                Association.objects.update_or_create(
                    municipality=municipality,
                    name=association["name"],
                    defaults={
                        "level": association["level"],
                        "territory": territory,
                        "kind": association["kind"],
                        "direction": association["direction"],
                        "organisation": organisation,
                        "head": people[Role.LEAD] if organisation else people[Role.TUTOR],
                    },
                )
            configure_chains(municipality)
            casts.append(Cast(municipality, people))
        sync_all_role_grants()  # assignments that already existed keep their grants in step too
    for cast in casts if cases else ():  # the cases' steps are taken from the queues, which read the grants
        live_in(cast)
    return users


def live_in(cast: Cast) -> int:
    """The municipality's diagnostics, surveys, routes and materials in every state; how many cases were added."""
    teachers = [cast[role] for role in (Role.TEACHER, Role.MENTOR, Role.LEAD, Role.TUTOR, Role.EXPERT, MemberRole.JURY)]
    deficits = enter_records(teachers, cast[Role.METHODIST], young=[cast[Role.TEACHER]])
    return build_routes(cast, deficits) + build_materials(cast)


def configure_chains(municipality: Municipality) -> None:
    """Default chains everywhere; Tyumen adds the municipal methodist as an agreeing party (domain.md §2.2)."""
    chain = chain_for(municipality, ROUTE.key)
    if municipality.slug == "tyumen":
        ChainStep.objects.get_or_create(
            chain=chain, code="methodist_agreement",
            defaults={"order": 3, "title": _("Agreement by the municipal methodist"), "role": Role.METHODIST,
                      "reviewer_scope": ReviewerScope.MUNICIPALITY, "deadline_days": 3,
                      "escalation_role": Role.OFFICER},
        )
        chain.steps.filter(code="director_approval").update(order=4)
        chain.steps.filter(code="evaluation").update(order=5)
