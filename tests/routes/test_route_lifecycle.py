from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from accounts.models import Role
from jobs.worker import run_pending
from routes import services
from routes.models import IndividualRoute, RouteActivity
from workflows.chains import chain_for
from workflows.models import CaseEvent, ChainStep, Notification
from routes.types import ROUTE
from workflows.services import claim
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = IndividualRoute.Status


def timeline(route: IndividualRoute) -> list[tuple[str, str]]:
    return [(event.kind, event.actor.username if event.actor else "")
            for event in CaseEvent.objects.filter(process_id=route.process_id)]


def current_task(route: IndividualRoute) -> Task:
    return services.active_task(route, "agreement", "evaluation", "revision", "implementation", "report_revision")


def test_the_whole_lifecycle_with_a_return_at_every_step(school, make_route):
    route = make_route(school.teacher, mentor=school.mentor)
    route = services.submit(route, school.teacher)
    assert route.number.startswith("ИОМ-")
    assert route.status == Status.AGREEMENT and route.assignee == school.mentor

    for reviewer in (school.mentor, school.lead, school.director):
        services.review(route, reviewer, "return", "Уточните сроки мероприятий")
        route.refresh_from_db()
        assert route.status == Status.RETURNED and route.assignee == school.teacher
        services.submit(route, school.teacher)
        route.refresh_from_db()
        assert route.status == Status.AGREEMENT
        assert current_task(route).owner == reviewer
        services.review(route, reviewer, "approve")
        route.refresh_from_db()

    assert route.status == Status.IMPLEMENTATION
    assert all(route.activities.values_list("agreed", flat=True))

    activity = route.activities.first()
    services.record_activity_done(activity, school.teacher,
                                  evidence=SimpleUploadedFile("certificate.pdf", b"%PDF-1.4 test"))
    activity.refresh_from_db()
    assert activity.is_done and "certificate" in activity.evidence.name

    services.submit_report(route, school.teacher, "Самоанализ", "Серия уроков", "Выступление на ММО")
    route.refresh_from_db()
    assert route.status == Status.EVALUATION
    services.evaluate(route, school.lead, "return", "Добавьте ссылки на выступления")
    route.refresh_from_db()
    assert route.status == Status.REPORT_RETURNED
    services.submit_report(route, school.teacher, "Самоанализ", "Серия уроков", "Выступление на ММО, ссылка")
    services.evaluate(route, school.lead, "completed", "Маршрут выполнен")
    route.refresh_from_db()

    assert route.status == Status.CLOSED and route.result == "completed"
    assert route.process.status == PROCESS.DONE
    kinds = [kind for kind, _ in timeline(route)]
    assert kinds == [
        "submitted",
        "returned", "resubmitted", "approved",
        "returned", "resubmitted", "approved",
        "returned", "resubmitted", "approved",
        "activity_done", "report", "returned", "report", "evaluated", "closed",
    ]
    assert ("returned", "lead.a") in timeline(route)


def test_a_returned_route_goes_back_to_the_reviewer_who_returned_it(school, make_route):
    second_lead = UserFactory(username="lead.a2", organisation=school.organisation)
    RoleAssignmentFactory(user=second_lead, role=Role.LEAD, organisation=school.organisation)
    route = services.submit(make_route(school.teacher), school.teacher)
    task = current_task(route)
    assert set(Task.objects.queue([type(task.flow_task.flow_class.instance)], school.lead)) == {task}
    assert set(Task.objects.queue([type(task.flow_task.flow_class.instance)], second_lead)) == {task}

    claim(task, second_lead)
    services.review(route, second_lead, "return", "Не указаны дефициты")
    services.submit(route, school.teacher)

    task = current_task(route)
    assert task.owner == second_lead and task.status == STATUS.ASSIGNED
    assert not Task.objects.queue([type(task.flow_task.flow_class.instance)], school.lead).exists()


def test_without_a_mentor_the_route_goes_straight_to_the_school_lead(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)

    task = current_task(route)
    assert task.data["step"] == "lead_agreement"
    assert task.owner is None and task.owner_permission == "accounts.act_as_lead_in_organisation"


def test_the_director_may_reject_and_the_route_ends(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "approve")

    services.review(route, school.director, "reject", "Тема не соответствует плану школы")

    route.refresh_from_db()
    assert route.status == Status.REJECTED and route.current_step == ""
    assert route.process.status == PROCESS.DONE
    assert timeline(route)[-1] == ("rejected", "director.a")


def test_a_step_that_may_not_reject_refuses_a_rejection(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)

    with pytest.raises(ValidationError, match="не может отклонить"):
        services.review(route, school.lead, "reject", "Нет")


@pytest.mark.parametrize("decision", ["return", "reject"])
def test_return_and_reject_require_a_comment(school, make_route, decision):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "approve")

    with pytest.raises(ValidationError, match="комментарий"):
        services.review(route, school.director, decision, "   ")
    assert current_task(route).status == STATUS.NEW  # nothing happened


def test_people_outside_the_scope_cannot_decide(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)

    for outsider in (school.other_lead, school.director, school.auditor, school.teacher):
        with pytest.raises(PermissionDenied):
            services.review(route, outsider, "approve")
    assert current_task(route).status == STATUS.NEW


