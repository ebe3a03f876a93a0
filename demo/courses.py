"""Courses (КПК) of the demo region, entered through `courses.services` and `courses.planning` as the people
who enter them (domain.md §2.7; [002:143-145, 225, 239], [003:232-243]).

Every region lists its providers — its institute of further training (Tyumen's ТОГИРРО [003:242]), the
Academy of the Ministry of Education and a ЦНППМ — with their programmes. In every municipality the demo
teachers completed courses last year and this year (entered by the teacher, their director or the
methodist, most with the certificate), both schools submitted their needs for this year, and the methodist
consolidated them into this year's plan with a programme chosen for a line. A completion is known by its
teacher, programme and start, a need by its school, year and topic, a plan by its municipality and year: a
second run adds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from accounts.models import Municipality, Region, Role, User
from competitions.models import MemberRole
from courses import planning, services
from courses.models import (
    Course,
    CourseCompletion,
    CourseNeed,
    CoursePlan,
    Focus,
    Provider,
)

from .cases import Cast, evidence
from .site_internships import head_of_second_school

INSTITUTES = {  # the region's institute of further training, by region
    "Томская область": ("Томский областной институт повышения квалификации и переподготовки работников образования",
                        "ТОИПКРО"),
    "Оренбургская область": ("Институт повышения квалификации и профессиональной переподготовки работников "
                             "образования Оренбургской области", "ИПКиППРО"),
    "Краснодарский край": ("Институт развития образования Краснодарского края", "ИРО Краснодарского края"),
    "Тюменская область": ("ГАОУ ТО ДПО «Тюменский областной государственный институт развития регионального "
                          "образования»", "ТОГИРРО"),
    "Красноярский край": ("Красноярский краевой институт повышения квалификации и профессиональной переподготовки "
                          "работников образования", "ККИПК"),
}
ACADEMY = ("ФГАОУ ДПО «Академия Минпросвещения России»", "Академия Минпросвещения")


@dataclass(frozen=True)
class Programme:
    provider: str  # institute / academy / cnppm
    title: str
    hours: int
    focus: str


PROGRAMMES = [
    Programme("institute", "Цифровые образовательные ресурсы в работе учителя", 36, Focus.ICT),
    Programme("institute", "Реализация требований обновлённых ФГОС НОО и ФГОС ООО", 72, Focus.FGOS),
    Programme("academy", "Школа современного учителя: развитие естественно-научной грамотности", 100, Focus.SUBJECT),
    Programme("academy", "Разговоры о важном: система работы классного руководителя", 58, Focus.UPBRINGING),
    Programme("cnppm", "Наставничество в образовательной организации", 24, Focus.MANAGEMENT),
    Programme("cnppm", "Инклюзивное образование обучающихся с ОВЗ", 36, Focus.INCLUSION),
    Programme("institute", "Выявление и сопровождение одарённых детей", 40, Focus.TALENTS),
]

# (teacher's role, programme index, start month and day, length in days, years ago, who enters it)
COMPLETIONS = [
    (Role.TEACHER, 0, (3, 10), 12, 1, "teacher"),
    (Role.TEACHER, 4, (2, 2), 5, 0, "teacher"),
    (Role.MENTOR, 4, (10, 5), 5, 1, "director"),
    (Role.LEAD, 1, (1, 20), 30, 0, "director"),
    (Role.TUTOR, 2, (4, 1), 60, 1, "methodist"),
    (Role.EXPERT, 5, (9, 15), 12, 1, "methodist"),
    (MemberRole.JURY, 3, (2, 10), 20, 0, "methodist"),
    (Role.METHODIST, 1, (11, 10), 20, 1, "methodist"),  # methodists with courses [003:248]
]

# (school: first or second, focus, topic, teachers, named)
NEEDS = [
    ("school", Focus.FGOS, "Реализация обновлённых ФГОС", 4, (Role.TEACHER, Role.MENTOR)),
    ("school", Focus.ICT, "Цифровая образовательная среда школы", 3, ()),
    ("school2", Focus.FGOS, "реализация обновлённых ФГОС", 2, ()),
    ("school2", Focus.INCLUSION, "Работа с обучающимися с ОВЗ", 2, ()),
]


def seed_courses(cases: bool = True) -> int:
    """The regions' providers and programmes and, with `cases`, every municipality's completions, needs and
    this year's plan; how many completions were added."""
    for region in Region.objects.filter(municipalities__in=Municipality.objects.exclude(slug="")).distinct():
        _providers(region)
    if not cases:
        return 0
    before = CourseCompletion.objects.count()
    for municipality in Municipality.objects.exclude(slug="").order_by("pk"):
        people = {word: User.objects.filter(username=f"{word}.{municipality.slug}").first()
                  for word in (Role.TEACHER, Role.MENTOR, Role.LEAD, Role.TUTOR, Role.EXPERT, MemberRole.JURY,
                               Role.METHODIST, Role.DIRECTOR)}
        if None in people.values():
            continue
        _live_in_courses(municipality, people)
    return CourseCompletion.objects.count() - before


