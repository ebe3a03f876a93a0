"""The synthetic region: places, people and grants, then cases simulated until the task target is met."""
from __future__ import annotations

import argparse
import random
import sys
from datetime import date, datetime, timedelta
from datetime import time as dt_time

from .materials import MaterialFlowFacts, MaterialLife
from .places import Place, School
from .routes import RouteLife
from .vocabulary import FIRST_NAMES, LAST_NAMES, PATRONYMICS, SUBJECTS, UTC
from .writing import RegionWriting


class Region(RegionWriting):
    """Builds the region's rows; `simulate` adds routes until the task target is met."""

    def __init__(self, args: argparse.Namespace):
        from django.db import connection
        from django.utils import timezone

        from accounts.models import Municipality, Organisation, Region as RegionModel, RoleAssignment, User
        from guardian.models import UserObjectPermission
        from routes.models import IndividualRoute, RouteActivity
        from viewflow.workflow.models import Process, Task
        from workflows.models import CaseEvent, Notification
        from materials.models import Material, MaterialFile
        from scoring.models import ExpertAssignment, Review

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
        from workflows.models import ChainStep, ReviewerScope
        from routes.types import ROUTE

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
                chain = chain_for(municipality, ROUTE.key)
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
        from scoring.services import criteria, expertise_rules
        from materials.types import MATERIAL

        from .copy import dumps

        chain = chain_for(municipality, MATERIAL.key)
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
        self.material_flow = MaterialFlowFacts.load(self)

    def simulate(self) -> None:
        """Add cases, each created at a random moment of the window, until the task rows reach the target:
        a material whenever materials have less than their share of the rows, a route otherwise."""
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

