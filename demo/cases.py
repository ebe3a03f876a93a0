"""Cases of the demo region, driven through the product's own services as the people whose step it is.

Each municipality gets routes and materials standing at every state of their flows: drafts, each step of
the agreement chain, returns with their comments, rejections, routes carried out with evidence, amended,
reported, evaluated and closed; materials checked, under expertise with part of the reviews in, decided,
revised, rejected and published in the bank. A case is known by its author and its title, so a second run
finds it and adds nothing.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from viewflow.workflow.models import Task

from accounts.models import Municipality, Organisation, User
from materials import services as materials
from materials.models import Material, PracticeStage
from routes import services as routes
from routes.models import IndividualRoute, RouteActivity
from routes.types import ROUTE
from workflows.chains import chain_for
from workflows.models import Stage
from workflows.review import current_step
from workflows.services import can_act_on


@dataclass
class Cast:
    """The demo people of one municipality who draw up, review and decide its cases."""

    municipality: Municipality
    people: dict  # role (or member role) → User, as `demo.region` creates them
    everyone: list[User] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.everyone = list(self.people.values())

    def __getitem__(self, role: str) -> User:
        return self.people[role]

    def whose(self, task: Task | None) -> User:
        """The demo person who acts on the task: its owner, or the first who may take it from the queue."""
        if task is not None and task.owner_id:
            return task.owner
        # The queue's permission names the role (accounts.act_as_<role>_in_<scope>): its holder first.
        role = (task.owner_permission or "").partition(".act_as_")[2].rpartition("_in_")[0] if task else ""
        for person in sorted(self.everyone, key=lambda person: person != self.people.get(role)):
            if can_act_on(task, person):
                return person
        raise LookupError(f"nobody of {self.municipality} may act on {task}")


# A route is a plan of a few activities within the school year; steps after the draft say how far it went.
@dataclass(frozen=True)
class RoutePlan:
    topic: str
    goals: str
    product: str
    author: str = "teacher"
    with_mentor: bool = True
    steps: Sequence[str] = ()


RETURN_COMMENT = "Уточните ожидаемые результаты мероприятий и сроки представления продукта."


def school_year(today: date) -> tuple[date, date]:
    start = today.year if today.month >= 9 else today.year - 1
    return date(start, 9, 1), date(start + 1, 5, 31)


def activities_for(route: IndividualRoute) -> list[RouteActivity]:
    start = route.period_start
    rows = [
        ("course", "КПК «Формирование функциональной грамотности обучающихся»", "ЦНППМ", 30, 50, "Удостоверение"),
        ("seminar", "Семинар-практикум ММО по теме самообразования", "ИМЦ", 60, 60, "Выступление на семинаре"),
        ("open_lesson", "Открытый урок для коллег школы", "Школа", 120, 120, "Конспект и самоанализ урока"),
    ]
    return [RouteActivity(form=form, title=title, provider=provider, starts_on=start + timedelta(days=first),
                          ends_on=start + timedelta(days=last), expected_result=result)
            for form, title, provider, first, last, result in rows]


def evidence(name: str = "удостоверение.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf(name))


def demo_pdf(title: str) -> bytes:
    """A small but real PDF (a viewer opens it), so the demo's downloads are files a visitor can read."""
    text = title.encode("ascii", "replace").decode()
    stream = f"BT /F1 14 Tf 72 760 Td (Methodflow demo: {text}) Tj ET".encode()
    objects = [b"<</Type /Catalog /Pages 2 0 R>>", b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
               b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources <</Font <</F1 5 0 R>>>>>>",
               b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
               b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>"]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj " % number + content + b" endobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return body + b"trailer <</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


class RouteSteps:
    """What happens to a route after its draft, one word a step, as the person of the step does it."""

    def __init__(self, cast: Cast, route: IndividualRoute) -> None:
        self.cast, self.route = cast, route

    def run(self, steps: Sequence[str]) -> None:
        for step in steps:
            getattr(self, step)()
            self.route.refresh_from_db()

    def task(self) -> Task | None:
        return routes.current_human_task(self.route)

    def submit(self) -> None:
        routes.submit(self.route, self.route.author)

    def approve(self) -> None:
        routes.review(self.route, self.cast.whose(self.task()), "approve")

    def approve_all(self) -> None:
        while self.route.status in (IndividualRoute.Status.AGREEMENT, IndividualRoute.Status.AMENDMENT):
            self.approve()
            self.route.refresh_from_db()

    def send_back(self) -> None:
        routes.review(self.route, self.cast.whose(self.task()), "return", RETURN_COMMENT)

    def reject(self) -> None:
        """Agreed up to the step that may reject, which rejects."""
        while not current_step(self.route.process).get("may_reject"):
            self.approve()
            self.route.refresh_from_db()
        routes.review(self.route, self.cast.whose(self.task()), "reject",
                      "Тема самообразования не связана с выявленными дефицитами.")

    def record(self) -> None:
        """The first agreed activity done with a file, the next with a link."""
        pending = list(self.route.activities.filter(agreed=True, done_at__isnull=True))
        if pending:
            routes.record_activity_done(pending[0], self.route.author, evidence=evidence())
        if len(pending) > 1:
            routes.record_activity_done(pending[1], self.route.author, link="https://imc.example.org/seminar",
                                        comment="Выступила на семинаре, материалы на сайте ИМЦ.")

    def record_all(self) -> None:
        for activity in self.route.activities.filter(agreed=True, done_at__isnull=True):
            routes.record_activity_done(activity, self.route.author, link="https://imc.example.org/report")

    def accompany(self) -> None:
        activity = self.route.activities.filter(done_at__isnull=False).first()
        routes.comment_activity(activity, self.cast["methodist"], "Хороший результат, поделитесь опытом на ММО.")

    def amend(self) -> None:
        start = self.route.period_start
        routes.propose_amendment(self.route, self.route.author, "Добавляю стажировку, предложенную ИМЦ.", [
            RouteActivity(form="internship", title="Стажировка на базе опорной школы", provider="ИМЦ",
                          starts_on=start + timedelta(days=150), ends_on=start + timedelta(days=155))])

    def report(self) -> None:
        routes.submit_report(self.route, self.route.author,
                             "Дефициты в проектировании уроков преодолены, приёмы применяю в 7-х классах.",
                             "Сборник заданий по функциональной грамотности", "Выступление на ММО учителей",
                             files=[evidence("отчёт.pdf")])

    def return_report(self) -> None:
        routes.evaluate(self.route, self.cast.whose(self.task()), "return",
                        "Приложите сам сборник заданий и отзыв коллег.")

    def evaluate(self) -> None:
        routes.evaluate(self.route, self.cast.whose(self.task()), "completed", "Маршрут выполнен полностью.")


def agreement_steps(municipality: Municipality) -> int:
    return chain_for(municipality, ROUTE.key).steps.filter(stage=Stage.AGREEMENT).count()


# One route waits at each agreement step of the municipality's chain (mentor, lead, …, director).
WAITING_TOPICS = [
    ("Смысловое чтение на уроках математики", "Освоить стратегии смыслового чтения", "Банк текстов с заданиями"),
    ("Цифровая образовательная среда на уроках", "Освоить сервисы ЦОС", "Серия уроков с ЦОС"),
    ("Развитие устной речи учащихся", "Освоить приёмы развития речи", "Картотека речевых упражнений"),
    ("Здоровьесберегающие технологии на уроках", "Освоить приёмы смены деятельности", "Конспекты уроков"),
    ("Работа с учащимися с ОВЗ", "Освоить приёмы адаптации заданий", "Адаптированные задания"),
]


def route_plans(municipality: Municipality) -> list[RoutePlan]:
    done = ("submit", "approve_all")
    waiting = [RoutePlan(*WAITING_TOPICS[number], steps=("submit", *["approve"] * number))
               for number in range(agreement_steps(municipality))]
    return [
        RoutePlan("Цифровые инструменты формирующего оценивания", "Освоить цифровые сервисы оценивания",
                  "Подборка цифровых заданий"),
        *waiting,
        RoutePlan("Проектная деятельность в основной школе", "Научиться вести учебные проекты",
                  "Методическая разработка проекта", steps=("submit", "approve", "send_back")),
        RoutePlan("Работа с одарёнными детьми", "Подготовить учеников к олимпиадам", "Программа кружка",
                  author="mentor", with_mentor=False, steps=("submit", "reject")),
        RoutePlan("Функциональная грамотность на уроках математики", "Освоить задания международных исследований",
                  "Сборник заданий", steps=(*done, "record", "accompany")),
        RoutePlan("Наставничество в первый год работы", "Освоить приёмы поддержки молодого учителя",
                  "Программа наставничества", author="mentor", with_mentor=False,
                  steps=(*done, "record", "amend")),
        RoutePlan("Формирующее оценивание на уроках", "Применять приёмы формирующего оценивания",
                  "Серия уроков с листами самооценки", steps=(*done, "record_all", "report")),
        RoutePlan("Исследовательская деятельность учащихся", "Организовать исследовательские работы",
                  "Сборник исследовательских работ", author="mentor", with_mentor=False,
                  steps=(*done, "record_all", "report", "return_report")),
        RoutePlan("Технология развития критического мышления", "Освоить приёмы технологии",
                  "Конспекты уроков", steps=(*done, "record_all", "report", "evaluate")),
    ]


def build_routes(cast: Cast, deficits: dict[int, list]) -> int:
    """The municipality's routes, each brought to its state; those already there are left as they are."""
    made = 0
    period_start, period_end = school_year(timezone.localdate())
    for plan in route_plans(cast.municipality):
        author = cast[plan.author]
        if IndividualRoute.objects.filter(author=author, topic=plan.topic).exists():
            continue
        route = IndividualRoute(period_start=period_start, period_end=period_end, topic=plan.topic,
                                goals=plan.goals, expected_product=plan.product, presentation_level="municipal",
                                mentor=cast["mentor"] if plan.with_mentor else None)
        route = routes.save_draft(route, author, deficits=deficits.get(author.pk, []))
        routes.save_draft(route, author, activities=activities_for(route))
        RouteSteps(cast, route).run(plan.steps)
        made += 1
    return made


@dataclass(frozen=True)
class MaterialPlan:
    title: str
    subject: str
    kind: str = "development"
    level: str = "basic"
    author: str = "teacher"
    steps: Sequence[str] = ()
    annotation: str = "Методическая разработка с описанием опыта, планами уроков и материалами для учеников."
    keywords: str = ""


class MaterialSteps:
    """What happens to a material after its draft, as the person of each step does it."""

    def __init__(self, cast: Cast, material: Material) -> None:
        self.cast, self.material = cast, material

    def run(self, steps: Sequence[str]) -> None:
        for step in steps:
            getattr(self, step)()
            self.material.refresh_from_db()

    def whose(self, node: str) -> User:
        return self.cast.whose(materials.active_task(self.material, node))

    def submit(self) -> None:
        materials.submit(self.material, self.material.author)

    def accept(self) -> None:
        materials.check(self.material, self.whose("check"), "approve")

    def send_back(self) -> None:
        materials.check(self.material, self.whose("check"), "return", "Приложите аннотацию и список литературы.")

    def refuse(self) -> None:
        materials.check(self.material, self.whose("check"), "reject", "Материал не является методическим.")

    def assign(self) -> None:
        needed = materials.expertise_rules(self.material.municipality).experts
        materials.assign_experts(self.material, self.whose("assign_experts"),
                                 materials.propose_experts(self.material, needed))

    def review_one(self, recommendation: str = "publish") -> None:
        assignment = materials.scoring.pending(self.material).order_by("pk").first()
        scores = {criterion.pk: criterion.max_score - 1 for criterion in materials.criteria(self.material.municipality)}
        materials.submit_review(self.material, assignment.expert, scores,
                                "Материал актуален, опыт описан полно; рекомендую к публикации.", recommendation)

    def review_all(self) -> None:
        while materials.scoring.pending(self.material).exists():
            self.review_one()

    def publish(self) -> None:
        materials.final_decision(self.material, self.whose("decision"), "approve")

    def return_after_expertise(self) -> None:
        materials.final_decision(self.material, self.whose("decision"), "return",
                                 "Эксперты просят дополнить раздел о результатах учеников.")

    def reject(self) -> None:
        materials.final_decision(self.material, self.whose("decision"), "reject",
                                 "Эксперты не подтвердили новизну и результативность опыта.")

    def revise(self) -> None:
        materials.revise(self.material, self.material.author, [upload(self.material, "доработанная")])

    def spread(self) -> None:
        """The methodist moves the practice on and records the school that adopted it [000:244]."""
        other = Organisation.objects.filter(municipality=self.material.municipality).exclude(
            pk=self.material.organisation_id).order_by("pk").first()
        materials.manage_practice(self.material, self.cast["methodist"], PracticeStage.DISSEMINATED, other)


def upload(material: Material, version: str = "") -> SimpleUploadedFile:
    name = f"{material.title[:60]} {version}".strip() + ".pdf"
    return SimpleUploadedFile(name, demo_pdf(name))


EXPERTISE = ("submit", "accept", "assign")
PUBLISHED = (*EXPERTISE, "review_all", "publish")

MATERIAL_PLANS = [
    MaterialPlan("Рабочая тетрадь по геометрии для 7 класса", "математика", kind="didactic"),
    MaterialPlan("Программа внеурочной деятельности «Шахматы»", "математика", kind="programme",
                 steps=("submit",)),
    MaterialPlan("Игровые приёмы на уроках русского языка", "русский язык", author="lead",
                 steps=("submit", "send_back")),
    MaterialPlan("Подборка ссылок на видеоуроки", "математика", steps=("submit", "refuse")),
    MaterialPlan("Кейс-метод на уроках обществознания", "обществознание", author="mentor",
                 steps=("submit", "accept")),
    MaterialPlan("Формирование читательской грамотности младших школьников", "начальные классы",
                 level="primary", steps=(*EXPERTISE, "review_one")),
    MaterialPlan("Лабораторный практикум по физике с цифровыми датчиками", "физика", author="mentor",
                 steps=(*EXPERTISE, "review_all")),
    MaterialPlan("Система подготовки к ОГЭ по математике", "математика", author="lead",
                 steps=(*EXPERTISE, "review_all", "return_after_expertise")),
    MaterialPlan("Сборник олимпиадных задач", "математика", steps=(*EXPERTISE, "review_all", "reject")),
    MaterialPlan("Проектная деятельность на уроках математики", "математика", keywords="проект, исследование",
                 annotation="Проектная методика: этапы учебного проекта, критерии оценивания, примеры проектов "
                            "учеников 5–9 классов.", steps=(*PUBLISHED, "spread")),
    MaterialPlan("Смысловое чтение на уроках истории", "история", author="lead", keywords="чтение, текст",
                 annotation="Приёмы смыслового чтения исторических источников.", steps=PUBLISHED),
    MaterialPlan("Формирующее оценивание в начальной школе", "начальные классы", level="primary",
                 author="mentor", keywords="оценивание",
                 annotation="Листы самооценки и приёмы обратной связи для 1–4 классов.",
                 steps=(*PUBLISHED[:-1], "return_after_expertise", "revise", "review_all", "publish")),
]


def build_materials(cast: Cast) -> int:
    """The municipality's materials, each brought to its state; those already there are left as they are."""
    made = 0
    for plan in MATERIAL_PLANS:
        author = cast[plan.author]
        if Material.objects.filter(author=author, title=plan.title).exists():
            continue
        material = Material(title=plan.title, kind=plan.kind, subject=plan.subject, level=plan.level,
                            annotation=plan.annotation, keywords=plan.keywords)
        co_authors = [cast["teacher"]] if plan.author == "lead" else []
        materials.save_material(material, author, [upload(material)], co_authors=co_authors)
        MaterialSteps(cast, material).run(plan.steps)
        made += 1
    return made