def _providers(region: Region) -> dict[str, Provider]:
    institute = INSTITUTES.get(region.name, (f"Институт развития образования ({region.name})", "ИРО"))
    kinds = {"institute": (Provider.Kind.REGIONAL_INSTITUTE, *institute), "academy": (Provider.Kind.ACADEMY, *ACADEMY),
             "cnppm": (Provider.Kind.CNPPM, f"Центр непрерывного повышения профессионального мастерства педагогических "
                                            f"работников ({region.name})", "ЦНППМ")}
    providers = {key: Provider.objects.get_or_create(region=region, short_name=short, defaults={
        "name": name, "kind": kind})[0] for key, (kind, name, short) in kinds.items()}
    for programme in PROGRAMMES:
        Course.objects.get_or_create(provider=providers[programme.provider], title=programme.title,
                                     hours=programme.hours, defaults={"focus": programme.focus})
    return providers


def _live_in_courses(municipality: Municipality, people: dict) -> None:
    today = timezone.localdate()
    courses = list(Course.objects.filter(provider__region=municipality.region_id).order_by("pk"))
    for n, (role, index, (month, day), length, years_ago, by) in enumerate(COMPLETIONS):
        person, course = people[role], courses[index]
        starts_on = date(today.year - years_ago, month, day)
        ends_on = date.fromordinal(starts_on.toordinal() + length)
        if ends_on >= today or CourseCompletion.objects.filter(person=person, course=course,
                                                                starts_on=starts_on).exists():
            continue
        actor = person if by == "teacher" else people[by]
        services.record_completion(actor, person=person, course=course, starts_on=starts_on, ends_on=ends_on,
                                   certificate_number=f"{municipality.pk:02d}-{today.year - years_ago}-{n + 1:04d}",
                                   certificate=evidence("удостоверение.pdf") if n % 3 != 2 else None)
    _needs_and_plan(municipality, people, courses, today.year)


def _needs_and_plan(municipality: Municipality, people: dict, courses: list[Course], year: int) -> None:
    director = people[Role.DIRECTOR]
    schools = {"school": (director.organisation, director),
               "school2": (people[Role.TUTOR].organisation, head_of_second_school_for(municipality, people))}
    for school, focus, topic, count, named in NEEDS:
        organisation, actor = schools[school]
        if CourseNeed.objects.filter(organisation=organisation, year=year, topic=topic).exists():
            continue
        planning.submit_need(actor, CourseNeed(organisation=organisation, year=year, focus=focus, topic=topic,
                                               teachers_count=count), [people[role] for role in named])
    if CoursePlan.objects.filter(municipality=municipality, year=year).exists():
        return
    plan = planning.consolidate_plan(people[Role.METHODIST], municipality, year,
                                     note="Сводная заявка по итогам сбора потребностей образовательных организаций.")
    line = plan.items.filter(focus=Focus.FGOS).first()
    if line is not None:
        planning.choose_course(people[Role.METHODIST], line, next(c for c in courses if c.focus == Focus.FGOS))


def head_of_second_school_for(municipality: Municipality, people: dict) -> User:
    return head_of_second_school(Cast(municipality, {"tutor": people[Role.TUTOR], "director": people[Role.DIRECTOR]}))
