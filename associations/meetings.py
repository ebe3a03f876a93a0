"""An association's year: the plan of meetings drawn up on its members' deficits [001:435], each meeting
announced with its agenda, and its protocol once held: attendance of every member, decisions, files."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import User
from routes.models import CompetenceArea
from workflows.uploads import validate_upload

from .models import FIRST_YEAR, LAST_YEAR, Association, Attendance, Meeting, MeetingFile, MeetingPlan, PlannedMeeting
from .rules import may_keep
from .selectors import members_deficits, members_on


@dataclass
class PlanItem:
    """A meeting of the plan as it is asked for: the deficits by their ids."""

    planned_on: date | None
    topic: str
    area: str = ""
    deficits: Sequence[int] = field(default_factory=list)


def _refuse_unless_keeper(user: User, association: Association) -> None:
    if not may_keep(user, association):
        raise PermissionDenied(_("You may not change this association."))


def _item_errors(items: Sequence[PlanItem], year: int, allowed: set[int]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for index, item in enumerate(items):
        at = f"items[{index}]"
        if item.planned_on is None:
            errors[f"{at}.planned_on"] = _("Give the planned date.")
        elif item.planned_on.year != year:
            errors[f"{at}.planned_on"] = _("The date is outside the plan's year.")
        if not item.topic.strip():
            errors[f"{at}.topic"] = _("Give the topic of the meeting.")
        if item.area and item.area not in CompetenceArea.values:
            errors[f"{at}.area"] = _("Choose the area from the list.")
        if not set(item.deficits) <= allowed:
            errors[f"{at}.deficits"] = _("Choose among the deficits of the association's members.")
    return errors


def draw_up_plan(user: User, association: Association, *, year: int, theme: str = "",
                 items: Sequence[PlanItem]) -> MeetingPlan:
    """The association's plan of meetings for a year, each meeting naming the members' deficits it
    addresses (chosen among `selectors.deficit_groups`)."""
    _refuse_unless_keeper(user, association)
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": _("Give a year between %(first)s and %(last)s.")
                               % {"first": FIRST_YEAR, "last": LAST_YEAR}})
    errors: dict[str, str] = {}
    if association.plans.filter(year=year).exists():
        errors["year"] = _("The association already has a plan for this year.")
    if not items:
        errors["items"] = _("Plan at least one meeting.")
    allowed = set(members_deficits(association, year).values_list("pk", flat=True))
    errors.update(_item_errors(items, year, allowed))
    if errors:
        raise ValidationError(errors)
    try:
        with acting_as(user), transaction.atomic():
            plan = MeetingPlan.objects.create(association=association, year=year, theme=theme.strip(),
                                              drawn_up_by=user)
            for item in sorted(items, key=lambda item: item.planned_on):
                planned = PlannedMeeting.objects.create(plan=plan, planned_on=item.planned_on,
                                                        topic=item.topic.strip(), area=item.area)
                planned.deficits.set(item.deficits)
    except IntegrityError:  # a plan for the year drawn up at the same moment by another keeper
        raise ValidationError({"year": _("The association already has a plan for this year.")}) from None
    return plan


def schedule_meeting(user: User, association: Association, *, held_on: date | None, agenda: str,
                     place: str = "", planned: PlannedMeeting | None = None) -> Meeting:
    """A meeting is announced with its date and agenda, optionally as a meeting of the year's plan."""
    _refuse_unless_keeper(user, association)
    errors = {}
    if held_on is None:
        errors["held_on"] = _("Give the date of the meeting.")
    if not agenda.strip():
        errors["agenda"] = _("Give the agenda of the meeting.")
    if planned is not None:
        if planned.plan.association_id != association.pk:
            errors["planned"] = _("This meeting is in another association's plan.")
        elif Meeting.objects.filter(planned=planned).exists():
            errors["planned"] = _("This meeting of the plan is already scheduled.")
    if errors:
        raise ValidationError(errors)
    try:
        with acting_as(user), transaction.atomic():
            return Meeting.objects.create(association=association, held_on=held_on, agenda=agenda.strip(),
                                          place=place.strip(), planned=planned, recorded_by=user)
    except IntegrityError:
        raise ValidationError({"planned": _("This meeting of the plan is already scheduled.")}) from None


def record_protocol(user: User, meeting: Meeting, *, present: Iterable[int], decisions: str,
                    files: Iterable[UploadedFile] = ()) -> Meeting:
    """The protocol of a held meeting: who of the members on its day was present, the decisions, files.
    Recorded again, it replaces the attendance (the history keeps the earlier one)."""
    _refuse_unless_keeper(user, meeting.association)
    present, files = set(present), list(files)
    errors: dict[str, list] = {}
    if not meeting.is_held:
        errors["held_on"] = [_("The protocol is recorded once the meeting has been held.")]
    if not decisions.strip():
        errors["decisions"] = [_("Write down the decisions of the meeting.")]
    members = {membership.person_id for membership in members_on(meeting.association, meeting.held_on)}
    if not present <= members:
        errors["present"] = [_("Only members of the association on the day of the meeting are marked.")]
    for upload in files:
        try:
            validate_upload(upload)
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("association").get(pk=meeting.pk)
        meeting.decisions, meeting.protocol_recorded_at = decisions.strip(), timezone.now()
        meeting.save(update_fields=["decisions", "protocol_recorded_at", "updated_at"])
        meeting.attendance.exclude(person_id__in=members).delete()
        for person_id in members:
            Attendance.objects.update_or_create(meeting=meeting, person_id=person_id,
                                                defaults={"present": person_id in present})
        for upload in files:
            MeetingFile.objects.create(meeting=meeting, file=upload, name=upload.name, size=upload.size,
                                       uploaded_by=user)
    return meeting
