"""`bench.check` for the generated sites: the steps a few applications at each open step and a few annual
reports are moved on by, through the platforms services as the person of the step (inside `bench.check`'s
rolled-back transaction)."""
from __future__ import annotations

from collections.abc import Callable


def application_steps(reviewer: Callable) -> dict:
    """Each open step of an application: the applications at it, and how the step's person does it."""
    from django.utils import timezone

    from platforms import applications_council as council
    from platforms import services
    from platforms.calls import call_criteria
    from platforms.models import SiteApplication
    from platforms.selectors_applications import signatories
    from workflows.services import active_task

    Status = SiteApplication.Status

    def checked(application):
        return services.check(application, reviewer(application, active_task(application, "check")), "approve")

    def experts(application):
        task = active_task(application, "assign_experts")
        return services.assign_experts(application, reviewer(application, task), services.propose_experts(application))

    def scored(application):
        task = active_task(application, "expert_review", "replace_expert")
        if task.flow_task.name == "replace_expert":
            return services.replace_expert(application, reviewer(application, task),
                                           services.propose_experts(application, 1)[0])
        scores = {criterion.pk: 8 for criterion in call_criteria(application.call)}
        return services.submit_review(application, task.owner, scores, "Проект актуален.", "publish")

    def recorded(application):
        methodist = reviewer(application, active_task(application, "protocol"))
        members = list(council.council_members(application)[:3])
        return council.record_protocol(application, methodist, number="1", date=timezone.localdate(),
                                       members_present=members, votes_for=len(members), votes_against=0,
                                       votes_abstained=0, recommendation="grant")

    def granted(application):
        officer = reviewer(application, active_task(application, "order"))
        return council.grant(application, officer, date=timezone.localdate(), signatory=signatories(application)[0])

    def revised(application):
        return services.submit(application, application.author, "Исправлено по замечаниям.")

    return {status: (SiteApplication.objects.filter(status=status), act) for status, act in (
        (Status.CHECK, checked), (Status.EXPERT_ASSIGNMENT, experts), (Status.EXPERTISE, scored),
        (Status.PROTOCOL, recorded), (Status.ORDER, granted), (Status.RETURNED, revised))}


def report_steps() -> dict:
    from platforms.models import AnnualReport
    from platforms.reports import review_report, submit_report

    def sent(report):
        return submit_report(report, director_of(report), text="Отчёт о работе площадки за год.", results="Модель")

    def reviewed(report):
        return review_report(report, report.site.curator, "accept")

    return {"report open": (AnnualReport.objects.filter(status=AnnualReport.Status.OPEN), sent),
            "report submitted": (AnnualReport.objects.filter(status=AnnualReport.Status.SUBMITTED), reviewed)}


def director_of(report):
    from accounts.models import Role, RoleAssignment

    return RoleAssignment.objects.holders(Role.DIRECTOR, "organisation", report.site.organisation).order_by("pk")[0]


def site_steps(reviewer: Callable) -> dict:
    """The applications at each open step and the reports to send or review, for `bench.check.move_steps`."""
    return {**application_steps(reviewer), **report_steps()}
