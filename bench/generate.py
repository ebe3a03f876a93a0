"""A synthetic region at scale, written straight into PostgreSQL with COPY.

    DJANGO_SETTINGS_MODULE=config.settings python -m bench.generate --tasks 1000000

Municipalities with their methodical centres and departments (the first is the regional centre, with
`--centre-share` of the schools), schools with teachers, mentors, a methodical lead and a director,
role assignments and the guardian grants that mirror them (`accounts.grants`), review chains
(`workflows.chains`; every fifth municipality, the first among them, adds the municipal methodist as in
the demo's Tyumen), experts of each municipality (teachers of its schools), and individual routes (ИОМ)
and methodical materials under expertise over `--years` of history with their Viewflow processes and
tasks, timelines, history records and notifications; `--material-share` of the task rows come from
materials (`bench.materials`).

No route passes through the flow engine: each one is simulated here node by node as
`routes.flows.IndividualRouteFlow` would run it (submission, agreement steps with returns, rejections
and overdue escalations, implementation with activities, amendments and the methodist's comments,
the final report, evaluation, closing), and its rows are written as the engine writes them: the same
`flow_task` references, task types and statuses, queue permissions and their objects, task data
(`step`, `step_title`, `due_at`), `previous` links, timer tasks. A route's lifecycle is cut at the
moment of generation, so the routes of the last months are left at every step: drafts, queue tasks
(NEW), claimed and named reviews (ASSIGNED), returns, implementation, evaluation; older ones are closed
or rejected, and a few stalled at a step for good.

One busy methodist (the first methodist of the first municipality) holds `--grants` object permissions:
their own role grant plus synthetic `act_as_…` grants on the organisations and municipalities of the
region, so that Viewflow's queue compares tasks against a long list of grants (and offers them the
agreement and evaluation steps of most schools); they have taken `--inbox` tasks of that queue.

Materials are simulated the same way, as `workflows.material_flow.MaterialFlow` runs them
(`bench.materials.MaterialLife`): completeness checks with returns and rejections, experts assigned,
parallel reviews with declines and replacements and a further expert when the scores diverge, the
methodist's decision, revisions reviewed again by the same experts, publication in the bank.

Deterministic: the same arguments with the same `--today` give the same rows. Refuses a database that already
holds cases or tasks: generate into a fresh, migrated database (`make bench` does).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from datetime import timezone as dt_timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .copy import Table

UTC = dt_timezone.utc
DAY = timedelta(days=1)
NEVER = None

LAST_NAMES = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Попова", "Васильева", "Соколова", "Михайлова",
              "Новикова", "Фёдорова", "Морозова", "Волкова", "Алексеева", "Лебедева", "Семёнова", "Егорова",
              "Павлова", "Козлова", "Степанова", "Николаева", "Орлова", "Андреева", "Макарова", "Захарова"]
FIRST_NAMES = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Юлия",
               "Екатерина", "Галина", "Людмила", "Марина", "Надежда", "Оксана", "Вера"]
PATRONYMICS = ["Ивановна", "Петровна", "Сергеевна", "Александровна", "Викторовна", "Николаевна",
               "Владимировна", "Андреевна", "Юрьевна", "Михайловна"]
SUBJECTS = ["математика", "русский язык", "литература", "физика", "химия", "биология", "история",
            "обществознание", "география", "английский язык", "информатика", "начальные классы",
            "физическая культура", "музыка", "технология"]
TOPICS = ["Формирование функциональной грамотности на уроках", "Смысловое чтение в основной школе",
          "Проектная деятельность обучающихся", "Формирующее оценивание", "Цифровые образовательные ресурсы",
          "Работа с детьми с ОВЗ в инклюзивном классе", "Подготовка к ГИА: приёмы повторения",
          "Развитие читательской грамотности", "Естественно-научная грамотность", "Наставничество молодых педагогов",
          "Исследовательская деятельность на уроках", "Воспитательный потенциал урока"]
ACTIVITIES = [("course", "Курсы повышения квалификации «Функциональная грамотность»", "ЦНППМ"),
              ("seminar", "Муниципальный семинар по обмену опытом", "ММЦ"),
              ("webinar", "Вебинар «Формирующее оценивание»", "ИРО"),
              ("open_lesson", "Открытый урок для коллег", "школа"),
              ("association_meeting", "Выступление на заседании ММО", "ММО"),
              ("master_class", "Мастер-класс", "ММЦ"),
              ("self_education", "Изучение методической литературы", ""),
              ("publication", "Публикация методической разработки", "сборник ИРО")]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=20)
    parser.add_argument("--teachers", type=int, default=50_000)
    parser.add_argument("--organisations", type=int, default=None,
                        help="schools in the region (default: one per 25 teachers)")
    parser.add_argument("--years", type=int, default=3, help="years of history")
    parser.add_argument("--tasks", type=int, default=1_000_000,
                        help="Viewflow task rows to reach (cases are added until there are at least this many)")
    parser.add_argument("--material-share", type=float, default=0.25,
                        help="share of the task rows that come from materials under expertise, the rest from routes")
    parser.add_argument("--grants", type=int, default=10_000, help="object permissions of the busy methodist")
    parser.add_argument("--centre-share", type=float, default=0.25,
                        help="share of the schools in the first municipality, the regional centre")
    parser.add_argument("--inbox", type=int, default=20,
                        help="queue tasks the busy methodist has taken, at least (from their queue)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="generate as of 09:00 UTC of this date (YYYY-MM-DD; default: now)")
    return parser.parse_args(argv)


class Clock:
    def __init__(self):
        self.started = self.last = time.perf_counter()

    def lap(self, what: str) -> None:
        now = time.perf_counter()
        print(f"  {what:<58} {now - self.last:7.1f} s", flush=True)
        self.last = now

    @property
    def total(self) -> float:
        return time.perf_counter() - self.started


@dataclass
class School:
    id: int
    municipality: "Place"
    teachers: list[int] = field(default_factory=list)
    mentors: list[int] = field(default_factory=list)
    lead: int = 0
    director: int = 0


@dataclass
class Place:
    """A municipality with its staff, its route and material chains as cases copy them, and its expertise rules."""

    id: int
    slug: str
    index: int
    methodists: list[int] = field(default_factory=list)
    officer: int = 0
    auditor: int = 0
    experts: list[tuple[int, int]] = field(default_factory=list)  # (user, their organisation)
    schools: list[School] = field(default_factory=list)
    chain: list[dict] = field(default_factory=list)
    chain_json: str = "[]"
    chain_version: int = 1
    material_chain: list[dict] = field(default_factory=list)
    material_chain_json: str = "[]"
    material_chain_version: int = 1
    criteria: list[tuple[int, int]] = field(default_factory=list)  # (criterion, its maximum score)
    experts_needed: int = 2
    score_gap: int = 10


class Region:
    """Builds the region's rows; `simulate` adds routes until the task target is met."""

    def __init__(self, args: argparse.Namespace):
        from django.db import connection
        from django.utils import timezone

        from accounts.models import Municipality, Organisation, Region as RegionModel, RoleAssignment, User
        from guardian.models import UserObjectPermission
        from routes.models import IndividualRoute, RouteActivity
        from viewflow.workflow.models import Process, Task
        from workflows.models import CaseEvent, ExpertAssignment, Material, MaterialFile, Notification, Review

        from .copy import Table

        self.args = args
        self.random = random.Random(args.seed)
        if args.today:
            self.now = datetime.combine(args.today, dt_time(9, 0), tzinfo=UTC)
        else:
            self.now = timezone.now().astimezone(UTC).replace(second=0, microsecond=0)
        self.window_start = self.now - timedelta(days=365 * args.years)
        self.connection = connection
        self.models = dict(Municipality=Municipality, Organisation=Organisation, Region=RegionModel,
                           RoleAssignment=RoleAssignment, User=User, UserObjectPermission=UserObjectPermission,
                           IndividualRoute=IndividualRoute, RouteActivity=RouteActivity, Process=Process, Task=Task,
                           CaseEvent=CaseEvent, Notification=Notification, Material=Material)
        self.users = Table(User)
        self.assignments = Table(RoleAssignment)
        self.grants = Table(UserObjectPermission)
        self.routes = Table(IndividualRoute)
        self.route_history = Table(IndividualRoute.history.model)
        self.activities = Table(RouteActivity)
        self.processes = Table(Process)
        self.tasks = Table(Task)
        self.previous = Table(Task.previous.through)
        self.events = Table(CaseEvent)
        self.notifications = Table(Notification)
        self.materials = Table(Material)
        self.material_history = Table(Material.history.model)
        self.material_files = Table(MaterialFile)
        self.material_file_history = Table(MaterialFile.history.model)
        self.expert_assignments = Table(ExpertAssignment)
        self.expert_assignment_history = Table(ExpertAssignment.history.model)
        self.reviews = Table(Review)
        self.review_history = Table(Review.history.model)
        self.flow_processes: list[dict] = []  # a process's temporary key is its position here

    # The region: places, schools and people

    def build_places(self) -> None:
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        from accounts.history import acting_as
        from accounts.models import Organisation, Role
        from workflows.chains import chain_for, snapshot
        from workflows.models import ChainStep, ProcessKind, ReviewerScope

        from .copy import dumps

        M = self.models
        args = self.args
        region = M["Region"].objects.create(name=f"Синтетическая область (seed {args.seed})")
        places: list[Place] = []
        schools_total = args.organisations or max(args.municipalities, args.teachers // 25)
        with acting_as(None):
            municipalities = M["Municipality"].objects.bulk_create([
                M["Municipality"](region=region, name=f"Муниципальный округ № {n:02d}", slug=f"bench-m{n:02d}")
                for n in range(1, args.municipalities + 1)])
            for index, municipality in enumerate(municipalities):
                place = Place(id=municipality.pk, slug=municipality.slug, index=index)
                chain = chain_for(municipality, ProcessKind.ROUTE)
                if index % 5 == 0:  # the demo's Tyumen: the municipal methodist agrees too
                    ChainStep.objects.create(chain=chain, code="methodist_agreement", order=3,
                                             title="Согласование муниципальным методистом", role=Role.METHODIST,
                                             reviewer_scope=ReviewerScope.MUNICIPALITY, deadline_days=3,
                                             escalation_role=Role.OFFICER)
                    chain.steps.filter(code="director_approval").update(order=4)
                    chain.steps.filter(code="evaluation").update(order=5)
                    chain.refresh_from_db()
                place.chain, place.chain_version = snapshot(chain), chain.version
                place.chain_json = dumps(place.chain)
                self.expertise_setup(place, municipality)
                places.append(place)
            organisations = []
            for place in places:
                organisations.append(Organisation(municipality_id=place.id, kind=Organisation.Kind.METHODICAL_CENTRE,
                                                  name=f"Муниципальный методический центр {place.slug}",
                                                  short_name="ММЦ"))
                organisations.append(Organisation(municipality_id=place.id, kind=Organisation.Kind.DEPARTMENT,
                                                  name=f"Управление образования {place.slug}", short_name="УО"))
            centre = round(schools_total * args.centre_share) if len(places) > 1 else schools_total
            numbers: dict[int, int] = {}
            for n in range(schools_total):
                # the first municipality is the regional centre, the others share the rest evenly
                place = places[0] if n < centre else places[1 + (n - centre) % (len(places) - 1)]
                number = numbers[place.index] = numbers.get(place.index, 0) + 1
                organisations.append(Organisation(
                    municipality_id=place.id, kind=Organisation.Kind.SCHOOL, short_name=f"СОШ № {number}",
                    name=f"Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная "
                         f"школа № {number}»", is_small_school=number % 17 == 0, is_low_results=number % 23 == 0))
            organisations = Organisation.objects.bulk_create(organisations, batch_size=2000)
        centres = {}
        by_place = {place.id: place for place in places}
        for organisation in organisations:
            place = by_place[organisation.municipality_id]
            if organisation.kind == Organisation.Kind.SCHOOL:
                place.schools.append(School(id=organisation.pk, municipality=place))
            else:
                centres[(place.id, organisation.kind)] = organisation.pk
        self.places = places
        self.region_id = region.pk
        self.centres = centres
        self.organisation_ids = [organisation.pk for organisation in organisations]
        self.password = make_password("bench", salt="methodflowbench")
        self.content_types = {
            "organisation": ContentType.objects.get_for_model(M["Organisation"]).pk,
            "municipality": ContentType.objects.get_for_model(M["Municipality"]).pk,
            "route": ContentType.objects.get_for_model(M["IndividualRoute"]).pk,
            "material": ContentType.objects.get_for_model(M["Material"]).pk,
        }
        self.permissions = {
            (content_type, codename): pk for pk, content_type, codename in
            Permission.objects.filter(codename__startswith="act_as_").values_list("pk", "content_type_id", "codename")
        }
        self.view_material = Permission.objects.get(content_type_id=self.content_types["material"],
                                                    codename="view_material").pk

    def expertise_setup(self, place: Place, municipality) -> None:
        """The municipality's material chain, criteria and expertise rules, as their first use creates them."""
        from workflows.chains import chain_for, snapshot
        from workflows.material_services import criteria, expertise_rules
        from workflows.models import ProcessKind

        from .copy import dumps

        chain = chain_for(municipality, ProcessKind.MATERIAL)
        place.material_chain, place.material_chain_version = snapshot(chain), chain.version
        place.material_chain_json = dumps(place.material_chain)
        place.criteria = [(criterion.pk, criterion.max_score) for criterion in criteria(municipality)]
        rules = expertise_rules(municipality)
        place.experts_needed, place.score_gap = rules.experts, rules.score_gap

    def build_people(self) -> None:
        from accounts.models import Role, Scope, grant_codename

        rnd = self.random
        args = self.args
        User = self.models["User"]
        next_user = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.first_user_id = next_user
        joined = self.window_start - timedelta(days=400)
        ct_organisation, ct_municipality = self.content_types["organisation"], self.content_types["municipality"]

        def person(username: str, organisation: int, position: str, subject: str = "") -> int:
            nonlocal next_user
            pk = next_user
            next_user += 1
            born = 1960 + rnd.randrange(40)
            self.users.add(id=pk, username=username, password=self.password, organisation_id=organisation,
                           last_name=rnd.choice(LAST_NAMES), first_name=rnd.choice(FIRST_NAMES),
                           patronymic=rnd.choice(PATRONYMICS), email=f"{username}@bench.example.org",
                           position=position, subject=subject, is_active=True, date_joined=joined,
                           birth_date=date(born, 1 + rnd.randrange(12), 1 + rnd.randrange(28)),
                           tenure_start=date(min(born + 22 + rnd.randrange(15), 2024), 9, 1),
                           education="higher_pedagogical", category=rnd.choice(["none", "first", "highest"]))
            return pk

        def assign(user: int, role: str, scope: str, scope_id: int) -> None:
            self.assignments.add(user_id=user, role=role, valid_from=date(2020, 1, 1), **{f"{scope}_id": scope_id})
            content_type = ct_organisation if scope == Scope.ORGANISATION else ct_municipality
            permission = self.permissions[(content_type, grant_codename(role, scope))]
            self.grants.add(user_id=user, permission_id=permission, content_type_id=content_type,
                            object_pk=str(scope_id))

        schools = [school for place in self.places for school in place.schools]
        per_school = [args.teachers // len(schools)] * len(schools)
        for n in range(args.teachers - sum(per_school)):
            per_school[n] += 1
        for school, teachers in zip(schools, per_school):
            tag = f"{school.municipality.slug[6:]}s{school.id}"
            for k in range(teachers):
                teacher = person(f"teacher.{tag}.{k}", school.id, "учитель", rnd.choice(SUBJECTS))
                assign(teacher, Role.TEACHER, Scope.ORGANISATION, school.id)
                school.teachers.append(teacher)
                if k == 0:
                    school.lead = teacher
                    assign(teacher, Role.LEAD, Scope.ORGANISATION, school.id)
                elif k in (1, 2) and teachers > 5:
                    school.mentors.append(teacher)
                    assign(teacher, Role.MENTOR, Scope.ORGANISATION, school.id)
            school.director = person(f"director.{tag}", school.id, "директор")
            assign(school.director, Role.DIRECTOR, Scope.ORGANISATION, school.id)
        for place in self.places:
            centre = self.centres[(place.id, "methodical_centre")]
            department = self.centres[(place.id, "department")]
            slug = place.slug[6:]
            for k in range(2):
                methodist = person(f"methodist.{slug}.{k}", centre, "методист")
                assign(methodist, Role.METHODIST, Scope.MUNICIPALITY, place.id)
                place.methodists.append(methodist)
            place.officer = person(f"officer.{slug}", department, "специалист управления образования")
            assign(place.officer, Role.OFFICER, Scope.MUNICIPALITY, place.id)
            place.auditor = person(f"auditor.{slug}", department, "контроль")
            assign(place.auditor, Role.AUDITOR, Scope.MUNICIPALITY, place.id)
            for teacher, school in self.expert_teachers(place):
                assign(teacher, Role.EXPERT, Scope.MUNICIPALITY, place.id)
                place.experts.append((teacher, school))
        self.busy = self.places[0].methodists[0]
        self.add_busy_grants()

    @staticmethod
    def expert_teachers(place: Place) -> list[tuple[int, int]]:
        """The municipality's experts: a teacher (neither lead nor mentor) in each of a fifth of its schools,
        six at least."""
        schools = place.schools
        chosen: dict[int, int] = {}
        for n in range(max(6, len(schools) // 5)):
            school = schools[n % len(schools)]
            teacher = school.teachers[min(3 + n // len(schools), len(school.teachers) - 1)]
            chosen.setdefault(teacher, school.id)
        return list(chosen.items())

    def add_busy_grants(self) -> None:
        """Synthetic grants of the busy methodist: organisation roles school by school, then municipal ones."""
        from accounts.models import ROLE_SCOPES, Role, Scope, grant_codename

        wanted = self.args.grants - 1  # their own methodist grant is already there
        if wanted <= 0:
            return
        organisation_roles = [role for role in Role if Scope.ORGANISATION in ROLE_SCOPES[role]]
        municipal_roles = [role for role in Role if Scope.MUNICIPALITY in ROLE_SCOPES[role] and role != Role.METHODIST]
        ct_organisation, ct_municipality = self.content_types["organisation"], self.content_types["municipality"]
        candidates = [(ct_organisation, grant_codename(role, Scope.ORGANISATION), pk)
                      for role in organisation_roles for pk in self.organisation_ids]
        candidates += [(ct_municipality, grant_codename(role, Scope.MUNICIPALITY), place.id)
                       for role in municipal_roles for place in self.places]
        candidates += [(ct_municipality, grant_codename(Role.METHODIST, Scope.MUNICIPALITY), place.id)
                       for place in self.places[1:]]
        for content_type, codename, pk in candidates[:wanted]:
            self.grants.add(user_id=self.busy, permission_id=self.permissions[(content_type, codename)],
                            content_type_id=content_type, object_pk=str(pk))
        if len(candidates) < wanted:
            print(f"  note: the region allows {len(candidates) + 1} distinct grants for the busy methodist",
                  file=sys.stderr)

    # Routes

    def prepare_flow(self) -> None:
        from django.utils.translation import gettext
        from viewflow.workflow.fields import get_flow_ref, get_task_ref

        from routes.flows import IndividualRouteFlow
        from workflows.models import CaseEvent

        flow = IndividualRouteFlow.instance
        self.flow_ref = get_flow_ref(IndividualRouteFlow)
        self.refs = {node.name: get_task_ref(node) for node in flow.nodes()}
        self.titles = {name: str(flow.node(name).task_title)
                       for name in ("revision", "implementation", "report_revision")}
        self.kind_display = {kind.value: str(kind.label) for kind in CaseEvent.Kind}
        self.awaits = gettext("%(case)s awaits your decision: %(step)s")
        self.decided = gettext("%(case)s: %(decision)s — %(step)s")
        self.overdue_message = gettext("%(case)s: the step «%(step)s» is overdue")
        from routes.models import IndividualRoute
        self.result_labels = {value: str(label) for value, label in IndividualRoute.Result.choices}
        from .materials import MaterialFlowFacts
        self.material_flow = MaterialFlowFacts.load(self)

    def simulate(self) -> None:
        """Add cases, each created at a random moment of the window, until the task rows reach the target:
        a material whenever materials have less than their share of the rows, a route otherwise."""
        from .materials import MaterialLife

        rnd = self.random
        schools = [school for place in self.places for school in place.schools]
        span = (self.now - self.window_start).total_seconds()
        material_rows = 0
        while len(self.tasks.rows) < self.args.tasks:
            school = rnd.choice(schools)
            created = self.window_start + timedelta(seconds=rnd.random() * span)
            before = len(self.tasks.rows)
            if material_rows < self.args.material_share * before:
                MaterialLife(self, school, created).live()
                material_rows += len(self.tasks.rows) - before
            else:
                RouteLife(self, school, created).live()
        self.material_task_rows = material_rows

    def start_process(self, kind: str, case_key: int, flow_ref: str, moment: datetime) -> dict:
        """A Viewflow process of a case; its position in `flow_processes` is its temporary key."""
        process = {"key": len(self.flow_processes), "kind": kind, "case": case_key, "flow": flow_ref,
                   "created": moment, "status": "NEW", "finished": None, "data": {}}
        self.flow_processes.append(process)
        return process

    def fill_busy_inbox(self) -> int:
        """The busy methodist has taken some tasks of their queue (the newest), so neither list is empty."""
        from viewflow.workflow.status import STATUS

        column = self.tasks.column
        owner, status = column("owner_id"), column("status")
        held = {(row[self.grants.column("content_type_id")], row[self.grants.column("object_pk")],
                 row[self.grants.column("permission_id")]) for row in self.grants.rows
                if row[self.grants.column("user_id")] == self.busy}
        names = {pk: codename for (content_type, codename), pk in self.permissions.items()}
        held = {(content_type, obj, f"accounts.{names[permission]}") for content_type, obj, permission in held}
        mine = sum(1 for row in self.tasks.rows if row[owner] == self.busy and row[status] == STATUS.ASSIGNED)
        queue = [row for row in self.tasks.rows if row[status] == STATUS.NEW and row[column("flow_task_type")] == "HUMAN"
                 and (row[column("owner_permission_content_type_id")], row[column("owner_permission_obj_pk")],
                      row[column("owner_permission")]) in held]
        queue.sort(key=lambda row: row[column("created")], reverse=True)
        taken = queue[:min(max(0, self.args.inbox - mine), len(queue) // 2)]  # and half their queue stays
        for row in taken:
            row[owner], row[status] = self.busy, STATUS.ASSIGNED
        return mine + len(taken)

    # Writing

    def first_free(self, model) -> int:
        return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    def finish_ids(self) -> None:
        """Real ids in the order things happened; temporary keys replaced; case numbers per prefix and year."""
        self.case_numbers: dict[tuple[str, int], int] = {}
        process_id = self.number_rows(self.flow_processes, lambda process: process["created"],
                                      self.first_free(self.models["Process"]))
        route_id, route_number = self.number_cases(self.routes, self.route_history, "ИОМ", process_id)
        material_id, material_number = self.number_cases(self.materials, self.material_history,
                                                         self.models["Material"].number_prefix, process_id)
        cases = {"route": (route_id, route_number, "/routes/%d/"),
                 "material": (material_id, material_number, "/materials/%d/")}
        for process in self.flow_processes:
            ids = cases[process["kind"]][0]
            self.processes.add(id=process_id[process["key"]], flow_class=process["flow"], status=process["status"],
                               created=process["created"], finished=process["finished"], data=process["data"],
                               artifact_content_type_id=self.content_types[process["kind"]],
                               artifact_object_id=ids[process["case"]])
        task_id = self.finish_tasks(process_id)
        self.finish_timelines(process_id, task_id, cases)
        self.number_plainly(self.activities)
        self.remap(self.activities, route_id=route_id)
        self.finish_material_rows(material_id)
        for table in (self.users, self.assignments, self.grants, self.previous):
            self.number_plainly(table)

    @staticmethod
    def number_rows(rows: list, when: Callable, base: int) -> list[int]:
        """Ids from `base` in the order of `when(row)`, indexed by the rows' temporary keys (their positions)."""
        ids = [0] * len(rows)
        for rank, key in enumerate(sorted(range(len(rows)), key=lambda key: when(rows[key]))):
            ids[key] = base + rank
        return ids

    def number_plainly(self, table: Table) -> None:
        """Ids in the order the rows were added."""
        pk, first = table.column("id"), self.first_free(table.model)
        for n, row in enumerate(table.rows):
            row[pk] = first + n

    @staticmethod
    def remap(table: Table, **maps: list) -> None:
        """Replace the temporary keys in the named columns (those not empty) by what `maps` give for them."""
        columns = [(table.column(name), mapping) for name, mapping in maps.items()]
        for row in table.rows:
            for column, mapping in columns:
                if row[column] is not None:
                    row[column] = mapping[row[column]]

    def finish_history(self, history: Table, **maps: list) -> None:
        """History records in the order of their dates, with real ids; `maps` as in `remap`."""
        date, pk = history.column("history_date"), history.column("history_id")
        history.rows.sort(key=lambda row: row[date])
        first = self.first_free(history.model)
        for rank, row in enumerate(history.rows):
            row[pk] = first + rank
        self.remap(history, **maps)

    def number_cases(self, table: Table, history: Table, prefix: str,
                     process_id: list[int]) -> tuple[list[int], list[str]]:
        """Case ids and numbers (`<prefix>-<year>-<000123>`) in the order the cases were created, in their
        rows and history records, whose `id` and `number` hold the case's temporary key until now."""
        created, pk = table.column("created_at"), table.column("id")
        case_id = self.number_rows(table.rows, lambda row: row[created], self.first_free(table.model))
        number = [""] * len(case_id)
        for key in sorted(range(len(case_id)), key=case_id.__getitem__):
            year = table.rows[key][created].year
            value = self.case_numbers[(prefix, year)] = self.case_numbers.get((prefix, year), 0) + 1
            number[key] = f"{prefix}-{year}-{value:06d}"
        table.rows.sort(key=lambda row: case_id[row[pk]])
        self.remap(table, id=case_id, number=number, process_id=process_id)
        self.finish_history(history, id=case_id, number=number, process_id=process_id)
        return case_id, number

    def finish_tasks(self, process_id: list[int]) -> list[int]:
        """Task ids in the order the tasks were created; a parallel branch's token `(split, n)` becomes
        `start/<split id>_<n>`."""
        tasks = self.tasks
        created, process, pk, token = (tasks.column(name) for name in ("created", "process_id", "id", "token"))
        task_id = self.number_rows(tasks.rows, lambda row: row[created], self.first_free(tasks.model))
        for key, row in enumerate(tasks.rows):
            row[pk] = task_id[key]
            row[process] = process_id[row[process]]
            if type(row[token]) is tuple:
                split, branch = row[token]
                row[token] = f"start/{task_id[split]}_{branch}"
        tasks.rows.sort(key=lambda row: row[pk])
        self.remap(self.previous, from_task_id=task_id, to_task_id=task_id)
        return task_id

    def finish_timelines(self, process_id: list[int], task_id: list[int], cases: dict) -> None:
        """Case events and notifications in the order of their moments; a notification names its case by number."""
        events = self.events
        moment = events.column("created_at")
        events.rows.sort(key=lambda row: row[moment])
        self.number_plainly(events)
        self.remap(events, process_id=process_id, task_id=task_id)
        notes = self.notifications
        message, url, moment = notes.column("message"), notes.column("url"), notes.column("created_at")
        notes.rows.sort(key=lambda row: row[moment])
        self.number_plainly(notes)
        for row in notes.rows:
            process = self.flow_processes[row[url]]
            ids, numbers, path = cases[process["kind"]]
            row[message] = row[message].replace("\x00", numbers[process["case"]])[:500]
            row[url] = path % ids[process["case"]]

    def finish_material_rows(self, material_id: list[int]) -> None:
        """Files (stored under the material's id), experts, reviews and the experts' grants of each material."""
        for table in (self.material_files, self.material_file_history):
            material, version, path = (table.column(name) for name in ("material_id", "version", "file"))
            for row in table.rows:
                row[path] = f"materials/{material_id[row[material]]}/v{row[version]}/{row[path]}"
        self.remap(self.material_files, material_id=material_id)
        self.remap(self.expert_assignments, material_id=material_id)
        self.finish_history(self.material_file_history, material_id=material_id)
        self.finish_history(self.expert_assignment_history, material_id=material_id)
        self.finish_history(self.review_history)
        content_type, obj = self.grants.column("content_type_id"), self.grants.column("object_pk")
        for row in self.grants.rows:
            if row[content_type] == self.content_types["material"]:
                row[obj] = str(material_id[row[obj]])

    def labelled_tables(self) -> list[tuple[str, Table]]:
        return [("users", self.users), ("role assignments", self.assignments),
                ("guardian object permissions", self.grants), ("routes (ИОМ)", self.routes),
                ("route activities", self.activities), ("route history records", self.route_history),
                ("materials", self.materials), ("material history records", self.material_history),
                ("material files", self.material_files), ("material file history", self.material_file_history),
                ("expert assignments", self.expert_assignments),
                ("expert assignment history", self.expert_assignment_history),
                ("reviews", self.reviews), ("review history", self.review_history),
                ("Viewflow processes", self.processes), ("Viewflow tasks", self.tasks),
                ("task links (previous)", self.previous), ("case events", self.events),
                ("notifications", self.notifications)]

    def write(self, clock: Clock) -> dict[str, int]:
        from django.core.management.color import no_style
        from django.db import transaction

        from workflows.models import CaseCounter

        written = {}
        with transaction.atomic():  # foreign keys are checked at the commit, once everything is there
            for label, table in self.labelled_tables():
                written[label] = table.write()
                table.rows = []
                clock.lap(f"COPY {written[label]:>9,} {label}")
        clock.lap("foreign keys checked, committed")
        for (prefix, year), value in self.case_numbers.items():
            CaseCounter.objects.update_or_create(prefix=prefix, year=year, defaults={"value": value})
        models = [table.model for label, table in self.labelled_tables()]
        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        return written

    def analyze(self) -> None:
        """What autovacuum would have done on a live database: statistics and the visibility map."""
        with self.connection.cursor() as cursor:
            for label, table in self.labelled_tables():
                cursor.execute(f"VACUUM (ANALYZE) {self.connection.ops.quote_name(table.name)}")


class CaseLife:
    """One case from its draft to wherever it stands at the moment of generation, and the rows the engine
    writes for it: the case and its history records, its Viewflow process and tasks, timeline, notifications.

    Each step happens at a moment; a step whose moment is after `now` does not happen, and the case
    stays where it is, with its open tasks as the engine leaves them. A subclass lives one flow.
    """

    kind = ""  # the case's key in `Region.content_types`, and its process's kind

    def __init__(self, region: Region, school: School, created: datetime, table: Table, history: Table,
                 refs: dict[str, str], flow_ref: str):
        self.g = region
        self.rnd = region.random
        self.school = school
        self.place = school.municipality
        self.now = region.now
        self.created = created
        self.author = self.rnd.choice(school.teachers)
        self.table, self.history, self.refs, self.flow_ref = table, history, refs, flow_ref
        self.key = len(table.rows)
        self.case: dict = {}
        self.process: dict | None = None
        self.data: dict = {}

    # Bookkeeping

    def add_case(self, **fields) -> None:
        """The case's row as its author first saves it; `id` and `number` hold its key until ids are given."""
        self.case = dict(fields, id=self.key, number=self.key)
        self.table.add(**self.case)
        self.snapshot(self.created, "+", self.author)

    def save(self, moment: datetime, actor: int | None, **changes) -> None:
        """The case saved at `moment`, with a history record; its row keeps the latest `updated_at`, as the
        branches of a parallel step are simulated one after the other."""
        row = self.table.rows[self.key]
        column = self.table.column
        latest = max(row[column("updated_at")], moment)
        self.case.update(changes, updated_at=moment)
        for name, value in self.case.items():
            row[column(name)] = value
        row[column("updated_at")] = latest
        self.snapshot(moment, "~", actor)

    def snapshot(self, moment: datetime, kind: str, actor: int | None) -> None:
        self.history.add(**self.case, history_date=moment, history_type=kind, history_user_id=actor)

    def start(self, moment: datetime) -> int:
        """The case's process starts (its START task is returned); the case names it by its key."""
        self.process = self.g.start_process(self.kind, self.key, self.flow_ref, moment)
        self.process["data"] = self.data
        return self.done("submit", "START", moment, None)

    def end(self, moment: datetime, status: str, actor: int | None) -> None:
        self.process.update(status="DONE", finished=moment)
        self.save(moment, actor, status=status, current_step="", assignee_id=None, due_at=None)

    def task(self, node: str, kind: str, created: datetime, previous: int | None, status: str = "DONE",
             started: datetime | None = None, finished: datetime | None = None, token: str | tuple = "start",
             **fields) -> int:
        key = self.g.tasks.add(id=None, flow_task=self.refs[node], flow_task_type=kind, status=status,
                               created=created, started=started, finished=finished, token=token,
                               process_id=self.process["key"], **fields)
        if previous is not None:
            self.g.previous.add(from_task_id=key, to_task_id=previous)
        return key

    def set_task(self, key: int, **fields) -> None:
        row = self.g.tasks.rows[key]
        for name, value in fields.items():
            row[self.g.tasks.column(name)] = value

    def task_status(self, key: int) -> str:
        return self.g.tasks.rows[key][self.g.tasks.column("status")]

    def done(self, node: str, kind: str, moment: datetime, previous: int | None, started: bool = True,
             token: str | tuple = "start") -> int:
        """An automatic node (switch, function, end, start) the engine runs and finishes at once."""
        return self.task(node, kind, moment, previous, started=moment if started else None, finished=moment,
                         token=token)

    def event(self, kind: str, moment: datetime, actor: int | None, task: int | None = None, step_title: str = "",
              comment: str = "") -> None:
        self.g.events.add(process_id=self.process["key"], task_id=task, kind=kind, step_title=step_title,
                          actor_id=actor, comment=comment, created_at=moment)

    def notify(self, people, message: str, moment: datetime) -> None:
        """`message` names the case as "\\x00", replaced by its number once it has one."""
        read = moment + timedelta(hours=2 + self.rnd.randrange(48))
        for person in dict.fromkeys(p for p in people if p):
            self.g.notifications.add(recipient_id=person, message=message, url=self.process["key"], created_at=moment,
                                     read_at=read if read < self.now and self.rnd.random() < 0.9 else None)

    def later(self, moment: datetime, low: float, high: float) -> datetime:
        return moment + timedelta(days=low + self.rnd.random() * (high - low))

    def holders(self, role: str, scope: str) -> list[int]:
        if role == "lead":
            return [self.school.lead]
        if role == "director":
            return [self.school.director]
        if role == "methodist":
            return list(self.place.methodists)
        if role == "officer":
            return [self.place.officer]
        if role in ("mentor", "tutor"):
            return list(self.school.mentors)
        return []

    def claimer(self, role: str, scope: str) -> int:
        people = self.holders(role, scope)
        if role == "methodist" and self.place.index == 0:
            return people[0] if self.rnd.random() < 0.7 else people[-1]
        return self.rnd.choice(people)

    # Review steps (`workflows.review`), shared by the flows

    def queue(self, role: str, scope: str) -> dict:
        """The fields of a task offered to everyone holding `role` in the case's `scope`."""
        return dict(owner_permission=f"accounts.act_as_{role}_in_{scope}",
                    owner_permission_content_type_id=self.g.content_types[scope],
                    owner_permission_obj_pk=str(self.place.id if scope == "municipality" else self.school.id),
                    status="NEW")

    def review_task(self, node: str, step: dict, moment: datetime, previous: int, named: int | None):
        """A review step's task as `review_created` leaves it, named or in the queue, with its deadline timer;
        the reviewers are told. Returns (task, timer, due, reviewers)."""
        from workflows.chains import add_working_days

        due = add_working_days(moment, step["deadline_days"]).astimezone(UTC)
        due_text = due.isoformat()
        self.data["due_at"] = due_text
        fields = {"data": {"step": step["code"], "step_title": step["title"], "due_at": due_text}}
        if named:
            fields.update(owner_id=named, status="ASSIGNED")
        else:
            fields.update(self.queue(step["role"], step["reviewer_scope"]))
        human = self.task(node, "HUMAN", moment, previous, **fields)
        timer = self.task(f"{node}__timeout", "TIMER", moment, human, status="SCHEDULED", scheduled=due)
        reviewers = [named] if named else self.holders(step["role"], step["reviewer_scope"])
        self.notify(reviewers, self.g.awaits % {"case": "\x00", "step": step["title"]}, moment)
        return human, timer, due, reviewers

    def advance_round(self, position: int) -> int:
        """An approval moves the round to its next step and forgets who returned the case."""
        position += 1
        self.data["round"]["position"] = position
        self.data.pop("returned_by", None)
        return position

    def decision_moment(self, moment: datetime, deadline_days: int) -> datetime | None:
        """When a reviewer decides: mostly in time, sometimes late, now and then never."""
        if self.rnd.random() < 0.012:
            return NEVER
        if self.rnd.random() < 0.08:
            return self.later(moment, deadline_days * 1.2, deadline_days * 3)
        return self.later(moment, 0.05, deadline_days * 1.2)

    def escalate_if_due(self, step_task: int, timer: int, due: datetime, decided: datetime | None, step_title: str,
                        recipients: list[int]) -> None:
        """The dispatcher fires the step's timer if its deadline passes before the decision (or now): overdue."""
        until = decided if decided is not None and decided < self.now else self.now
        if due > until:
            return
        self.set_task(timer, status="DONE", started=due, finished=due)
        escalate = self.done("escalate", "FUNCTION", due, timer)
        self.done("escalated_end", "END", due, escalate)
        self.event("overdue", due, None, step_task, step_title)
        self.notify(recipients, self.g.overdue_message % {"case": "\x00", "step": step_title}, due)

    def still_open(self, task: int, moment: datetime, decided: datetime | None, named: int | None,
                   taker: int) -> bool:
        """Whether the step is undone now; if so, half of the queue tasks have been claimed meanwhile."""
        if decided is not None and decided <= self.now:
            return False
        if not named:
            claimed = moment + (decided - moment) * self.rnd.uniform(0.1, 0.8) if decided else NEVER
            if claimed is not None and claimed < self.now and self.rnd.random() < 0.5:
                self.set_task(task, owner_id=taker, status="ASSIGNED")
        return True

    def close_review(self, node: str, task: int, timer: int, reviewer: int, decided: datetime) -> int:
        """The reviewer has decided: their task is done, the timer cancelled unless it fired; returns the switch."""
        self.set_task(task, owner_id=reviewer, status="DONE", started=decided, finished=decided)
        if self.task_status(timer) == "SCHEDULED":
            self.set_task(timer, status="CANCELED", finished=decided)
        return self.done(f"after_{node}", "SWITCH", decided, task, started=False)

    def announce(self, kind: str, moment: datetime, reviewer: int, task: int, step_title: str,
                 comment: str = "") -> None:
        """A review decision on the timeline, and the author told (`workflows.services.decide`)."""
        self.event(kind, moment, reviewer, task, step_title, comment)
        self.notify([self.author], self.g.decided % {"case": "\x00", "decision": self.g.kind_display[kind],
                                                     "step": step_title}, moment)


class RouteLife(CaseLife):
    """One route (ИОМ), as `routes.flows.IndividualRouteFlow` runs it."""

    kind = "route"

    def __init__(self, region: Region, school: School, created: datetime):
        super().__init__(region, school, created, region.routes, region.route_history, region.refs, region.flow_ref)
        mentors = [mentor for mentor in school.mentors if mentor != self.author]
        self.mentor = self.rnd.choice(mentors) if mentors and self.rnd.random() < 0.6 else None
        self.activity_keys: list[int] = []
        start = (created + timedelta(days=7 + self.rnd.randrange(14))).date()
        topic = self.rnd.choice(TOPICS)
        self.add_case(
            author_id=self.author, organisation_id=school.id, municipality_id=self.place.id,
            process_id=None, current_step="", assignee_id=None, due_at=None, chain_version=self.place.chain_version,
            chain_steps=self.place.chain_json, created_at=created, updated_at=created, status="draft",
            kind="individual",
            mentor_id=self.mentor, period_start=start, period_end=start + timedelta(days=250 + self.rnd.randrange(30)),
            topic=topic, goals=f"Освоить и применить на уроках: {topic.lower()}",
            expected_product="Методическая разработка серии уроков",
            presentation_level=self.rnd.choice(["school", "municipal", "municipal", "regional", "network"]),
            self_analysis="", product="", presentations="", result="",
        )
        self.amended = False
        self.plan_activities()

    # The process, as routes.flows.IndividualRouteFlow runs it

    def live(self) -> None:
        rnd = self.rnd
        if rnd.random() < 0.04:
            return  # a draft never submitted
        submitted = self.later(self.created, 0.2, 14)
        if submitted > self.now:
            return
        steps = [step for step in self.place.chain if step["stage"] == "agreement"
                 and (step["reviewer_scope"] != "personal" or self.mentor)]
        start = self.start(submitted)
        self.save(submitted, self.author, process_id=self.process["key"], status="agreement")
        self.event("submitted", submitted, self.author)
        outcome, moment, last = self.review_round(steps, submitted, start, "agreement")
        if outcome != "approved":
            return
        agreed = self.done("approve", "FUNCTION", moment, last)
        while True:
            implementation = self.author_task("implementation", moment, agreed, "implementation")
            report_at = datetime.combine(self.case["period_end"], dt_time(10), tzinfo=UTC) - timedelta(
                days=rnd.random() * 20)
            amend_at = self.later(moment, 20, 150) if rnd.random() < 0.04 and not self.amended else None
            self.record_activities(moment, min(report_at, amend_at or report_at))
            if amend_at and amend_at < report_at:
                if amend_at > self.now:
                    return
                outcome, moment, last = self.amend(implementation, amend_at)
                if outcome == "open":
                    return
                agreed = self.done("approve", "FUNCTION", moment, last) if outcome == "approved" else last
                continue
            if rnd.random() < 0.05 or report_at > self.now:
                return  # implementation goes on (or the author never reports)
            break
        self.report(implementation, report_at)
        switch = self.done("after_implementation", "SWITCH", report_at, implementation, started=False)
        evaluation = self.done("start_evaluation", "FUNCTION", report_at, switch)
        steps = [step for step in self.place.chain if step["stage"] == "evaluation"]
        self.data["round"] = {"steps": steps, "position": 0}
        for name in ("decision", "returned_by"):
            self.data.pop(name, None)
        outcome, moment, last = self.review_round(steps, report_at, evaluation, "evaluation")
        if outcome != "approved":
            return
        close = self.done("close", "FUNCTION", moment, last)
        self.event("closed", moment, None)
        self.done("closed_end", "END", moment, close)
        self.end(moment, "closed", None)

    def review_round(self, steps: list[dict], moment: datetime, previous: int, stage: str):
        """Agreement or evaluation steps in order; returns (outcome, moment, last task key)."""
        rnd = self.rnd
        node = "evaluation" if stage == "evaluation" else "agreement"
        self.data["round"] = {"steps": steps, "position": 0}
        position = 0
        returned_by = None
        while position < len(steps):
            step = steps[position]
            named = returned_by or (self.mentor if step["reviewer_scope"] == "personal" else None)
            human, timer, due, candidates = self.review_task(node, step, moment, previous, named)
            if stage == "evaluation":
                status = "evaluation"
            else:
                status = "amendment" if "amendment" in self.data else "agreement"
            self.save(moment, self.author, status=status, current_step=step["title"], assignee_id=named, due_at=due)
            decided = self.decision_moment(moment, step["deadline_days"])
            escalation = self.holders(step["escalation_role"], "") if step["escalation_role"] else []
            self.escalate_if_due(human, timer, due, decided, step["title"], candidates + escalation)
            reviewer = named or self.claimer(step["role"], step["reviewer_scope"])
            if self.still_open(human, moment, decided, named, reviewer):
                return "open", moment, human
            switch = self.close_review(node, human, timer, reviewer, decided)
            moment, previous = decided, switch
            roll = rnd.random()
            if stage == "evaluation":
                decision = "return" if roll < 0.08 else "approve"
            elif step.get("may_reject") and roll < 0.04:
                decision = "reject"
            else:
                decision = "return" if roll < 0.16 else "approve"
            self.data["decision"] = decision
            if decision == "approve":
                position, returned_by = self.advance_round(position), None
                if stage == "evaluation":
                    result = rnd.choices(["completed", "partly", "not_completed"], [80, 15, 5])[0]
                    self.case["result"] = result
                    self.announce("evaluated", decided, reviewer, human, step["title"], self.g.result_labels[result])
                else:
                    self.announce("approved", decided, reviewer, human, step["title"])
                continue
            if decision == "reject":
                self.announce("rejected", decided, reviewer, human, step["title"], "Цели не соответствуют дефицитам")
                if "amendment" in self.data:
                    decline = self.done("decline_amendment", "FUNCTION", decided, switch)
                    self.data.pop("amendment")
                    return "declined", decided, decline
                reject = self.done("reject", "FUNCTION", decided, switch)
                self.done("rejected_end", "END", decided, reject)
                self.end(decided, "rejected", reviewer)
                return "rejected", decided, reject
            # return for revision: the author revises, the same reviewer gets it back
            self.data["returned_by"] = returned_by = reviewer
            self.announce("returned", decided, reviewer, human, step["title"], "Уточните сроки и формы мероприятий")
            revision_node = "report_revision" if stage == "evaluation" else "revision"
            status = "report_returned" if stage == "evaluation" else "returned"
            revision = self.author_task(revision_node, decided, switch, status)
            resubmitted = self.later(decided, 0.3, 10) if rnd.random() > 0.03 else NEVER
            if resubmitted is None or resubmitted > self.now:
                return "open", decided, revision
            self.set_task(revision, status="DONE", started=resubmitted, finished=resubmitted)
            if stage == "evaluation":
                self.event("report", resubmitted, self.author, revision, self.titles(revision_node))
            else:
                self.event("resubmitted", resubmitted, self.author, revision, self.titles(revision_node))
            moment, previous = resubmitted, revision
        return "approved", moment, previous

    def titles(self, node: str) -> str:
        return self.g.titles[node]

    def author_task(self, node: str, moment: datetime, previous: int, status: str):
        key = self.task(node, "HUMAN", moment, previous, status="ASSIGNED", owner_id=self.author,
                        data={"step_title": self.titles(node)})
        self.save(moment, self.author, status=status, current_step=self.titles(node), assignee_id=self.author,
                  due_at=None)
        return key

    def plan_activities(self) -> None:
        start, end = self.case["period_start"], self.case["period_end"]
        span = (end - start).days
        for n in range(3):
            form, title, provider = self.rnd.choice(ACTIVITIES)
            first = start + timedelta(days=self.rnd.randrange(max(span - 30, 1)))
            key = self.g.activities.add(route_id=self.key, form=form, title=title, provider=provider, starts_on=first,
                                        ends_on=min(first + timedelta(days=self.rnd.randrange(1, 20)), end),
                                        expected_result="Сертификат, методические материалы", agreed=False)
            self.activity_keys.append(key)

    def record_activities(self, moment: datetime, until: datetime) -> None:
        """Agreed activities are carried out in implementation; the methodist comments on some."""
        column = self.g.activities.column
        for key in self.activity_keys:
            row = self.g.activities.rows[key]
            row[column("agreed")] = True
            if row[column("done_at")] is not None:
                continue
            done = datetime.combine(row[column("ends_on")], dt_time(15), tzinfo=UTC)
            if done < moment or done > min(until, self.now) or self.rnd.random() < 0.1:
                continue
            row[column("done_at")] = done
            row[column("evidence_link")] = "https://bench.example.org/evidence"
            self.event("activity_done", done, self.author, None, row[column("title")])
            if self.rnd.random() < 0.15:
                comment = self.later(done, 0.5, 5)
                if comment < self.now:
                    text = "Рекомендую представить опыт на заседании ММО"
                    row[column("methodist_comment")] = text
                    self.event("comment", comment, self.place.methodists[0], None, row[column("title")], text)

    def amend(self, implementation: int, moment: datetime):
        self.amended = True
        self.set_task(implementation, status="DONE", started=moment, finished=moment)
        self.event("amendment", moment, self.author, implementation, self.titles("implementation"),
                   "Добавляю стажировку на базе стажировочной площадки")
        first = self.case["period_start"] + timedelta(days=120)
        self.activity_keys.append(self.g.activities.add(
            route_id=self.key, form="internship", title="Стажировка на стажировочной площадке", provider="ИРО",
            starts_on=first, ends_on=min(first + timedelta(days=5), self.case["period_end"]), amendment=1,
            expected_result="Отчёт о стажировке", agreed=False))
        switch = self.done("after_implementation", "SWITCH", moment, implementation, started=False)
        start = self.done("start_amendment", "FUNCTION", moment, switch)
        self.data["amendment"] = 1
        steps = [step for step in self.place.chain if step["stage"] == "agreement" and step["for_amendments"]
                 and (step["reviewer_scope"] != "personal" or self.mentor)]
        outcome, moment, last = self.review_round(steps, moment, start, "agreement")
        if outcome == "approved":
            self.data.pop("amendment", None)
            return "approved", moment, last
        if outcome == "declined":
            self.activity_keys.pop()
            self.g.activities.rows.pop()  # the engine deletes the declined activities
            return "declined", moment, last
        return "open", moment, last

    def report(self, implementation: int, moment: datetime) -> None:
        self.set_task(implementation, status="DONE", started=moment, finished=moment)
        self.case.update(self_analysis="Цели маршрута достигнуты: освоены приёмы, проведены открытые уроки.",
                          product="Серия методических разработок уроков",
                          presentations="Выступление на заседании ММО")
        self.event("report", moment, self.author, implementation, self.titles("implementation"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from viewflow.workflow.models import Task

    from routes.models import IndividualRoute
    from workflows.models import Material

    if connection.vendor != "postgresql":
        print("bench.generate writes with PostgreSQL's COPY: set DATABASE_URL to a PostgreSQL database.",
              file=sys.stderr)
        return 2
    if IndividualRoute.objects.exists() or Material.objects.exists() or Task.objects.exists():
        print("The database already holds cases or tasks: generate into a fresh, migrated database.",
              file=sys.stderr)
        return 2
    print(f"Generating a region: {args.municipalities} municipalities, {args.teachers:,} teachers, "
          f"{args.years} years, ≥ {args.tasks:,} task rows, {args.grants:,} grants of the busy methodist, "
          f"seed {args.seed}", flush=True)
    clock = Clock()
    region = Region(args)
    region.build_places()
    clock.lap("municipalities, organisations, chains (ORM)")
    region.build_people()
    clock.lap("people, role assignments, grants (in memory)")
    region.prepare_flow()
    region.simulate()
    inbox = region.fill_busy_inbox()
    clock.lap(f"{len(region.routes.rows):,} routes, {len(region.materials.rows):,} materials simulated (in memory); "
              f"busy inbox {inbox}")
    print(f"  task rows from materials: {region.material_task_rows:,} of {len(region.tasks.rows):,}", flush=True)
    region.finish_ids()
    clock.lap("ids in the order things happened")
    written = region.write(clock)
    region.analyze()
    clock.lap("VACUUM ANALYZE")
    busy = region.models["User"].objects.get(pk=region.busy)
    print(f"Done in {clock.total:.0f} s. Busy methodist: {busy.username} "
          f"({region.models['UserObjectPermission'].objects.filter(user=busy).count():,} object permissions).")
    print("Rows:")
    for label, count in written.items():
        print(f"  {label:<32} {count:>10,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
