"""A site's annual reports through its term, with the clock driven: opened by a timer a month before the
anniversary, accepted; a failed one tells the officers, who revoke the status by an order; an overdue one
tells them too; the site closes at the end of its term."""
from datetime import date, datetime, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.timers import fire_due_timers

from orders.models import Order
from platforms.models import AnnualReport, Site
from platforms.reports import ReportDecision, review_report, revoke_by_order, submit_report
from workflows.models import CaseEvent, Notification
from workflows.services import CaseConflict
from tests.files import pdf, upload
from tests.platforms.register_world import grant, granted_application, world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """Set the installation's clock to a day (noon, local time)."""
    def set_to(day: date) -> None:
        moment = timezone.make_aware(datetime.combine(day, time(12)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
    return set_to


def report_of(site, year: int) -> AnnualReport:
    return site.reports.get(year_of_term=year)


def open_tasks(site) -> list[str]:
    return sorted(task.flow_task.name for task in Task.objects.filter(
        process=site.process, status__in=(STATUS.NEW, STATUS.ASSIGNED), flow_task_type="HUMAN"))


def notified(text: str) -> set[str]:
    return set(Notification.objects.filter(message__contains=text).values_list("recipient__username", flat=True))


def send(site, world, year: int = 1):
    return submit_report(report_of(site, year), world.director, text="Проведены семинары",
                         results="Разработаны методические рекомендации", files=[pdf("отчёт.pdf")])


def test_the_report_opens_by_its_timer_a_month_before_the_anniversary_and_is_accepted(world, clock):
    site = grant(world, granted_application(world, term_years=2))
    clock(date(2027, 7, 31))
    assert fire_due_timers() == 0 and report_of(site, 1).status == AnnualReport.Status.SCHEDULED

    clock(date(2027, 8, 1))
    assert fire_due_timers() == 1

    assert report_of(site, 1).status == AnnualReport.Status.OPEN and open_tasks(site) == ["annual_report"]
    assert notified("нужно сдать до 01.09.2027") == {"director.a"}
    report = send(site, world)
    assert report.status == AnnualReport.Status.SUBMITTED and report.files.get().name == "отчёт.pdf"
    assert open_tasks(site) == ["curator_review"] and notified("ожидает вашего рассмотрения") == {"methodist.m"}

    review_report(report, world.methodist, ReportDecision.ACCEPT)

    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (AnnualReport.Status.ACCEPTED, world.methodist)
    assert open_tasks(site) == []
    timer = Task.objects.get(process=site.process, flow_task_type="TIMER", status=STATUS.SCHEDULED)
    assert timezone.localtime(timer.scheduled).date() == date(2028, 7, 31)  # the next year's report
    kinds = list(CaseEvent.objects.filter(process=site.process).values_list("kind", "actor__username"))
    assert kinds == [(CaseEvent.Kind.REPORT, "director.a"), (CaseEvent.Kind.APPROVED, "methodist.m")]


def test_a_returned_report_goes_back_to_the_director_and_comes_back_to_the_curator(world, clock):
    site = grant(world, granted_application(world))
    clock(date(2027, 8, 10))
    fire_due_timers()
    report = send(site, world)

    with pytest.raises(ValidationError) as no_comment:
        review_report(report, world.methodist, ReportDecision.RETURN, " ")
    assert "comment" in no_comment.value.message_dict
    review_report(report, world.methodist, ReportDecision.RETURN, "Добавьте результаты диагностики")

    assert report_of(site, 1).status == AnnualReport.Status.RETURNED and open_tasks(site) == ["annual_report"]
    send(site, world)
    assert open_tasks(site) == ["curator_review"]


def test_a_failed_report_tells_the_officers_who_revoke_the_status_by_an_order(world, clock):
    site = grant(world, granted_application(world))
    clock(date(2027, 8, 10))
    fire_due_timers()
    report = send(site, world)

    review_report(report, world.methodist, ReportDecision.FAIL, "Проект не реализуется.")

    assert report_of(site, 1).status == AnnualReport.Status.FAILED
    assert notified("Куратор не принял") == {"officer.m"}
    with pytest.raises(PermissionDenied):
        revoke_by_order(site, world.methodist, reason="Отчёт не принят")
    with pytest.raises(ValidationError):
        revoke_by_order(site, world.officer, reason="")

    revoke_by_order(site, world.officer, reason="Отчёт за первый год не принят куратором")

    site.refresh_from_db()
    assert site.status == Site.Status.REVOKED
    order = site.revoked_by
    assert order.is_signed and order.subject == Order.Subject.SITE_REVOCATION
    assert order.items.get().record == site
    assert site.process.status == PROCESS.CANCELED and open_tasks(site) == []
    assert fire_due_timers() == 0
    with pytest.raises(CaseConflict):
        revoke_by_order(site, world.officer, reason="Ещё раз")


def test_an_overdue_report_is_marked_and_tells_the_officers_once(world, clock):
    site = grant(world, granted_application(world))
    clock(date(2027, 8, 10))
    fire_due_timers()
    clock(date(2027, 9, 1))
    assert fire_due_timers() == 0  # due on the anniversary itself

    clock(date(2027, 9, 2))
    assert fire_due_timers() == 1

    assert report_of(site, 1).status == AnnualReport.Status.OVERDUE
    assert notified("просрочен") == {"officer.m"}
    assert CaseEvent.objects.filter(process=site.process, kind=CaseEvent.Kind.OVERDUE).count() == 1
    send(site, world)  # still sent late
    assert report_of(site, 1).status == AnnualReport.Status.SUBMITTED
    review_report(report_of(site, 1), world.methodist, ReportDecision.RETURN, "Добавьте цифры")
    fire_due_timers()  # the returned report's due date has long passed: the officers were told already
    assert len(Notification.objects.filter(message__contains="просрочен")) == 1
    assert report_of(site, 1).status == AnnualReport.Status.RETURNED


def test_the_site_closes_at_the_end_of_its_term(world, clock):
    site = grant(world, granted_application(world, term_years=1))
    assert site.ends_on == date(2027, 8, 31)
    clock(date(2027, 8, 1))
    fire_due_timers()
    review_report(send(site, world), world.methodist, ReportDecision.ACCEPT)
    clock(date(2027, 8, 31))
    assert fire_due_timers() == 0

    clock(date(2027, 9, 1))
    assert fire_due_timers() == 1

    site.refresh_from_db()
    assert site.status == Site.Status.CLOSED and site.process.status == PROCESS.DONE


def test_an_extended_site_stays_extended_at_the_end_of_its_term(world, clock):
    old = grant(world, granted_application(world, term_years=1))
    grant(world, granted_application(world, extends=old), number="55-од", starts_on=date(2027, 9, 1))
    clock(date(2027, 8, 1))
    fire_due_timers()
    review_report(send(old, world), world.methodist, ReportDecision.ACCEPT)
    clock(date(2027, 9, 1))
    fire_due_timers()

    old.refresh_from_db()
    assert old.status == Site.Status.EXTENDED and old.process.status == PROCESS.DONE


def test_only_the_director_sends_and_only_the_curator_reviews(world, clock):
    site = grant(world, granted_application(world))
    clock(date(2027, 8, 10))
    fire_due_timers()
    report = report_of(site, 1)

    for outsider in (world.other_director, world.methodist, world.officer, world.auditor):
        with pytest.raises(PermissionDenied):
            submit_report(report, outsider, text="Текст", results="Итоги")
    with pytest.raises(ValidationError) as bad:
        submit_report(report, world.director, text=" ", results="", files=[upload("script.html.pdf", b"<html>")])
    assert set(bad.value.message_dict) == {"text", "results", "files"}
    assert report_of(site, 1).status == AnnualReport.Status.OPEN
    report = send(site, world)
    for outsider in (world.other_methodist, world.officer, world.director):
        with pytest.raises(PermissionDenied):
            review_report(report, outsider, ReportDecision.ACCEPT)
    review_report(report, world.methodist, ReportDecision.ACCEPT)
    with pytest.raises(CaseConflict):
        review_report(report, world.methodist, ReportDecision.ACCEPT)
    with pytest.raises(CaseConflict):
        send(site, world)
