"""What the methodical centre and the schools do in the register of visits: plan a visit in the year's
schedule, carry it out and report it with addressed recommendations, cancel it; the officer approves the
schedule; the school reports what it did about each recommendation. Pages, the API, the demo and tests all
come here.

[002:162] «график и список школ утверждается на каждый учебный год»; [004:67] «адресные рекомендации»;
every step is checked with `may()` before its body is read, and keeps who and when in the history.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Organisation, Role, RoleAssignment, User
from accounts.permissions import may
from workflows.notifications import notify
from workflows.services import CaseConflict, Refused

from .models import Recommendation, Visit, VisitSchedule

VISITING_ROLES = (Role.METHODIST, Role.TUTOR)


def academic_year(day: date) -> int:
    """The year an academic year starts (1 September): 2026 for any day of 2026/2027."""
    return day.year if day.month >= 9 else day.year - 1


def plan_visit(user: User, *, organisation: Organisation, planned_on: date, purpose: str,
               methodists: Sequence[User], reason: str = Visit.Reason.LOW_RESULTS) -> Visit:
    """A visit in the schedule of the organisation's municipality for the academic year of `planned_on`
    (the schedule is opened with its first visit). Refused unless `user` plans visits there; the visitors
    are the municipality's methodists or tutors; nothing is saved on a ValidationError."""
    if not may(user, "plan_visits", organisation.municipality):
        raise Refused(_("You may not plan visits in this municipality."), "not_allowed")
    errors = {}
    if not (purpose or "").strip():
        errors["purpose"] = _("Say what the visit is for.")
    if reason not in Visit.Reason.values:
        errors["reason"] = _("Choose a reason from the list.")
    # The year's schedule is entered at any time of the year, visits already made included; not a past year's.
    if planned_on and academic_year(planned_on) < academic_year(timezone.localdate()):
        errors["planned_on"] = _("A visit is planned in the current academic year or later.")
    methodists = list(methodists)
    if not methodists:
        errors["methodists"] = _("Name at least one methodist who goes.")
    elif outsiders := _not_visitors(methodists, organisation.municipality_id):
        errors["methodists"] = _("Not a methodist or tutor of the municipality: %(names)s.") % {
            "names": ", ".join(str(person) for person in outsiders)}
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        schedule, _created = VisitSchedule.objects.get_or_create(
            municipality=organisation.municipality, year=academic_year(planned_on), defaults={"created_by": user})
        visit = Visit(schedule=schedule, organisation=organisation, planned_on=planned_on, purpose=purpose.strip(),
                      reason=reason)
        visit.full_clean(exclude=["methodists"])
        visit.save()
        visit.methodists.set(methodists)
    return visit


def _not_visitors(people: Iterable[User], municipality_id: int) -> list[User]:
    allowed = set(RoleAssignment.objects.active().filter(
        role__in=VISITING_ROLES, municipality_id=municipality_id).values_list("user_id", flat=True))
    return [person for person in people if person.pk not in allowed]


def approve_schedule(schedule: VisitSchedule, user: User) -> VisitSchedule:
    """The officer approves the year's schedule and list of schools [002:162]; approving again is a 409."""
    if not may(user, "approve", schedule):
        raise Refused(_("You may not approve this schedule."), "not_allowed")
    with acting_as(user), transaction.atomic():
        schedule = VisitSchedule.objects.select_for_update().get(pk=schedule.pk)
        if schedule.approved_at:
            raise CaseConflict(_("The schedule is already approved."), code="approved")
        if not schedule.visits.exists():
            raise ValidationError(_("There is no visit in the schedule to approve."))
        schedule.approved_by, schedule.approved_at = user, timezone.now()
        schedule.save()
    return schedule


def report_visit(visit: Visit, user: User, *, visited_on: date, findings: str, report: str = "",
                 recommendations: Iterable[dict] = ()) -> Visit:
    """The visit is carried out: its date, findings, report and the recommendations it leaves (each a
    `{"text", "due_on"}` addressed to the visited organisation, whose directors are told). Nothing is saved
    if one of them is wrong; a visit already reported or cancelled is a 409."""
    if not may(user, "report", visit):
        raise Refused(_("You may not report this visit."), "not_allowed")
    errors = {}
    if not (findings or "").strip():
        errors["findings"] = _("Write what the visit found.")
    if visited_on is None:
        errors["visited_on"] = _("Give the date of the visit.")
    elif visited_on > timezone.localdate():
        errors["visited_on"] = _("A visit is reported after it took place: the date is in the future.")
    elif visited_on < visit.schedule.starts_on:
        errors["visited_on"] = _("The date is before the schedule's academic year.")
    if errors:
        raise ValidationError(errors)
    recommendations = [_recommendation(visit, user, item, visited_on) for item in recommendations]
    with acting_as(user), transaction.atomic():
        visit = _locked(visit)
        visit.status, visit.visited_on = Visit.Status.DONE, visited_on
        visit.findings, visit.report = findings.strip(), (report or "").strip()
        visit.reported_by, visit.reported_at = user, timezone.now()
        visit.save()
        for recommendation in recommendations:
            recommendation.visit = visit
            recommendation.save()
        if recommendations:
            _tell_directors(visit, len(recommendations))
    return visit


