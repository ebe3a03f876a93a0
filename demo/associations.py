"""Methodical associations of the demo region at work (domain.md §1; seeds [000:325,328], [001:122,435],
[002:150,227,241]), driven through the register's own services.

The associations each municipality's seed names (`demo.region`) take their members — the school's people
for a ШМО, the teachers of both schools for a municipal one — and draw up this year's plan of four
meetings on the members' deficits from their diagnostics; the meetings already due are held with their
protocol (attendance, decisions), the later ones announced with their agenda. An association that has this
year's plan is left as it is: a second run adds nothing.
"""
from __future__ import annotations

from datetime import date

from django.utils import timezone

from accounts.models import Municipality, User
from associations.meetings import PlanItem, draw_up_plan, record_protocol, schedule_meeting
from associations.models import Association
from associations.selectors import deficit_groups, members_on
from associations.services import add_member

SCHOOL_PEOPLE = ("teacher", "mentor", "lead", "director")
TEACHERS = ("teacher", "mentor", "lead", "tutor", "expert", "jury")
# (month, day, topic when no deficit is shared), a meeting a quarter.
MEETINGS = [(2, 10, "Анализ результатов мониторинга и ВПР"), (4, 14, "Открытые уроки: обмен опытом"),
            (10, 6, "Методическая тема года: планирование работы"), (12, 15, "Итоги полугодия, подготовка к олимпиадам")]
DECISIONS = "Принять к сведению информацию выступающих. Провести открытые уроки в школах до конца четверти."


def _people(municipality: Municipality, words: tuple[str, ...]) -> list[User]:
    return list(User.objects.filter(username__in=[f"{word}.{municipality.slug}" for word in words]))


def _plan_items(association: Association, year: int) -> list[PlanItem]:
    groups = deficit_groups(association, year)
    items = []
    for index, (month, day, topic) in enumerate(MEETINGS):
        group = groups[index] if index < len(groups) else None
        items.append(PlanItem(date(year, month, day), f"Преодоление дефицита: {group.title}" if group else topic,
                              group.area if group else "", [deficit.pk for deficit in group.deficits] if group else []))
    return items


def live_in_association(association: Association, keeper: User, people: list[User]) -> int:
    """The association's members, this year's plan and its meetings; how many meetings were added."""
    year = timezone.localdate().year
    if association.plans.filter(year=year).exists():
        return 0
    current = set(members_on(association).values_list("person_id", flat=True))
    for person in people:
        if person.pk not in current and person.pk != association.head_id:
            add_member(keeper, association, person, valid_from=date(year - 1, 9, 1))
    plan = draw_up_plan(keeper, association, year=year, theme="Повышение функциональной грамотности обучающихся",
                        items=_plan_items(association, year))
    members = list(members_on(association).values_list("person_id", flat=True))
    for item in plan.items.all():
        meeting = schedule_meeting(keeper, association, held_on=item.planned_on, planned=item,
                                   place="Кабинет 21 / https://sferum.ru", agenda=f"1. {item.topic}\n2. Разное")
        if meeting.is_held:
            record_protocol(keeper, meeting, present=members[:max(1, len(members) - 1)], decisions=DECISIONS)
    return plan.items.count()


def seed_associations(cases: bool = True) -> int:
    """Every demo municipality's associations at work, after `demo.region.load_demo` and the diagnostics of
    its cases; how many meetings were added."""
    if not cases:
        return 0
    made = 0
    for municipality in Municipality.objects.order_by("pk"):
        methodist = User.objects.filter(username=f"methodist.{municipality.slug}").first()
        if methodist is None:  # not a demo municipality
            continue
        for association in Association.objects.filter(municipality=municipality).select_related("head"):
            school = association.level == Association.Level.SCHOOL
            people = _people(municipality, SCHOOL_PEOPLE if school else TEACHERS)
            if school:
                people = [person for person in people if person.organisation_id == association.organisation_id]
            # the head of a municipal association keeps it themselves; the methodist keeps a school's ШМО
            keeper = association.head if association.head and not school else methodist
            made += live_in_association(association, keeper, people)
    return made
