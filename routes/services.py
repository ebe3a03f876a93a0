"""What teachers and reviewers do with an ИОМ. Pages, the API and tests call these, nothing else."""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from accounts.history import acting_as
from accounts.models import Role
from accounts.permissions import holds, may
from workflows import drafts
from workflows.models import CaseEvent, Decision
from workflows.notifications import notify
from workflows.services import (CaseConflict, Refused, active_task, can_act_on, complete_task, decide, lock_case,
    lock_case_at, open_tasks, submit_case)
from workflows.uploads import validate_upload

from .flows import IndividualRouteFlow
from .models import IndividualRoute, RouteActivity

Status = IndividualRoute.Status


def validate_activities(route: IndividualRoute, activities: Iterable[RouteActivity]) -> None:
    activities = list(activities)
    if not activities:
        raise ValidationError({"activities": ValidationError(_("Add at least one activity to the route."),
                                                             code="required")})
    errors = {}
    for index, activity in enumerate(activities):
        activity.route = route
        try:
            activity.full_clean(exclude=["route"])
        except ValidationError as error:
            # By row, as the API names it (`activities[1].starts_on`); the page shows them above the form.
            for name, messages in error.error_dict.items():
                errors[f"activities[{index}]" + ("" if name == NON_FIELD_ERRORS else f".{name}")] = messages
    if errors:
        raise ValidationError(errors)


def may_draw_up_routes(user) -> bool:
    """Whoever holds the teacher's role today draws up their own routes."""
    return holds(user, Role.TEACHER)


@transaction.atomic
def save_draft(route: IndividualRoute, user, activities: list[RouteActivity] | None = None,
               deficits: Iterable | None = None, participants: Iterable | None = None) -> IndividualRoute:
    """Create or edit the route's content; only its author, only in draft or when returned."""
    if route.pk and not may(user, "edit", route):
        raise Refused(_("The route can be edited by its author only in draft or when returned."), "not_editable")
    if not route.pk:
        if not may_draw_up_routes(user):
            raise Refused(_("Only teachers draw up individual routes."), "not_a_teacher")
        route.author = user
        route.organisation = user.organisation
    route.full_clean(exclude=["number", "author", "organisation", "municipality"])
    if route.mentor_id is not None and route.mentor_id == route.author_id:
        raise ValidationError({"mentor": ValidationError(
            _("You cannot be your own mentor: choose another mentor or none."), code="own_mentor")})
    with acting_as(user):
        route.save()
        if deficits is not None:
            route.deficits.set(deficits)
        if participants is not None:
            route.participants.set(participants)
        if route.kind == IndividualRoute.Kind.GROUP and not route.participants.exists():
            raise ValidationError({"participants": ValidationError(
                _("A group route names at least one more participant."), code="required")})
        if route.mentor_id is not None and route.participants.filter(pk=route.mentor_id).exists():
            raise ValidationError({"mentor": ValidationError(
                _("A participant of the group route cannot be its mentor."), code="participant_mentor")})
        if activities is not None:
            validate_activities(route, activities)
            route.activities.exclude(pk__in=[a.pk for a in activities if a.pk]).delete()
            for activity in activities:
                activity.route = route
                activity.save()
    return route


def submit(route: IndividualRoute, user, reply: str = "") -> IndividualRoute:
    """Send the draft for agreement, or the revised route (and the `reply`) to the reviewer who returned it."""
    if not may(user, "submit", route):
        raise Refused(_("Only the author submits the route."), "not_author")
    with acting_as(user), transaction.atomic():
        # A second click waits here, then finds the route submitted.
        lock_case_at(route, (Status.DRAFT, Status.RETURNED), _("The route has already been submitted."),
                     "already_submitted")
        validate_activities(route, route.activities.all())
        submit_case(route, user, IndividualRouteFlow, "revision", reply)
    route.refresh_from_db()
    return route


def review(route: IndividualRoute, user, decision: str, comment: str = "",
           files: Iterable[UploadedFile] = ()) -> CaseEvent:
    """A reviewer's decision on the current agreement step."""
    with acting_as(user):
        return decide(active_task(route, "agreement"), user, decision, comment, files)


