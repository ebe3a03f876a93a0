"""The term of a site in the register, as a Viewflow flow (domain.md §2.4; [002:232,246]).

For every year of the term the site reports: a month before the anniversary a timer opens the report
for the organisation's director (due on the anniversary; when it passes, the department's officers are
told), the curator accepts, returns (the director revises) or fails it (the officers are told, and may
revoke the status by an order: `platforms.register.revoke_site` ends this process). After the last year
a timer at the end of the term closes the site, unless an extension continues it.
"""
from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow import this
from viewflow.workflow import flow, lock

from accounts.grants import role_grant
from accounts.models import Role, RoleAssignment, Scope, User
from workflows.models import CaseEvent
from workflows.nodes import task_redirect
from workflows.notifications import notify

from .models import AnnualReport, Site, SiteProcess


def start_of(day: date) -> datetime:
    """The moment a day begins in the installation's time zone: when a timer set «on» that day fires."""
    return timezone.make_aware(datetime.combine(day, time.min))


def site_of(process) -> Site:
    return process.artifact


def current_report(process) -> AnnualReport:
    return AnnualReport.objects.get(pk=process.data["report"])


def officers_of(site: Site):
    return RoleAssignment.objects.holders(Role.OFFICER, Scope.MUNICIPALITY, site.municipality)


def tell_officers(site: Site, message: str) -> None:
    """The department hears of a report overdue or not accepted, with the why: it may revoke the status."""
    notify(officers_of(site), message, site.get_absolute_url())


class QueueStep(flow.View):
    """A human step whose queue permission and object are flow methods, resolved per process."""

    def _resolve(self, instance) -> None:
        super()._resolve(instance)
        self._owner_permission = this.resolve(instance, self._owner_permission)
        self._owner_permission_obj = this.resolve(instance, self._owner_permission_obj)


