"""What people do with a site's annual reports and its status: the director sends the report, the curator
accepts, returns or fails it, the officer revokes the status by an order (domain.md §2.4; [002:232,246]).
Pages, the API and tests all come here."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.history import acting_as
from accounts.models import User
from accounts.permissions import may
from orders.models import Order, OrderItem
from orders.services import issue_order
from workflows.models import CaseEvent
from workflows.services import CaseConflict, active_task, complete_task
from workflows.uploads import validate_upload

from .models import AnnualReport, AnnualReportFile, Site
from .register import revoke_site
from .register_flow import tell_officers

SENDABLE = (AnnualReport.Status.OPEN, AnnualReport.Status.RETURNED, AnnualReport.Status.OVERDUE)


class ReportDecision:
    ACCEPT, RETURN, FAIL = "accept", "return", "fail"
    choices = [(ACCEPT, gettext_lazy("accept")), (RETURN, gettext_lazy("return for revision")),
               (FAIL, gettext_lazy("not accepted"))]
    values = (ACCEPT, RETURN, FAIL)


REVIEWED = {
    ReportDecision.ACCEPT: (AnnualReport.Status.ACCEPTED, CaseEvent.Kind.APPROVED),
    ReportDecision.RETURN: (AnnualReport.Status.RETURNED, CaseEvent.Kind.RETURNED),
    ReportDecision.FAIL: (AnnualReport.Status.FAILED, CaseEvent.Kind.REJECTED),
}


def locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("site").get(pk=report.pk)


def submit_report(report: AnnualReport, user: User, *, text: str, results: str,
                  files: Iterable[UploadedFile] = ()) -> AnnualReport:
    """The director sends the site's report for a year of its term (or its revision after a return)."""
    if not may(user, "submit", report):
        raise PermissionDenied(_("You may not send this report."))
    files = list(files)
    errors: dict[str, list[ValidationError]] = {}
    if not text.strip():
        errors["text"] = [ValidationError(_("Describe the work of the year."), code="required")]
    if not results.strip():
        errors["results"] = [ValidationError(_("List the results achieved."), code="required")]
    for upload in files:
        try:
            validate_upload(upload)
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        report = locked(report)
        if report.status not in SENDABLE:
            raise CaseConflict(_("This report is not awaiting the director now."), code="not_awaited")
        report.text, report.results = text.strip(), results.strip()
        report.status, report.submitted_by, report.submitted_at = AnnualReport.Status.SUBMITTED, user, timezone.now()
        report.save()
        for upload in files:
            AnnualReportFile.objects.create(report=report, file=upload, name=upload.name, size=upload.size)
        complete_task(active_task(report.site, "annual_report"), user, CaseEvent.Kind.REPORT,
                      _("Report for year %(year)s of the term.") % {"year": report.year_of_term})
    return report


def review_report(report: AnnualReport, user: User, decision: str, comment: str = "") -> AnnualReport:
    """The curator accepts the report, returns it to the director (comment required), or marks it not
    accepted (comment required): then the department's officers are told why."""
    if report.site.curator_id != user.pk:
        raise PermissionDenied(_("Only the site's curator reviews its reports."))
    comment = comment.strip()
    if decision not in ReportDecision.values:
        raise ValidationError({"decision": ValidationError(_("Choose a decision."), code="required")})
    if decision != ReportDecision.ACCEPT and not comment:
        raise ValidationError({"comment": ValidationError(
            _("Explain the decision: a comment is required to return the report or not to accept it."),
            code="comment_required")})
    with acting_as(user), transaction.atomic():
        report = locked(report)
        if not may(user, "review", report):
            raise CaseConflict(_("This report is not awaiting review now."), code="not_awaited")
        status, kind = REVIEWED[decision]
        report.status, report.comment = status, comment
        report.reviewed_by, report.reviewed_at = user, timezone.now()
        report.save()
        task = active_task(report.site, "curator_review")
        if task.owner_id != user.pk:  # the curator changed since the report was sent
            Task.objects.filter(pk=task.pk).update(owner=user, status=STATUS.ASSIGNED)
            task.refresh_from_db()
        complete_task(task, user, kind, comment)
        if decision == ReportDecision.FAIL:
            site = report.site
            tell_officers(site, _("The curator did not accept the annual report of the site «%(site)s» "
                                  "(%(organisation)s) for year %(year)s: %(comment)s The status may be revoked "
                                  "by an order.") % {"site": site.topic, "organisation": site.organisation.short_name,
                                                     "year": report.year_of_term, "comment": comment})
    return report


def revoke_by_order(site: Site, user: User, *, reason: str, date: date | None = None,
                    number: str | None = None) -> Site:
    """The officer revokes the status: an order of revocation naming the site is issued (numbered from the
    journal unless a number is given) and signed, and the site is revoked by it."""
    if not may(user, "revoke", site):
        raise PermissionDenied(_("You may not revoke this site's status."))
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("State the grounds for revoking the status."),
                                                         code="required")})
    if not site.is_current:
        raise CaseConflict(_("The site's status is no longer in force."), code="not_current")
    with acting_as(user), transaction.atomic():
        order = issue_order(
            municipality=site.municipality, subject=Order.Subject.SITE_REVOCATION,
            title=_("On revoking the status of a site"), signatory=user, prepared_by=user,
            date=date or timezone.localdate(), number=number or None, text=reason.strip(),
            items=[{"action": OrderItem.Action.REVOKE, "organisation": site.organisation, "record": site,
                    "starts_on": None, "ends_on": None,
                    "text": _("Revoke the status «%(kind)s» of %(organisation)s (%(topic)s).") % {
                        "kind": site.get_kind_display(), "organisation": site.organisation.name,
                        "topic": site.topic}}])
        return revoke_site(site, order)
