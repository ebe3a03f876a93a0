"""Sites (площадки) of the demo region, driven through the product's own services as the people of each step
(domain.md §2.4; seeds [000:65,303,314-324], [002:176-177,228,232], [003:135], [004:29,55,61,64,74]).

Each municipality has this year's February competition of projects, closed, whose applications were
granted, refused or rejected, and a call open now whose applications stand at every other step (a
draft, the completeness check, returned, experts being assigned, scored, the protocol, the order); the
sites its seed names are in the register — granted by the department's signed orders (the journal
numbers them) for terms that began in the past, so their annual reports stand at several states, or
recorded from outside with the body that granted them (a regional status, a university's base site).
Internship, base and young teachers' sites publish programmes that teachers of the second school take.
An application is known by its author and topic, a site by its organisation and topic, a call by its
title: a second run adds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Municipality, Role, User
from platforms import applications_council as council
from platforms import services
from platforms.calls import call_criteria, save_call
from platforms.models import Call, CouncilProtocol, ProjectStage, SiteApplication, SiteKind

from .cases import Cast, demo_pdf
from .site_register import enter_outside, live_reports
from .site_internships import hold_internships

Recommendation = CouncilProtocol.Recommendation


@dataclass(frozen=True)
class ApplicationPlan:
    topic: str
    kind: str
    term: int = 2
    steps: tuple[str, ...] = ()
    started_days_ago: int = 0  # a granted status: how long ago its term began (its reports follow)
    reports: tuple[str, ...] = ()  # what happens to the reports already due (`site_register.REPORT_STEPS`)


# The seeds' sites that a municipality's own competition grants, by municipality.
GRANTED = {
    "tomsk": [ApplicationPlan("Сетевая модель формирования функциональной грамотности", SiteKind.INNOVATION, 3,
                              started_days_ago=720, reports=("accept",)),  # [000:317]
              ApplicationPlan("Стажировочная площадка по выявлению лучших педагогических практик",
                              SiteKind.INTERNSHIP, 2, started_days_ago=380, reports=("return",))],  # [000:303]
    "novotroitsk": [ApplicationPlan("Апробация федеральной образовательной программы основного общего образования",
                                    SiteKind.PILOT, 3, started_days_ago=720, reports=("accept",)),  # [000:65]
                    ApplicationPlan("Опорная школа по работе с детьми с ОВЗ", SiteKind.SUPPORT, 1,
                                    started_days_ago=350, reports=("submit",))],
    "slavyansk": [ApplicationPlan("Школа — центр общественно-значимых инновационных проектов", SiteKind.INNOVATION, 3,
                                  started_days_ago=720, reports=("accept",)),  # [002:176,232]
                  ApplicationPlan("Стажировочная площадка для школ с низкими образовательными результатами",
                                  SiteKind.INTERNSHIP, 2, started_days_ago=390, reports=("fail",))],  # [002:228]
    "tyumen": [ApplicationPlan("Система стажировок педагогов муниципального методического пространства",
                               SiteKind.INTERNSHIP, 3, started_days_ago=720, reports=("accept",)),  # [003:135]
               ApplicationPlan("Цифровая образовательная среда школы", SiteKind.INNOVATION, 2,
                               started_days_ago=370)],  # its first report is overdue
    "krasnoyarsk": [ApplicationPlan("Базовая площадка молодых педагогов «Школа молодого учителя»",
                                    SiteKind.YOUNG_TEACHERS, 3, started_days_ago=720, reports=("accept",)),  # [004:74]
                    ApplicationPlan("Опорная площадка по естественно-научному образованию", SiteKind.SUPPORT, 2,
                                    started_days_ago=380, reports=("return",))],  # [004:29]
}
SCORED = ("submit", "accept", "assign", "score_all")
# The competition's other outcomes, and the open call's applications at every other step.
CLOSED_CALL = [ApplicationPlan("Школьный медиацентр как пространство воспитания", SiteKind.INNOVATION,
                               steps=(*SCORED, "refuse_protocol", "refuse")),
               ApplicationPlan("Кружок робототехники", SiteKind.BASE, steps=("submit", "reject"))]
OPEN_CALL = [
    ApplicationPlan("Наставничество «учитель — учитель» в малой школе", SiteKind.SUPPORT),
    ApplicationPlan("Проектная лаборатория для учителей начальных классов", SiteKind.BASE, steps=("submit",)),
    ApplicationPlan("Формирующее оценивание в основной школе", SiteKind.INTERNSHIP, steps=("submit", "send_back")),
    ApplicationPlan("Инженерные классы и профориентация", SiteKind.BASE, steps=("submit", "accept")),
    ApplicationPlan("Читательская грамотность младших школьников", SiteKind.INTERNSHIP,
                    steps=("submit", "accept", "assign", "score_one")),
    ApplicationPlan("Школа полного дня", SiteKind.SUPPORT, steps=SCORED),
    ApplicationPlan("Инклюзивная среда в сельской школе", SiteKind.BASE, steps=(*SCORED, "grant_protocol")),
]
CALL_TEXT = ("Принимаются проекты инновационной деятельности образовательных организаций: актуальность, цели, "
             "задачи, этапы, ожидаемые результаты и ресурсы, срок реализации от 1 до 3 лет.")


def announce(cast: Cast, title: str, opens_on: date, deadline: datetime) -> Call:
    found = Call.objects.filter(municipality=cast.municipality, title=title).first()
    if found is not None:
        return found
    return save_call(Call(municipality=cast.municipality, title=title, kinds=list(SiteKind.values), opens_on=opens_on,
                          deadline=deadline, description=CALL_TEXT), cast["officer"])


def end_of_february(year: int) -> datetime:
    return timezone.make_aware(datetime(year, 2, 28, 18, 0))


def close_call(call: Call, cast: Cast, deadline: date) -> None:
    """The competition whose statuses are held now: its applications were sent while it was open, and it is
    dated as it ran once they are (the orders granting them come after its deadline)."""
    if call.deadline < timezone.now():
        return
    call.opens_on = deadline - timedelta(days=40)
    call.deadline = timezone.make_aware(datetime.combine(deadline, datetime.min.time())) + timedelta(hours=18)
    save_call(call, cast["officer"])


class ApplicationSteps:
    """What happens to an application after its draft, one word a step, as the person of the step does it."""

    def __init__(self, cast: Cast, application: SiteApplication, plan: ApplicationPlan) -> None:
        self.cast, self.application, self.plan = cast, application, plan
        self.site = None

    def run(self, steps) -> None:
        for step in steps:
            getattr(self, step)()
            self.application.refresh_from_db()

    @property
    def experts(self) -> list[User]:
        return [self.cast["expert"], self.cast["tutor"]]

    def submit(self) -> None:
        services.submit(self.application, self.application.author)

    def accept(self) -> None:
        services.check(self.application, self.cast["methodist"], "approve")

    def send_back(self) -> None:
        services.check(self.application, self.cast["methodist"], "return",
                       "Уточните этапы проекта с датами и приложите согласие партнёров.")

    def reject(self) -> None:
        services.check(self.application, self.cast["methodist"], "reject",
                       "Заявка не содержит инновационного проекта: описан кружок дополнительного образования.")

    def assign(self) -> None:
        services.assign_experts(self.application, self.cast["methodist"], self.experts)

    def score(self, expert: User, margin: int) -> None:
        scores = {criterion.pk: max(0, criterion.max_score - margin) for criterion in call_criteria(self.application.call)}
        services.submit_review(self.application, expert, scores,
                               "Проект актуален, этапы и результаты измеримы." if margin < 3 else
                               "Новизна не обоснована, ожидаемые результаты не измеримы.", "publish")

    def score_one(self) -> None:
        self.score(self.experts[0], 1)

    def score_all(self) -> None:
        margin = 5 if "refuse_protocol" in self.plan.steps else 1
        for expert in self.experts:
            if services.expert_task(self.application, expert) is not None:
                self.score(expert, margin)

    def protocol(self, recommendation: str, votes: tuple[int, int, int], text: str) -> None:
        council.record_protocol(
            self.application, self.cast["methodist"], number=str(10 + self.application.pk % 90),
            date=timezone.localdate(), members_present=[*self.experts, self.cast["methodist"]],
            votes_for=votes[0], votes_against=votes[1], votes_abstained=votes[2], recommendation=recommendation,
            text=text)

    def grant_protocol(self) -> None:
        self.protocol(Recommendation.GRANT, (3, 0, 0), "Рекомендовать присвоить статус площадки.")

    def refuse_protocol(self) -> None:
        self.protocol(Recommendation.REFUSE, (0, 2, 1), "Проект не рекомендован к присвоению статуса.")

    def grant(self) -> None:
        """The order grants the status from the day its term began, signed then or, if the demo officer took
        office later, on their first day."""
        officer = self.cast["officer"]
        starts_on = timezone.localdate() - timedelta(days=self.plan.started_days_ago)
        since = officer.role_assignments.filter(role=Role.OFFICER).order_by("valid_from").first().valid_from
        self.site = council.grant(self.application, officer, date=max(starts_on, since), signatory=officer,
                                  starts_on=starts_on)

    def refuse(self) -> None:
        council.refuse(self.application, self.cast["officer"], "Экспертный совет не рекомендовал проект.")


def draft(cast: Cast, call: Call, plan: ApplicationPlan, extends=None) -> SiteApplication | None:
    director = cast["director"]
    if SiteApplication.objects.filter(author=director, topic=plan.topic).exists():
        return None
    application = SiteApplication(
        call=call, kind=plan.kind, topic=plan.topic, term_years=plan.term, extends=extends,
        relevance="Тема отвечает задачам муниципальной программы развития образования.",
        goals="Создать, апробировать и распространить модель в образовательных организациях муниципалитета.",
        tasks="Разработать программу проекта; провести апробацию; подготовить методические рекомендации.",
        expected_results="Модель и методические рекомендации; не менее трёх семинаров для педагогов.",
        resources="Проектная команда школы, оборудование центра «Точка роста», партнёрство с вузом.",
        partners="Педагогический университет региона")
    first = timezone.localdate() + timedelta(days=30)
    stages = [ProjectStage(title="Подготовительный этап", starts_on=first, ends_on=first + timedelta(days=90),
                           results="Нормативная база, команда проекта"),
              ProjectStage(title="Основной этап", starts_on=first + timedelta(days=91),
                           ends_on=first + timedelta(days=300), results="Апробация модели")]
    team = [cast["teacher"], cast["lead"]]
    return services.save_application(application, director, team=team, stages=stages,
                                     files=[upload_of(plan.topic)])


def upload_of(topic: str) -> SimpleUploadedFile:
    name = f"Проект «{topic[:60]}».pdf"
    return SimpleUploadedFile(name, demo_pdf(name))


def build_applications(cast: Cast, closed: Call, open_call: Call) -> tuple[int, list]:
    """The municipality's applications, each brought to its state; returns how many were added and the sites
    granted now with their plans."""
    made, granted = 0, []
    plans = [(closed, plan, (*SCORED, "grant_protocol", "grant")) for plan in GRANTED[cast.municipality.slug]]
    plans += [(closed, plan, plan.steps) for plan in CLOSED_CALL] + [(open_call, plan, plan.steps) for plan in OPEN_CALL]
    for call, plan, steps in plans:
        application = draft(cast, call, plan)
        if application is None:
            continue
        steps_run = ApplicationSteps(cast, application, plan)
        steps_run.run(steps)
        if steps_run.site is not None:
            granted.append((steps_run.site, plan))
        made += 1
    return made, granted


def live_in_sites(cast: Cast) -> int:
    """The municipality's calls, applications in every state, the register with its reports, and internships;
    how many applications were added."""
    now, today = timezone.now(), timezone.localdate()
    earliest = max(plan.started_days_ago for plan in GRANTED[cast.municipality.slug])
    deadline = today - timedelta(days=earliest + 45)
    closed = announce(cast, f"Муниципальный конкурс инновационных проектов {deadline.year} года",
                      today - timedelta(days=1), now + timedelta(days=1))
    # Slavyansk's February competition «Инновационный поиск» [002:176-177]; the others' calls close then too.
    title = ("Муниципальный конкурс общественно-значимых инновационных проектов «Инновационный поиск»"
             if cast.municipality.slug == "slavyansk" else "Приём заявок на статус площадки")
    february = end_of_february(today.year)
    open_call = announce(cast, title, today - timedelta(days=7),
                         february if february > now + timedelta(days=14) else end_of_february(today.year + 1))
    made, granted = build_applications(cast, closed, open_call)
    close_call(closed, cast, deadline)
    for site, plan in granted:
        live_reports(cast, site, plan.reports)
    enter_outside(cast)
    hold_internships(cast)
    return made


# The demo people whose steps the sites' cases take, by the first word of their user name.
CAST_WORDS = ("director", "methodist", "expert", "tutor", "officer", "teacher", "lead", "jury")


def seed_sites(cases: bool = True) -> int:
    """Every demo municipality lived in with sites (`live_in_sites`), after `demo.region.load_demo`; how many
    applications were added."""
    if not cases:
        return 0
    made = 0
    for municipality in Municipality.objects.filter(slug__in=GRANTED).order_by("pk"):
        people = {word: User.objects.get(username=f"{word}.{municipality.slug}") for word in CAST_WORDS}
        made += live_in_sites(Cast(municipality, people))
    return made
