"""Throughput of the flow engine: complete ИОМ lifecycles through `routes.services` next to a bare
Viewflow flow of the same shape (`bench.flows.BareApprovalFlow`), and the statements each one runs."""
from __future__ import annotations

import gc
import time
from datetime import timedelta

from .measure import count_queries


def lifecycle_people():
    """A school of its own in a municipality whose chain is the default one (lead, director; evaluation)."""
    from django.utils import timezone

    from accounts.history import acting_as
    from accounts.models import Municipality, Organisation, Role, RoleAssignment, User
    from workflows.chains import chain_for
    from routes.types import ROUTE

    with acting_as(None):
        for municipality in Municipality.objects.order_by("pk"):
            codes = [step.code for step in chain_for(municipality, ROUTE.key).steps.order_by("order")]
            if codes == ["mentor_agreement", "lead_agreement", "director_approval", "evaluation"]:
                break
        else:
            raise SystemExit("No municipality with the default route chain.")
        school, _created = Organisation.objects.get_or_create(
            municipality=municipality, short_name="Школа бенчмарка",
            defaults={"name": "Школа бенчмарка пропускной способности", "kind": Organisation.Kind.SCHOOL})
        people = {}
        for role in (Role.TEACHER, Role.LEAD, Role.DIRECTOR):
            user, created = User.objects.get_or_create(username=f"bench.{role.value}.{school.pk}",
                                                       defaults={"organisation": school, "last_name": role.label})
            if created:
                RoleAssignment.objects.create(user=user, role=role, organisation=school,
                                              valid_from=timezone.localdate() - timedelta(days=1))
            people[role.value] = user
    return people


def as_request_user(user):
    """The acting person read afresh, as each request reads it: nothing cached on the object carries over."""
    return type(user).objects.get(pk=user.pk)


def route_lifecycle(people, number: int) -> None:
    from django.utils import timezone

    from routes import services
    from routes.models import IndividualRoute, RouteActivity

    teacher, lead, director = people["teacher"], people["lead"], people["director"]
    today = timezone.localdate()
    route = IndividualRoute(period_start=today, period_end=today + timedelta(days=270),
                            topic=f"Функциональная грамотность {number}", goals="Освоить приёмы смыслового чтения",
                            expected_product="Серия уроков", presentation_level="municipal")
    activity = RouteActivity(form="course", title="Курсы повышения квалификации", provider="ЦНППМ",
                             starts_on=today + timedelta(days=10), ends_on=today + timedelta(days=20))
    route = services.save_draft(route, as_request_user(teacher), activities=[activity])
    route = services.submit(route, as_request_user(teacher))
    services.review(route, as_request_user(lead), "approve")
    services.review(route, as_request_user(director), "approve")
    route.refresh_from_db()
    services.record_activity_done(route.activities.get(), as_request_user(teacher),
                                  link="https://bench.example.org/certificate")
    services.submit_report(route, as_request_user(teacher), "Самоанализ", "Серия уроков", "Выступление на ММО")
    services.evaluate(route, as_request_user(lead), "completed")
    route.refresh_from_db()
    if route.status != IndividualRoute.Status.CLOSED:
        raise SystemExit(f"The benchmark route ended in {route.status}, not closed.")


def bare_lifecycle(approver) -> None:
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from .flows import BareApprovalFlow

    process = BareApprovalFlow.start.run(approver=approver)
    for _step in range(3):
        user = as_request_user(approver)
        task = Task.objects.get(process_id=process.pk, status=STATUS.ASSIGNED)
        with task.activation() as activation:
            if not activation.flow_task.can_execute(user, task):
                raise SystemExit("The bare flow's task is not the approver's.")
            activation.start(None)
            activation.execute()
    process.refresh_from_db()
    if process.status != "DONE":
        raise SystemExit("The bare flow did not finish.")


def throughput(call, count: int) -> float:
    from django.core import mail

    for number in range(2):
        call(-1 - number)
    gc.collect()
    started = time.perf_counter()
    for number in range(count):
        call(number)
        mail.outbox = []
    return count / (time.perf_counter() - started)


def engine_figures(args) -> dict:
    from django.core import mail

    people = lifecycle_people()
    mail.outbox = []
    route_rate = throughput(lambda n: route_lifecycle(people, n), args.lifecycles)
    bare_rate = throughput(lambda n: bare_lifecycle(people["lead"]), args.bare)
    route_sql = count_queries(lambda: route_lifecycle(people, 0))
    bare_sql = count_queries(lambda: bare_lifecycle(people["lead"]))
    return {"route_per_s": route_rate, "bare_per_s": bare_rate, "route_sql": route_sql, "bare_sql": bare_sql,
            "ratio": route_rate / bare_rate}