def record_activity_done(activity: RouteActivity, user, evidence: UploadedFile | None = None,
                         link: str = "", comment: str = "") -> CaseEvent:
    """The teacher records an activity done, with a file or a link as evidence."""
    route = activity.route
    if not may(user, "record_activity", route):
        raise Refused(_("Only the author records the route's activities."), "not_author")
    if route.status != Status.IMPLEMENTATION or not activity.agreed:
        raise ValidationError(_("Activities are recorded during implementation, once agreed."), code="not_agreed")
    if evidence is None and not link:
        raise ValidationError({"evidence": ValidationError(_("Attach a file or give a link as evidence."),
                                                           code="required")})
    if evidence is not None:
        validate_upload(evidence)
    with acting_as(user), transaction.atomic():
        activity.mark_done()
        if evidence is not None:
            activity.evidence = evidence
        activity.evidence_link = link
        activity.full_clean(exclude=["route"])
        activity.save()
        return CaseEvent.objects.create(process_id=route.process_id, kind=CaseEvent.Kind.ACTIVITY_DONE, actor=user,
                                        step_title=activity.title, comment=comment)


def complete_by_attendance(activity: RouteActivity, actor, evidence_link: str, note: str) -> CaseEvent | None:
    """The event the activity points at marked its author present: the activity is done, the event's page its
    evidence, recorded as `actor` (who marked the attendance; the events app asked its rules). An activity not
    agreed yet, or of a route not being carried out, is left for the teacher to record."""
    route = activity.route
    if activity.is_done or not activity.agreed or route.status not in (Status.IMPLEMENTATION, Status.AMENDMENT):
        return None
    with acting_as(actor), transaction.atomic():
        activity.mark_done()
        activity.evidence_link = evidence_link
        activity.save(update_fields=["done_at", "evidence_link"])
        return CaseEvent.objects.create(process_id=route.process_id, kind=CaseEvent.Kind.ACTIVITY_DONE, actor=actor,
                                        step_title=activity.title, comment=note)


def reopen_after_attendance(activity: RouteActivity, actor, evidence_link: str, note: str) -> CaseEvent | None:
    """The attendance that completed the activity was corrected to absent: the activity is not done again, the
    event's page no longer its evidence, recorded as `actor` and told to the teacher. An activity done with
    other evidence (the teacher's own file or link) stays done: the event was not what completed it."""
    route = activity.route
    if (not activity.is_done or activity.evidence or activity.evidence_link != evidence_link
            or route.status not in (Status.IMPLEMENTATION, Status.AMENDMENT)):
        return None
    with acting_as(actor), transaction.atomic():
        activity.done_at, activity.evidence_link = None, ""
        activity.save(update_fields=["done_at", "evidence_link"])
        notify([route.author], _("The activity «%(activity)s» of your route is open again: %(note)s") % {
            "activity": activity.title, "note": note}, route.get_absolute_url())
        return CaseEvent.objects.create(process_id=route.process_id, kind=CaseEvent.Kind.ACTIVITY_REOPENED,
                                        actor=actor, step_title=activity.title, comment=note)


def comment_activity(activity: RouteActivity, user, text: str) -> CaseEvent:
    """The methodist accompanies the route with comments on its activities."""
    if not may(user, "accompany", activity.route):
        raise Refused(_("You may not comment on this route."), "not_accompanying")
    if not activity.route.process_id:  # a draft has no timeline to put the comment on
        raise ValidationError({"comment": _("The route is not submitted yet: its activities are commented on "
                                            "once it is under way.")})
    if not text.strip():
        raise ValidationError({"comment": ValidationError(_("Write the comment."), code="blank")})
    with acting_as(user), transaction.atomic():
        activity.methodist_comment = text.strip()
        activity.save(update_fields=["methodist_comment"])
        return CaseEvent.objects.create(process_id=activity.route.process_id, kind=CaseEvent.Kind.COMMENT,
                                        actor=user, step_title=activity.title, comment=text.strip())