def recommend(visit: Visit, user: User, *, text: str, due_on: date | None) -> Recommendation:
    """A further recommendation of a reported visit, addressed to the visited organisation."""
    if not may(user, "recommend", visit):
        raise Refused(_("You may not give recommendations on this visit."), "not_allowed")
    if visit.status != Visit.Status.DONE:
        raise CaseConflict(_("Recommendations are given once the visit is reported."), code="not_reported")
    recommendation = _recommendation(visit, user, {"text": text, "due_on": due_on}, visit.visited_on)
    with acting_as(user), transaction.atomic():
        recommendation.save()
        _tell_directors(visit, 1)
    return recommendation


def _recommendation(visit: Visit, user: User, item: dict, visited_on: date) -> Recommendation:
    errors = {}
    text, due_on = (item.get("text") or "").strip(), item.get("due_on")
    if not text:
        errors["text"] = _("Write the recommendation.")
    if due_on is None:
        errors["due_on"] = _("Give the date by which it is to be done.")
    elif due_on < visited_on:
        errors["due_on"] = _("The due date is before the visit.")
    if errors:
        raise ValidationError(errors)
    return Recommendation(visit=visit, organisation=visit.organisation, text=text, due_on=due_on, created_by=user)


def _tell_directors(visit: Visit, count: int) -> None:
    directors = RoleAssignment.objects.holders(Role.DIRECTOR, "organisation", visit.organisation)
    notify(directors, _("The methodical visit of %(date)s left %(count)s recommendation(s) to your organisation; "
                        "report their execution.") % {"date": visit.visited_on.strftime("%d.%m.%Y"), "count": count},
           visit.get_absolute_url())


def cancel_visit(visit: Visit, user: User, *, reason: str) -> Visit:
    """A planned visit does not take place; the reason is kept."""
    if not may(user, "cancel", visit):
        raise Refused(_("You may not cancel this visit."), "not_allowed")
    if not (reason or "").strip():
        raise ValidationError({"cancel_reason": _("Say why the visit is cancelled.")})
    with acting_as(user), transaction.atomic():
        visit = _locked(visit)
        visit.status, visit.cancel_reason = Visit.Status.CANCELLED, reason.strip()
        visit.save()
    return visit


def _locked(visit: Visit) -> Visit:
    visit = Visit.objects.select_for_update().select_related("schedule", "organisation").get(pk=visit.pk)
    if visit.status != Visit.Status.PLANNED:
        raise CaseConflict(_("The visit is already %(status)s.") % {"status": visit.get_status_display()},
                           code=visit.status)
    return visit


def report_execution(recommendation: Recommendation, user: User, *, execution: str) -> Recommendation:
    """The organisation's report on a recommendation: what was done; it is then done, and the methodists of
    the visit are told. A recommendation reported already is a 409."""
    if not may(user, "execute", recommendation):
        raise Refused(_("You may not report on this recommendation."), "not_allowed")
    if not (execution or "").strip():
        raise ValidationError({"execution": _("Write what was done.")})
    with acting_as(user), transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().select_related("visit").get(pk=recommendation.pk)
        if not recommendation.is_open:
            raise CaseConflict(_("The execution of this recommendation is already reported."), code="done")
        recommendation.status, recommendation.execution = Recommendation.Status.DONE, execution.strip()
        recommendation.executed_by, recommendation.executed_at = user, timezone.now()
        recommendation.save()
        visit = recommendation.visit
        notify([*visit.methodists.all(), visit.reported_by],
               _("%(organisation)s reported the execution of a recommendation of the visit of %(date)s.") % {
                   "organisation": recommendation.organisation.short_name,
                   "date": visit.visited_on.strftime("%d.%m.%Y")}, recommendation.get_absolute_url())
    return recommendation
