"""The methodical service's work plan in every demo municipality, driven through `workplan.services` as the
people who act (domain.md §2.7; the Tomsk plan's lines [000:216-236], Slavyansk's targets [002:223-232]):
last year's plan approved, every item closed (on time, late, or not done with the reason) and its
analysis written; this year's approved, the items due before today closed or overdue, the rest planned or
in progress. A plan is known by its municipality and year: a second run adds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Municipality, User
from workplan import services
from workplan.indicators import Indicator
from workplan.models import PlanItem, Section, WorkPlan


@dataclass(frozen=True)
class ItemPlan:
    section: str
    title: str
    month: int  # the deadline: the end of this month
    responsible: str  # the demo person's role word
    indicator: str = ""
    result: str = ""


ITEMS = [
    ItemPlan(Section.DOCUMENTS, "Актуализировать положение о муниципальной методической службе", 1, "methodist",
             result="Положение утверждено приказом управления образования"),
    ItemPlan(Section.ANALYSIS, "Провести анализ исходного состояния методической работы на муниципальном и школьном "
             "уровнях", 2, "methodist", Indicator.MONITORING_COVERAGE, "Аналитическая справка, охвачены все школы"),
    ItemPlan(Section.ANALYSIS, "Провести диагностику профессиональных дефицитов педагогов", 3, "methodist",
             Indicator.DIAGNOSTICS, "Диагностику прошли 312 педагогов"),
    ItemPlan(Section.PROFESSIONAL_DEVELOPMENT, "Организовать курсы повышения квалификации для ответственных за "
             "методическую работу в ОО", 4, "officer", Indicator.COURSES, "Обучено 46 заместителей директоров"),
    ItemPlan(Section.YOUNG_TEACHERS, "Закрепить наставников за молодыми специалистами", 9, "lead",
             Indicator.YOUNG_TEACHERS, "Все молодые специалисты школы имеют наставника"),
    ItemPlan(Section.ASSOCIATIONS, "Провести заседания районных методических объединений (не менее 4 в год)", 12,
             "methodist", Indicator.ASSOCIATIONS, "Проведено 4 заседания каждого РМО"),
    ItemPlan(Section.EVENTS, "Провести муниципальный этап конкурса «Учитель года»", 2, "methodist",
             Indicator.EXPERIENCE, "12 участников, победитель направлен на региональный этап"),
    ItemPlan(Section.EVENTS, "Провести городскую конференцию «Педагогические чтения»", 5, "methodist",
             Indicator.EVENTS_A_YEAR, "Конференция проведена, 140 участников, 38 докладов"),
    ItemPlan(Section.SCHOOLS_SUPPORT, "Провести методические выезды во все школы с низкими результатами", 10,
             "methodist", Indicator.LOW_RESULTS_VISITED, "Выезды проведены, рекомендации направлены школам"),
    ItemPlan(Section.INNOVATION, "Организовать конкурсный отбор инновационных площадок", 3, "officer",
             Indicator.SITES, "Присвоен статус двум площадкам"),
    ItemPlan(Section.INFORMATION, "Создать разделы «Методическая служба» на сайтах образовательных организаций", 5,
             "director", result="Раздел создан на сайте школы"),
    ItemPlan(Section.INFORMATION, "Ежеквартально проводить мониторинг методических разделов сайтов ОО", 12,
             "methodist", Indicator.MONITORING_COVERAGE, "Мониторинг проведён по итогам каждого квартала"),
]
LATE = 3  # the fourth item of a past year is done a fortnight late
NOT_DONE = (9,)  # the tenth is not done: the reason is its result
NOT_DONE_REASON = "Отбор перенесён на следующий год: не поступило заявок"
ANALYSIS = ("План выполнен в основном: большинство пунктов выполнено в срок, один с опозданием; конкурсный отбор "
            "площадок перенесён на следующий год. Рекомендовано включить его в план следующего года.")


def month_end(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def seed_workplan(cases: bool = True) -> int:
    """Last year's and this year's work plans in every demo municipality; how many plans were added."""
    if not cases:
        return 0
    made = 0
    today = timezone.localdate()
    for municipality in Municipality.objects.exclude(slug="").order_by("pk"):
        people = {word: User.objects.filter(username=f"{word}.{municipality.slug}").first()
                  for word in ("methodist", "officer", "lead", "director")}
        if None in people.values():
            continue
        for year in (today.year - 1, today.year):
            if not WorkPlan.objects.filter(municipality=municipality, year=year).exists():
                live_in_plan(municipality, year, people, today)
                made += 1
    return made


def live_in_plan(municipality: Municipality, year: int, people: dict[str, User], today: date) -> WorkPlan:
    methodist, officer = people["methodist"], people["officer"]
    plan = services.draw_up_plan(methodist, municipality, year=year)
    still_open = 0
    for number, spec in enumerate(ITEMS):
        item = services.add_item(plan, methodist, section=spec.section, title=spec.title,
                                 deadline=month_end(year, spec.month), responsible=people[spec.responsible],
                                 indicator=spec.indicator)
        if not report(item, number, spec, people, today):
            still_open += 1
            if still_open % 2:
                services.report_on_item(item, people[spec.responsible], status=PlanItem.Status.IN_PROGRESS)
    services.approve_plan(plan, officer)
    if year < today.year:
        services.write_analysis(plan, methodist, text=ANALYSIS)
    return plan


def report(item: PlanItem, number: int, spec: ItemPlan, people: dict[str, User], today: date) -> bool:
    """Close the item if its deadline passed (one late, one not done, one left overdue this year); whether
    it was closed (the open ones alternate between in progress and planned)."""
    who = people[spec.responsible]
    if item.deadline >= today or (item.plan.year == today.year and number == 1):
        return False
    if number in NOT_DONE:
        services.report_on_item(item, who, status=PlanItem.Status.NOT_DONE, result=NOT_DONE_REASON,
                                closed_on=item.deadline)
        return True
    closed_on = item.deadline + timedelta(days=14) if number == LATE else item.deadline - timedelta(days=3)
    services.report_on_item(item, who, status=PlanItem.Status.DONE, result=spec.result, closed_on=min(closed_on, today))
    return True