def propose_amendment(route: IndividualRoute, user, reason: str, activities: list[RouteActivity]) -> CaseEvent:
    """Change the plan during implementation: the new activities pass the agreement steps again."""
    if not may(user, "amend", route):
        raise Refused(_("Only the author amends the route."), "not_author")
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Explain what changes and why."), code="blank")})
    validate_activities(route, activities)
    with acting_as(user), transaction.atomic():
        lock_case(route)  # two proposals at once: the second finds the route under agreement
        if route.status == Status.AMENDMENT:
            raise CaseConflict(_("An amendment has already been proposed and awaits agreement."),
                               code="amendment_pending")
        task = active_task(route, "implementation")
        number = (route.activities.aggregate(last=Max("amendment"))["last"] or 0) + 1
        for activity in activities:
            activity.route, activity.amendment, activity.agreed = route, number, False
            activity.save()
        return complete_task(task, user, CaseEvent.Kind.AMENDMENT, reason, process_data={"proposed_amendment": number})


def submit_report(route: IndividualRoute, user, self_analysis: str, product: str, presentations: str,
                  files: Iterable[UploadedFile] = ()) -> CaseEvent:
    """The final report: self-analysis, product and its presentations, sent for evaluation."""
    if not may(user, "report", route):
        raise Refused(_("Only the author reports on the route."), "not_author")
    errors = {name: ValidationError(_("This field is required."), code="blank") for name, value in
              (("self_analysis", self_analysis), ("product", product)) if not value.strip()}
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        lock_case(route)  # a second click finds the report sent
        if route.status in (Status.EVALUATION, Status.CLOSED):
            raise CaseConflict(_("The final report has already been submitted."), code="already_submitted")
        node = "implementation" if route.status == Status.IMPLEMENTATION else "report_revision"
        task = active_task(route, node)
        route.self_analysis, route.product, route.presentations = self_analysis, product, presentations
        route.save(update_fields=["self_analysis", "product", "presentations", "updated_at"])
        return complete_task(task, user, CaseEvent.Kind.REPORT, files=files)


def evaluate(route: IndividualRoute, user, result: str, comment: str = "") -> CaseEvent:
    """The school methodical lead evaluates the results, or returns the report (comment required)."""
    if result not in IndividualRoute.Result.values and result != Decision.RETURN:
        raise ValidationError({"result": ValidationError(_("Choose an evaluation."), code="required")})
    task = active_task(route, "evaluation")
    with acting_as(user), transaction.atomic():
        if result == Decision.RETURN:
            return decide(task, user, Decision.RETURN, comment)
        route.result = result
        route.save(update_fields=["result", "updated_at"])
        label = IndividualRoute.Result(result).label
        return decide(task, user, Decision.APPROVE, f"{label}. {comment}" if comment else str(label),
                      kind=CaseEvent.Kind.EVALUATED)


def current_human_task(route: IndividualRoute) -> Task | None:
    if not route.process_id:
        return None
    return open_tasks(route).select_related("owner").order_by("-pk").first()


UNREAD = object()
# What a person may do with a route, as the page's buttons and the API's verbs name it.
ACTIONS = ("edit", "submit", "decide", "evaluate", "record_activity", "amend", "report", "comment")


def available_actions(route: IndividualRoute, user, task: Task | None = UNREAD) -> set[str]:
    """What `user` may do with the route now: the buttons of its page, the verbs of its API.

    `task` is the route's current human task (or None) when the caller has already read it.
    """
    actions: set[str] = set()
    if task is UNREAD:
        task = current_human_task(route)
    if may(user, "edit", route):
        actions |= {"edit", "submit"}
    if task is not None and can_act_on(task, user):
        name = task.flow_task.name
        if name == "agreement":
            actions.add("decide")
        elif name == "evaluation":
            actions.add("evaluate")
        elif name == "implementation":
            actions |= {"record_activity", "amend", "report"}
        elif name == "report_revision":
            actions.add("report")
    if route.status == Status.IMPLEMENTATION and may(user, "accompany", route):
        actions.add("comment")
    return actions


def delete_draft(route: IndividualRoute, user) -> None:
    """The author deletes a route they never sent (`workflows.drafts`)."""
    drafts.delete_draft(route, user, _("Only the author deletes their draft route."))
