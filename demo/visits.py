"""Methodical visits and consultations of every demo municipality, driven through `visits.services` and
`visits.consultations` as the people who act ([002:159,162,231,245; 004:25,66-67; 000:130,157,262]).

This academic year's schedule, approved by the officer: visits to the second school (the low-result school
of the seeds, ШНОР; where a municipality has none, a school in difficult conditions) already made, with
findings and addressed recommendations, one of them executed by its director (`head.<municipality>`), one
overdue, one not yet due; visits ahead; one cancelled; and consultations of the last months for teachers,
heads and parents. A visit is known by its school and purpose, a consultation by its topic and municipality:
a second run adds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Municipality, Organisation, Role, User
from visits import services
from visits.consultations import record_consultation
from visits.models import Consultation, Visit

from .cases import Cast
from .site_internships import head_of_second_school


@dataclass(frozen=True)
class VisitPlan:
    purpose: str
    days: int  # from today: negative for a visit made
    school: str = "school2"
    findings: str = ""
    recommendations: tuple[tuple[str, int], ...] = ()  # text, due in days from the visit
    executed: str = ""  # the director's report on the first recommendation
    cancelled: str = ""


VISITS = [
    VisitPlan("Анализ результатов ВПР и организация подготовки к ГИА", -75,
              findings="Нет единой системы работы с неуспевающими обучающимися; результаты ВПР по математике ниже "
                       "муниципальных на 14 %; ШМО не анализирует типичные ошибки.",
              recommendations=(("Разработать программу повышения качества образования на основе анализа ВПР", 30),
                               ("Организовать работу ШМО по анализу типичных ошибок обучающихся", 45)),
              executed="Программа повышения качества образования утверждена приказом директора № 112, размещена "
                       "на сайте школы."),
    VisitPlan("Посещение уроков молодых педагогов, методическая помощь", -30,
              findings="Молодые педагоги не имеют закреплённых наставников; уроки не опираются на результаты "
                       "диагностики.",
              recommendations=(("Закрепить наставников за молодыми педагогами и утвердить планы наставничества", 60),)),
    VisitPlan("Сопровождение проекта «500+»: реализация антирисковых программ", -10, school="school",
              findings="Антирисковые программы реализуются по плану; требуется обновить показатели мониторинга."),
    VisitPlan("Мониторинг исполнения адресных рекомендаций", 14),
    VisitPlan("Организация внеурочной деятельности и работы с родителями", 30, cancelled="Карантин по гриппу в школе"),
    VisitPlan("Методическая помощь по подготовке к ГИА-2027", 75),
    VisitPlan("Итоги учебного года: анализ реализации программы повышения качества", 150, school="school"),
]


@dataclass(frozen=True)
class ConsultationPlan:
    topic: str
    days_ago: int
    audience: str
    form: str
    by: str = "methodist"
    school: str = "school2"
    whom: str = ""
    attendees: int = 1
    at_visit: int | None = None  # the index in VISITS of the visit it was given at


CONSULTATIONS = [
    ConsultationPlan("Разработка индивидуального образовательного маршрута педагога", 75, Consultation.Audience.TEACHERS,
                     Consultation.Form.GROUP, attendees=6, at_visit=0),
    ConsultationPlan("Антирисковые программы школы с низкими результатами", 60, Consultation.Audience.HEADS,
                     Consultation.Form.INDIVIDUAL),
    ConsultationPlan("Подготовка обучающихся с ОВЗ к ГИА", 45, Consultation.Audience.PARENTS,
                     Consultation.Form.GROUP, whom="Родители обучающихся 9-х классов", attendees=14),
    ConsultationPlan("Наставничество: план работы с молодым педагогом", 30, Consultation.Audience.TEACHERS,
                     Consultation.Form.INDIVIDUAL, by="tutor", at_visit=1),
    ConsultationPlan("Оформление аттестационных материалов", 20, Consultation.Audience.TEACHERS,
                     Consultation.Form.ONLINE, school="school", attendees=3),
    ConsultationPlan("Профилактика неуспеваемости: работа с семьёй", 6, Consultation.Audience.PARENTS,
                     Consultation.Form.PHONE, by="tutor", whom="Родитель обучающегося 7 класса"),
]


def seed_visits(cases: bool = True) -> int:
    """This academic year's visits and consultations in every demo municipality; how many visits were added."""
    if not cases:
        return 0
    made = 0
    for municipality in Municipality.objects.exclude(slug="").order_by("pk"):
        people = {word: User.objects.filter(username=f"{word}.{municipality.slug}").first()
                  for word in ("methodist", "tutor", "officer", "director")}
        if None in people.values():
            continue
        made += live_in_visits(Cast(municipality, people))
    return made


def live_in_visits(cast: Cast) -> int:
    today = timezone.localdate()
    start = date(services.academic_year(today), 9, 1)
    schools = {"school": cast["director"].organisation, "school2": cast["tutor"].organisation}
    head = head_of_second_school(cast)
    before = Visit.objects.filter(schedule__municipality=cast.municipality).count()
    made = [_visit(cast, plan, schools[plan.school], max(start, today + timedelta(days=plan.days)), head)
            for plan in VISITS]
    schedule = made[0].schedule
    if schedule.approved_at is None:
        services.approve_schedule(schedule, cast["officer"])
    for plan in CONSULTATIONS:
        _consultation(cast, plan, schools[plan.school], made)
    return Visit.objects.filter(schedule__municipality=cast.municipality).count() - before


def _visit(cast: Cast, plan: VisitPlan, school: Organisation, day: date, head: User) -> Visit:
    existing = Visit.objects.filter(organisation=school, purpose=plan.purpose).first()
    if existing:
        return existing
    reason = Visit.Reason.LOW_RESULTS if school.is_low_results else Visit.Reason.DIFFICULT_CONDITIONS
    methodist = cast["methodist"]
    visit = services.plan_visit(methodist, organisation=school, planned_on=day, purpose=plan.purpose,
                                methodists=[methodist, cast["tutor"]] if plan.school == "school2" else [methodist],
                                reason=reason)
    if plan.cancelled:
        return services.cancel_visit(visit, methodist, reason=plan.cancelled)
    if day > timezone.localdate():
        return visit
    recommendations = [{"text": text, "due_on": day + timedelta(days=due)} for text, due in plan.recommendations]
    visit = services.report_visit(visit, methodist, visited_on=day, findings=plan.findings,
                                  report=f"Выезд проведён: {plan.purpose.lower()}.", recommendations=recommendations)
    first = visit.recommendations.order_by("pk").first()
    if plan.executed and first is not None:
        services.report_execution(first, head, execution=plan.executed)
    return visit


def _consultation(cast: Cast, plan: ConsultationPlan, school: Organisation, visits: list[Visit]) -> None:
    if Consultation.objects.filter(municipality=cast.municipality, topic=plan.topic).exists():
        return
    held = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=plan.days_ago), time(15)))
    visit = visits[plan.at_visit] if plan.at_visit is not None else None
    if visit is not None and visit.status != Visit.Status.DONE:
        visit = None
    people = list(User.objects.filter(organisation=school, role_assignments__role=Role.TEACHER).distinct()[:2]) \
        if plan.audience == Consultation.Audience.TEACHERS else []
    record_consultation(cast[plan.by], municipality=cast.municipality, people=people, audience=plan.audience,
                        topic=plan.topic, form=plan.form, held_at=min(held, timezone.now()), organisation=school,
                        whom=plan.whom, attendees=max(plan.attendees, len(people), 1), visit=visit, notes="")
