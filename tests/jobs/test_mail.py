"""E-mail of notices as jobs on the database queue: written with the decision, sent once, retried."""
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from jobs.worker import Worker, claim_next, run_pending
from routes import services
from tests.jobs.conftest import mail_jobs
from tests.races import at_once
from workflows.mail import requeue_stalled_mail, retry_delay, send_notice
from workflows.models import Notification
from workflows.notifications import notify

Mail = Notification.Mail


class RolledBack(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_decision_whose_transaction_rolls_back_queues_no_mail(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    notices, jobs = Notification.objects.count(), mail_jobs().count()
    assert jobs == notices == 1  # the lead, told that the route awaits them

    with pytest.raises(RolledBack), transaction.atomic():
        services.review(route, school.lead, "approve")
        assert mail_jobs().count() > jobs  # the director and the author, inside the decision's transaction
        raise RolledBack

    assert (Notification.objects.count(), mail_jobs().count()) == (notices, jobs)
    services.review(route, school.lead, "approve")
    queued = set(Notification.objects.filter(mail_status=Mail.PENDING).values_list("recipient__username", flat=True))
    assert queued == {"lead.a", "director.a", "teacher.a"}
    assert mail_jobs().count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_refusing_three_times_then_accepting_delivers_the_notice_once(settings, school, flaky_mail):
    settings.MAIL_RETRY_SECONDS = 0  # the waits themselves: test_a_failed_attempt_is_retried_later
    settings.SITE_URL = "https://imc.example.org/"
    flaky_mail.refusals = 3
    mail.outbox.clear()
    notify([school.lead], "ИОМ-2026-000001 ожидает вашего решения", "/routes/1/")

    assert at_once(1, lambda _n: Worker(worker_id="worker-1", batch=True, schedule=False).run()) == [None]

    assert flaky_mail.attempts == 4
    assert [message.to for message in mail.outbox] == [["lead.a@example.org"]]
    assert mail.outbox[0].subject == "ИОМ-2026-000001 ожидает вашего решения"
    assert "https://imc.example.org/routes/1/" in mail.outbox[0].body
    notice = Notification.objects.get()
    assert (notice.mail_status, notice.mail_attempts, notice.mail_error) == (Mail.SENT, 4, "")
    assert notice.mailed_at is not None
    outcomes = list(mail_jobs().order_by("enqueued_at").values_list("status", "return_value"))
    assert [status for status, _value in outcomes] == [TaskResultStatus.SUCCESSFUL] * 4
    assert [value.split(",")[0] for _status, value in outcomes] == [
        "attempt 1 failed", "attempt 2 failed", "attempt 3 failed", "sent"]


@pytest.mark.django_db
def test_a_failed_attempt_is_retried_later_with_doubling_waits(settings, school, flaky_mail):
    settings.MAIL_RETRY_SECONDS, settings.MAIL_RETRY_MAX_SECONDS = 30, 3600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 8, 40)] == [30, 60, 120, 1920, 3600, 3600]
    flaky_mail.refusals = 1
    notify([school.lead], "Напоминание")
    started = timezone.now()

    assert run_pending() == 1  # the retry waits for its time

    notice = Notification.objects.get()
    assert notice.mail_status == Mail.PENDING and notice.mail_attempts == 1
    assert "SMTPServerDisconnected" in notice.mail_error
    retry = mail_jobs().get(status=TaskResultStatus.READY)
    assert timedelta(seconds=29) < retry.run_after - started < timedelta(seconds=31)
    assert retry.run_after == notice.mail_due_at


@pytest.mark.django_db
def test_a_notice_gives_up_after_the_last_attempt_and_stays_in_the_bell(settings, school, flaky_mail):
    settings.MAIL_RETRY_SECONDS, settings.MAIL_MAX_ATTEMPTS = 0, 2
    flaky_mail.refusals = 10
    notify([school.lead], "Напоминание")

    assert run_pending() == 2

    notice = Notification.objects.get()
    assert (notice.mail_status, notice.mail_attempts, notice.read_at) == (Mail.FAILED, 2, None)
    assert not mail_jobs().filter(status=TaskResultStatus.READY).exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_at_once_deliver_each_notice_once(settings, school):
    settings.EMAIL_BACKEND = "tests.jobs.mailservers.SlowBackend"
    mail.outbox.clear()
    people = [school.lead, school.director, school.teacher, school.mentor, school.methodist]
    for number in range(8):
        notify(people, f"Случай {number}")
    notices = list(Notification.objects.values_list("pk", flat=True))
    for pk in notices:  # a second job for every notice, as when a stalled one is queued again
        send_notice.enqueue(pk)

    assert at_once(2, lambda n: Worker(worker_id=f"worker-{n}", batch=True, schedule=False).run()) == [None, None]

    assert len(notices) == 40 and len(mail.outbox) == 40
    assert sorted((message.to[0], message.subject) for message in mail.outbox) == sorted(
        (f"{person.username}@example.org", f"Случай {number}") for number in range(8) for person in people)
    assert set(Notification.objects.values_list("mail_status", flat=True)) == {Mail.SENT}
    claims = list(mail_jobs().values_list("worker_ids", flat=True))
    assert len(claims) == 80 and all(len(ids) == 1 for ids in claims)  # no job claimed twice
    assert {ids[0] for ids in claims} == {"worker-0", "worker-1"}


@pytest.mark.django_db
def test_workers_claim_jobs_with_skip_locked(school):
    notify([school.lead], "Напоминание")

    with CaptureQueriesContext(connection) as queries:
        job = claim_next("worker-1")

    assert job is not None and job.worker_ids == ["worker-1"]
    assert any("FOR UPDATE SKIP LOCKED" in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_a_notice_whose_worker_died_is_queued_again_and_sent_once(settings, school):
    settings.MAIL_STALL_SECONDS = 60
    mail.outbox.clear()
    notify([school.lead, school.director], "Напоминание")
    lost = claim_next("killed-worker")  # claimed, then the worker was killed before it sent anything
    Notification.objects.update(mail_due_at=timezone.now() - timedelta(minutes=5))

    assert requeue_stalled_mail.call() == 2
    assert requeue_stalled_mail.call() == 0  # due again from now
    run_pending()

    assert sorted(message.to[0] for message in mail.outbox) == ["director.a@example.org", "lead.a@example.org"]
    assert mail_jobs().get(pk=lost.pk).status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_person_without_an_address_gets_the_notice_without_a_mail_job(school):
    school.lead.email = ""
    school.lead.save()

    notify([school.lead, school.director], "Напоминание")

    assert dict(Notification.objects.values_list("recipient__username", "mail_status")) == {
        "lead.a": Mail.NONE, "director.a": Mail.PENDING}
    assert mail_jobs().count() == 1
