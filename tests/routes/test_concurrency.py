"""Simultaneous actions on one route, on real database connections: two reviewers completing the same
task, twenty clicks on «submit»."""
import threading
import time
from datetime import date

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient
from viewflow.workflow.models import Process

from accounts.models import Role, User
from routes import services
from routes.models import IndividualRoute, RouteActivity
from workflows.models import CaseEvent
from workflows.services import CaseConflict, TaskAlreadyDone, open_tasks
from workflows.tasks import task_list
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.races import at_once

CLICKS = 20


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_at_once_record_exactly_one_decision(school, make_route):
    second_lead = UserFactory(username="lead.a2", organisation=school.organisation)
    RoleAssignmentFactory(user=second_lead, role=Role.LEAD, organisation=school.organisation)
    route = services.submit(make_route(school.teacher), school.teacher)
    outcomes: dict[str, str] = {}
    started = threading.Barrier(3)

    def decide(reviewer, decision, comment):
        started.wait()
        try:
            services.review(route, reviewer, decision, comment)
            outcomes[reviewer.username] = "decided"
        except TaskAlreadyDone:
            outcomes[reviewer.username] = "already done"
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=decide, args=(school.lead, "approve", "")),
               threading.Thread(target=decide, args=(second_lead, "return", "Не согласен"))]
    # Hold the process row so that both reviewers are inside `decide` waiting for it at the same time.
    with transaction.atomic():
        Process.objects.select_for_update().get(pk=route.process_id)
        for thread in threads:
            thread.start()
        started.wait()
        time.sleep(0.5)
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["already done", "decided"]
    decisions = CaseEvent.objects.filter(process_id=route.process_id,
                                         kind__in=[CaseEvent.Kind.APPROVED, CaseEvent.Kind.RETURNED])
    assert decisions.count() == 1


def processes_of(route: IndividualRoute) -> int:
    return Process.objects.filter(artifact_object_id=route.pk, artifact_content_type__model="individualroute").count()


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_submits_of_a_draft_start_one_process_and_the_rest_are_told_it_is_submitted(
        school, make_route):
    draft = make_route(school.teacher)

    def submit(_n):
        services.submit(IndividualRoute.objects.get(pk=draft.pk), User.objects.get(pk=school.teacher.pk))
        return "submitted"

    outcomes = at_once(CLICKS, submit)

    conflicts = [outcome for outcome in outcomes if isinstance(outcome, CaseConflict)]
    assert outcomes.count("submitted") == 1 and len(conflicts) == CLICKS - 1, outcomes
    assert conflicts[0].messages == ["Маршрут уже подан."]
    assert processes_of(draft) == 1
    assert open_tasks(IndividualRoute.objects.get(pk=draft.pk)).count() == 1
    assert task_list(school.lead, "queue").count() == 1
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.SUBMITTED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_submits_through_the_api_answer_one_200_and_nineteen_409(school, make_route):
    draft = make_route(school.teacher)

    def submit(_n):
        client = APIClient()
        client.force_authenticate(User.objects.get(pk=school.teacher.pk))
        response = client.post(f"/api/routes/{draft.pk}/submit/")
        return response.status_code, response.json()

    outcomes = at_once(CLICKS, submit)

    codes = sorted(outcome[0] if isinstance(outcome, tuple) else outcome for outcome in outcomes)
    assert codes == [200] + [409] * (CLICKS - 1), outcomes
    assert {body["detail"] for code, body in outcomes if code == 409} == {"Маршрут уже подан."}
    assert processes_of(draft) == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_resubmits_of_a_returned_route_send_it_back_once(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "return", "Уточните цели")

    def resubmit(_n):
        services.submit(IndividualRoute.objects.get(pk=route.pk), User.objects.get(pk=school.teacher.pk))
        return "resubmitted"

    outcomes = at_once(2, resubmit)

    assert outcomes.count("resubmitted") == 1 and isinstance([o for o in outcomes if o != "resubmitted"][0],
                                                              CaseConflict), outcomes
    assert CaseEvent.objects.filter(process_id=route.process_id, kind=CaseEvent.Kind.RESUBMITTED).count() == 1
    assert [task.owner for task in open_tasks(route)] == [school.lead]


def in_implementation(school, make_route) -> IndividualRoute:
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "approve")
    services.review(route, school.director, "approve")
    return route


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_amendments_start_one_agreement(school, make_route):
    route = in_implementation(school, make_route)

    def amend(n):
        plan = [RouteActivity(form="course", title=f"Стажировка {n}", provider="ЦНППМ", starts_on=date(2026, 11, 2),
                              ends_on=date(2026, 11, 6), expected_result="Отчёт о стажировке")]
        services.propose_amendment(IndividualRoute.objects.get(pk=route.pk), User.objects.get(pk=school.teacher.pk),
                                   "Добавляю стажировку", plan)
        return "proposed"

    outcomes = at_once(2, amend)

    assert outcomes.count("proposed") == 1 and isinstance([o for o in outcomes if o != "proposed"][0],
                                                           CaseConflict), outcomes
    assert route.activities.filter(amendment__gt=0).count() == 1
    assert [task.flow_task.name for task in open_tasks(route)] == ["agreement"]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_final_reports_start_one_evaluation(school, make_route):
    route = in_implementation(school, make_route)

    def report(_n):
        services.submit_report(IndividualRoute.objects.get(pk=route.pk), User.objects.get(pk=school.teacher.pk),
                               "Самоанализ", "Серия уроков", "Семинар ММО")
        return "reported"

    outcomes = at_once(2, report)

    assert outcomes.count("reported") == 1 and isinstance([o for o in outcomes if o != "reported"][0],
                                                           CaseConflict), outcomes
    assert CaseEvent.objects.filter(process_id=route.process_id, kind=CaseEvent.Kind.REPORT).count() == 1
    assert [task.flow_task.name for task in open_tasks(route)] == ["evaluation"]