class SiteFlow(flow.Flow):
    """A site's term: an annual report each year, opened by a timer a month before the anniversary and
    reviewed by the curator; closing at the end of the term. `Site.process` names it."""

    process_class = SiteProcess
    process_title = gettext_lazy("Term of a site")
    lock_impl = lock.SelectForUpdateLock(nowait=False, attempts=1)

    start = flow.StartHandle(this.entered).Annotation(title=gettext_lazy("Entry in the register")).Next(this.plan)
    plan = (flow.Switch().Annotation(title=gettext_lazy("Next year of the term"))
            .Case(this.wait_report, this.has_report_ahead).Default(this.wait_term_end))
    wait_report = (flow.Timer(this.report_opens).Annotation(title=gettext_lazy("A month before the anniversary"))
                   .Next(this.open_report))
    open_report = flow.Function(this.report_opened).Annotation(title=gettext_lazy("Report opened")).Next(
        this.annual_report)
    annual_report = (
        QueueStep(task_redirect)
        .Annotation(title=gettext_lazy("Annual report of the site"))
        .Permission(this.director_permission, obj=this.organisation_of)
        .onCreate(this.report_task_created)
        .OnTimeout(this.report_due, this.overdue, interrupting=False, title=gettext_lazy("Due date of the report"))
        .Next(this.curator_review)
    )
    curator_review = (
        flow.View(task_redirect).Annotation(title=gettext_lazy("Review of the report by the curator"))
        .Assign(this.curator).onCreate(this.review_task_created).Next(this.reviewed)
    )
    reviewed = (flow.Switch().Annotation(title=gettext_lazy("Curator's decision"))
                .Case(this.annual_report, this.was_returned).Default(this.plan))
    wait_term_end = flow.Timer(this.term_ends).Annotation(title=gettext_lazy("End of the term")).Next(this.close)
    close = flow.Function(this.closed).Annotation(title=gettext_lazy("Closing")).Next(this.end)
    end = flow.End()
    overdue = flow.Function(this.report_overdue).Annotation(title=gettext_lazy("Report overdue")).Next(
        this.overdue_end)
    overdue_end = flow.End()

    def has_view_permission(self, user, obj=None) -> bool:
        return user.is_authenticated and user.is_active

    def entered(self, activation, site: Site):
        process = activation.process
        process.artifact = site
        process.save()
        site.process = process
        site.save(update_fields=["process"])
        return process

    # The reports

    def next_report(self, process) -> AnnualReport | None:
        return site_of(process).reports.filter(status=AnnualReport.Status.SCHEDULED).order_by("year_of_term").first()

    def has_report_ahead(self, activation) -> bool:
        report = self.next_report(activation.process)
        if report is None:
            return False
        activation.process.data["report"] = report.pk
        activation.process.save(update_fields=["data"])
        return True

    def report_opens(self, activation) -> datetime:
        return start_of(current_report(activation.process).opens_on)

    def report_due(self, activation) -> datetime:
        # Due on the anniversary: late from the day after.
        report = current_report(activation.process)
        return start_of(date.fromordinal(report.due_on.toordinal() + 1))

    def report_opened(self, activation) -> None:
        AnnualReport.objects.filter(pk=activation.process.data["report"]).update(status=AnnualReport.Status.OPEN)

    def organisation_of(self, process):
        return site_of(process).organisation

    def director_permission(self, activation) -> str:
        return role_grant(Role.DIRECTOR, Scope.ORGANISATION, site_of(activation.process).organisation)

    def report_task_created(self, activation) -> None:
        report = current_report(activation.process)
        activation.task.data = {**activation.task.data, "step_title": str(self.annual_report.task_title),
                                "due_at": self.report_due(activation).isoformat()}
        activation.task.save(update_fields=["data"])
        site = report.site
        directors = RoleAssignment.objects.holders(Role.DIRECTOR, Scope.ORGANISATION, site.organisation)
        notify(directors, _("The annual report of the site «%(site)s» for year %(year)s of the term is due "
                            "%(due)s.") % {"site": site.topic, "year": report.year_of_term,
                                           "due": report.due_on.strftime("%d.%m.%Y")}, site.get_absolute_url())

    def curator(self, activation) -> User | None:
        return site_of(activation.process).curator

    def review_task_created(self, activation) -> None:
        report = current_report(activation.process)
        activation.task.data = {**activation.task.data, "step_title": str(self.curator_review.task_title)}
        activation.task.save(update_fields=["data"])
        notify([report.site.curator], _("The annual report of the site «%(site)s» awaits your review.")
               % {"site": report.site.topic}, report.site.get_absolute_url())

    def was_returned(self, activation) -> bool:
        return current_report(activation.process).status == AnnualReport.Status.RETURNED

    def report_overdue(self, activation) -> None:
        """The report's due date passed and the director has not sent it: it is marked overdue and the
        officers are told, once per report."""
        process = activation.process
        report = current_report(process)
        told = process.data.setdefault("overdue_reports", [])
        if report.status not in (AnnualReport.Status.OPEN, AnnualReport.Status.RETURNED) or report.pk in told:
            return  # sent in time, or the officers already know (a report returned after its due date)
        told.append(report.pk)
        process.save(update_fields=["data"])
        if report.status == AnnualReport.Status.OPEN:
            report.status = AnnualReport.Status.OVERDUE
            report.save(update_fields=["status"])
        site = report.site
        CaseEvent.objects.create(process=process, kind=CaseEvent.Kind.OVERDUE,
                                 step_title=str(self.annual_report.task_title),
                                 comment=_("The report for year %(year)s was due %(due)s.") % {
                                     "year": report.year_of_term, "due": report.due_on.strftime("%d.%m.%Y")})
        tell_officers(site, _("The annual report of the site «%(site)s» (%(organisation)s) for year %(year)s "
                              "is overdue: it was due %(due)s. The status may be revoked by an order.") % {
            "site": site.topic, "organisation": site.organisation.short_name, "year": report.year_of_term,
            "due": report.due_on.strftime("%d.%m.%Y")})

    # The end of the term

    def term_ends(self, activation) -> datetime:
        return start_of(date.fromordinal(site_of(activation.process).ends_on.toordinal() + 1))

    def closed(self, activation) -> None:
        """The term is over: the site is closed, unless an extension continues it (it stays extended)."""
        site = site_of(activation.process)
        if site.status == Site.Status.ACTIVE:
            site.status = Site.Status.CLOSED
            site.save(update_fields=["status"])
        CaseEvent.objects.create(process=activation.process, kind=CaseEvent.Kind.CLOSED,
                                 step_title=str(self.close.task_title))
