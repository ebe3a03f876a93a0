"""Periodic jobs: Viewflow's timers fired once by several dispatchers, reminders before a step is due,
the schedule queued once by several workers."""
import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from jobs import deadlines
from jobs.deadlines import fire_timers, remind_due_steps
from jobs.models import DeadlineReminder, PeriodicJob
from jobs.schedule import queue_due, schedule
from routes import services
from tests.races import at_once
from workflows.models import CaseEvent, Notification


@pytest.mark.django_db(transaction=True)
def test_two_timer_dispatchers_at_once_fire_each_timer_once(school, make_route):
    routes = [services.submit(make_route(author), author) for author in (school.teacher, school.other_teacher)]
    processes = [route.process_id for route in routes]
    Task.objects.filter(process_id__in=processes, flow_task_type="TIMER", status=STATUS.SCHEDULED).update(
        scheduled=timezone.now() - timedelta(minutes=1))
    fired: list = []
    dispatchers = threading.Thread(target=lambda: fired.extend(at_once(2, lambda _n: fire_timers.call())))
    # Both dispatchers read the due timers, then wait together for the first flow's row lock.
    with transaction.atomic():
        list(Process.objects.select_for_update().filter(pk__in=processes))
        dispatchers.start()
        time.sleep(1)
    dispatchers.join(timeout=60)

    assert len(fired) == 2 and sum(fired) == 2
    for process in processes:
        assert CaseEvent.objects.filter(process_id=process, kind=CaseEvent.Kind.OVERDUE).count() == 1
        assert Task.objects.filter(process_id=process, flow_task_type="TIMER", status=STATUS.DONE).count() == 1


@pytest.mark.django_db
def test_a_step_due_soon_reminds_its_reviewers_once(settings, school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    Notification.objects.all().delete()
    settings.DEADLINE_REMINDER_DAYS = 0
    assert remind_due_steps.call() == 0  # not due within the day

    settings.DEADLINE_REMINDER_DAYS = 30
    assert remind_due_steps.call() == 1
    assert remind_due_steps.call() == 0

    reminder = Notification.objects.get()
    assert reminder.recipient == school.lead
    assert reminder.message.startswith(f"{route.number}: ")
    assert reminder.url == route.get_absolute_url()
    assert DeadlineReminder.objects.get().task.data["step"] == "lead_agreement"


@pytest.mark.django_db
def test_a_reminder_that_fails_holds_up_no_other_and_is_tried_again(settings, monkeypatch, school, make_route):
    broken, working = (services.submit(make_route(author), author) for author in (school.teacher, school.other_teacher))
    settings.DEADLINE_REMINDER_DAYS = 30
    real_remind = deadlines.remind

    def remind(step):
        if step.process_id == broken.process_id:
            raise RuntimeError("a broken case")
        real_remind(step)

    monkeypatch.setattr(deadlines, "remind", remind)
    assert remind_due_steps.call() == 1
    assert list(DeadlineReminder.objects.values_list("task__process_id", flat=True)) == [working.process_id]

    monkeypatch.setattr(deadlines, "remind", real_remind)
    assert remind_due_steps.call() == 1


@pytest.mark.django_db
def test_a_step_already_overdue_gets_no_reminder(settings, school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    task = Task.objects.get(process_id=route.process_id, status=STATUS.NEW, flow_task_type="HUMAN")
    task.data = {**task.data, "due_at": (timezone.now() - timedelta(hours=1)).isoformat()}
    task.save()
    settings.DEADLINE_REMINDER_DAYS = 30

    assert remind_due_steps.call() == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_queue_each_periodic_job_once():
    queued = at_once(2, lambda _n: queue_due())

    names = sorted(name for each in queued for name in each)
    assert names == sorted(entry.name for entry in schedule())
    assert DBTaskResult.objects.count() == len(names)
    assert queue_due() == []
    rebuild = PeriodicJob.objects.get(name="rebuild_grants")
    assert timezone.localtime(rebuild.next_run_at).hour == 3
    two_minutes_on = queue_due(timezone.now() + timedelta(minutes=2))
    assert "fire_timers" in two_minutes_on and "rebuild_grants" not in two_minutes_on


@pytest.mark.django_db
def test_dispatch_timers_fires_the_due_timers_at_once(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    Task.objects.filter(process_id=route.process_id, flow_task_type="TIMER").update(
        scheduled=timezone.now() - timedelta(minutes=1))
    out = StringIO()

    call_command("dispatch_timers", stdout=out)

    assert out.getvalue().strip() == "Сработало таймеров: 1."
    assert CaseEvent.objects.filter(process_id=route.process_id, kind=CaseEvent.Kind.OVERDUE).count() == 1