def test_an_amendment_re_enters_agreement_for_the_new_activities(school, make_route):
    route = services.submit(make_route(school.teacher, mentor=school.mentor), school.teacher)
    for reviewer in (school.mentor, school.lead, school.director):
        services.review(route, reviewer, "approve")

    extra = RouteActivity(form="open_lesson", title="Открытый урок", starts_on=date(2027, 2, 1),
                          ends_on=date(2027, 2, 1))
    services.propose_amendment(route, school.teacher, "Добавляю открытый урок", [extra])
    route.refresh_from_db()
    assert route.status == Status.AMENDMENT
    assert not RouteActivity.objects.get(pk=extra.pk).agreed

    for reviewer in (school.mentor, school.lead, school.director):
        services.review(route, reviewer, "approve")
    route.refresh_from_db()

    assert route.status == Status.IMPLEMENTATION
    assert RouteActivity.objects.get(pk=extra.pk).agreed
    assert "amendment" in [kind for kind, _ in timeline(route)]


def test_a_rejected_amendment_drops_its_activities_and_implementation_goes_on(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "approve")
    services.review(route, school.director, "approve")
    extra = RouteActivity(form="webinar", title="Вебинар", starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 1))
    services.propose_amendment(route, school.teacher, "Вебинар вместо курсов", [extra])
    services.review(route, school.lead, "approve")

    services.review(route, school.director, "reject", "Курсы обязательны")

    route.refresh_from_db()
    assert route.status == Status.IMPLEMENTATION
    assert not RouteActivity.objects.filter(pk=extra.pk).exists()
    assert route.activities.count() == 2


def test_a_running_route_keeps_its_chain_when_the_chain_changes(school, make_route):
    running = services.submit(make_route(school.teacher), school.teacher)
    chain = chain_for(school.organisation.municipality, ROUTE.key)

    ChainStep.objects.filter(chain=chain, code="lead_agreement").delete()
    later = services.submit(make_route(school.teacher), school.teacher)

    assert current_task(running).data["step"] == "lead_agreement"
    assert current_task(later).data["step"] == "director_approval"
    assert later.chain_version > running.chain_version


def test_every_decision_notifies_whoever_acts_next(school, make_route):
    mail.outbox.clear()
    route = services.submit(make_route(school.teacher), school.teacher)

    assert Notification.objects.filter(recipient=school.lead, url=route.get_absolute_url()).exists()
    assert not Notification.objects.filter(recipient=school.other_lead).exists()
    assert not mail.outbox  # queued with the decision, sent by a worker
    run_pending()
    assert any("lead.a@example.org" in message.to for message in mail.outbox)

    services.review(route, school.lead, "return", "Дополните цели")
    assert Notification.objects.filter(recipient=school.teacher).exists()


def test_an_overdue_step_notifies_the_reviewer_and_the_escalation_role(school, make_route):
    from viewflow.workflow.timers import fire_due_timers

    route = services.submit(make_route(school.teacher), school.teacher)
    timer = Task.objects.get(process_id=route.process_id, flow_task_type="TIMER", status=STATUS.SCHEDULED)
    assert timer.scheduled == route.due_at
    Task.objects.filter(pk=timer.pk).update(scheduled=route.due_at - timedelta(days=30))
    Notification.objects.all().delete()

    assert fire_due_timers() == 1

    route.refresh_from_db()
    assert route.is_overdue is False  # the due date is still ahead; the timer was moved for the test
    assert CaseEvent.objects.filter(process_id=route.process_id, kind=CaseEvent.Kind.OVERDUE).exists()
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == {"lead.a", "director.a"}
    assert current_task(route).status == STATUS.NEW  # the step stays open


def test_a_route_needs_activities_within_its_period(school, make_route):
    route = make_route(school.teacher)
    outside = RouteActivity(form="seminar", title="Семинар", starts_on=date(2025, 1, 10), ends_on=date(2025, 1, 10))

    with pytest.raises(ValidationError, match="вне периода"):
        services.save_draft(route, school.teacher, activities=[outside])
    with pytest.raises(ValidationError, match="хотя бы одно мероприятие"):
        services.save_draft(route, school.teacher, activities=[])
    assert route.activities.count() == 2  # nothing entered before is lost


def test_an_overdue_step_of_a_named_reviewer_notifies_them_and_the_escalation_role(school, make_route):
    from viewflow.workflow.timers import fire_due_timers

    route = services.submit(make_route(school.teacher, mentor=school.mentor), school.teacher)
    step = route.chain_steps[0]
    assert step["reviewer_scope"] == "personal"
    Task.objects.filter(process_id=route.process_id, flow_task_type="TIMER", status=STATUS.SCHEDULED).update(
        scheduled=timezone.now() - timedelta(minutes=1))
    Notification.objects.all().delete()

    assert fire_due_timers() == 1

    overdue = CaseEvent.objects.get(process_id=route.process_id, kind=CaseEvent.Kind.OVERDUE)
    assert overdue.task == current_task(route)  # the step that is late, not its timer
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    escalation = {"lead.a"} if step.get("escalation_role") == "lead" else set()
    assert notified == {"mentor.a"} | escalation
