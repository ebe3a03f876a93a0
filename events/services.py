"""What the service and the schools do with events: enter, change, cancel, register, withdraw, mark attendance.

Pages, the API, the demo, the bench and tests call these. Each asks the rules (`events.rules`) before it reads
the input, records its actor in the history and saves nothing when anything is wrong. Registration counts the
places under a lock on the event's row, so the last place goes once.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.levels import Level
from accounts.models import Municipality, Organisation, User
from accounts.permissions import may
from routes.models import IndividualRoute, RouteActivity
from routes.services import complete_by_attendance, reopen_after_attendance
from workflows.notifications import notify
from workflows.services import CaseConflict, Refused
from workflows.uploads import validate_upload

from .models import ORGANISER_FIELDS, Event, EventFile, Organiser, Registration

EDITABLE = ("form", "title", "description", "level", "starts_at", "ends_at", "organiser", "organisation", "association",
            "site", "methodist", "audience", "capacity", "registration_deadline", "place", "link", "materials", "follows_course")


def may_add_event(user: User, municipality: Municipality, organisation: Organisation | None = None) -> bool:
    """The methodist enters any event of the municipality; a school's director or lead their school's own."""
    if may(user, "add_event", municipality):
        return True
    return organisation is not None and organisation.municipality_id == municipality.pk and may(
        user, "add_event", organisation)


def _check(event: Event) -> None:
    for kind, field in ORGANISER_FIELDS.items():
        if event.organiser != kind:
            setattr(event, field, None)
    if event.organisation_id and event.organisation.municipality_id != event.municipality_id:
        raise ValidationError({"organisation": _("Choose an organisation of the municipality.")})
    if event.site_id and event.site.municipality_id != event.municipality_id:
        raise ValidationError({"site": _("Choose a site of the municipality.")})
    event.full_clean(exclude=["created_by"])


def create_event(actor: User, *, municipality: Municipality, files: Iterable = (), **fields) -> Event:
    """A new event of the municipality, planned; `fields` are the model's (EDITABLE)."""
    organisation = fields.get("organisation") if fields.get("organiser") == Organiser.SCHOOL else None
    if not may_add_event(actor, municipality, organisation):
        raise Refused(_("You may not enter events of this municipality."), "not_allowed")
    event = Event(municipality=municipality, created_by=actor, **{name: fields[name] for name in EDITABLE
                                                                   if name in fields})
    files = list(files)
    _check(event)
    for upload in files:
        validate_upload(upload)
    with acting_as(actor), transaction.atomic():
        event.save()
        _attach(event, files)
    return event


def update_event(event: Event, actor: User, files: Iterable = (), **fields) -> Event:
    if not may(actor, "change", event):
        raise Refused(_("You may not change this event."), "not_allowed")
    files = list(files)
    with transaction.atomic():
        event = _locked_live(event)
        for name in EDITABLE:
            if name in fields:
                setattr(event, name, fields[name])
        _check(event)
        taken = event.registrations.count()
        if event.capacity is not None and event.capacity < taken:
            raise ValidationError({"capacity": _("%(count)s people are already registered.") % {"count": taken}})
        for upload in files:
            validate_upload(upload)
        with acting_as(actor):
            event.save()
            _attach(event, files)
    return event


def _locked_live(event: Event) -> Event:
    """The event's row, locked and read again; 409 once it is cancelled (in another window, meanwhile)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise CaseConflict(_("The event is cancelled."), code="cancelled")
    return event


def _attach(event: Event, files: list) -> None:
    for upload in files:
        EventFile.objects.create(event=event, file=upload, name=upload.name[:255], size=upload.size)


def cancel_event(event: Event, actor: User, reason: str = "") -> Event:
    """The event will not take place; the registered people are told."""
    if not may(actor, "cancel", event):
        raise Refused(_("You may not cancel this event."), "not_allowed")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status != Event.Status.PLANNED:
            raise CaseConflict(_("Only a planned event is cancelled."), code="not_planned")
        with acting_as(actor):
            event.status = Event.Status.CANCELLED
            event.save(update_fields=["status"])
        message = _("The event «%(title)s» is cancelled.") % {"title": event.title}
        if reason.strip():
            message = f"{message} {reason.strip()}"
        notify([registration.person for registration in event.registrations.select_related("person")], message,
               event.get_absolute_url())
    return event


def open_to(event: Event, person: User) -> bool:
    """A school's own event takes its people, a municipal one the municipality's; wider levels anyone."""
    if event.level == Level.ORGANISATION and event.organisation_id:
        return person.organisation_id == event.organisation_id
    if event.level == Level.MUNICIPAL:
        return person.organisation_id is not None and person.organisation.municipality_id == event.municipality_id
    return True


def register(event: Event, person: User, actor: User) -> Registration:
    """`actor` registers `person` (themselves, a teacher of their school, anyone for the methodist).

    Closed once the deadline (or, without one, the start) has passed, once the places are taken, and for a
    cancelled event; a second registration of the same person is refused at the person.
    """
    registration = Registration(event=event, person=person, registered_by=actor)
    if not may(actor, "register", registration):
        raise Refused(_("You may not register this person."), "not_allowed")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        registration.event = event
        if event.status != Event.Status.PLANNED or timezone.now() >= event.closes_at:
            raise ValidationError({"person": ValidationError(_("Registration for the event is closed."),
                                                             code="closed")})
        if not open_to(event, person):
            raise ValidationError({"person": ValidationError(
                _("The event is for the people of %(whom)s.") % {"whom": event.organisation or event.municipality},
                code="not_open")})
        if event.registrations.filter(person=person).exists():
            raise ValidationError({"person": ValidationError(
                _("%(person)s is already registered for the event.") % {"person": person}, code="duplicate")})
        if event.capacity is not None and event.registrations.count() >= event.capacity:
            raise ValidationError({"person": ValidationError(_("No places are left."), code="full")})
        with acting_as(actor):
            registration.save()
        if actor.pk != person.pk:
            notify([person], _("You are registered for «%(title)s» on %(date)s.") % {
                "title": event.title, "date": timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")},
                event.get_absolute_url())
    return registration


def withdraw(registration: Registration, actor: User) -> None:
    """The registration is withdrawn before the event starts; the place is free again."""
    if not may(actor, "withdraw", registration):
        raise Refused(_("You may not withdraw this registration."), "not_allowed")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        if event.has_started():
            raise CaseConflict(_("The event has already started."), code="started")
        with acting_as(actor):
            Registration.objects.filter(pk=registration.pk).delete()


def mark_attendance(event: Event, actor: User, present: Iterable[int]) -> int:
    """After the event starts, the people of `present` (registration ids) came and the others did not; the
    event is held. Each attendance completes the ИОМ activity of that person that points at the event; an
    attendance corrected to absent reopens the activity it completed."""
    if not may(actor, "mark_attendance", event):
        raise Refused(_("You may not mark attendance at this event."), "not_allowed")
    present = set(present)
    with transaction.atomic():
        event = _locked_live(event)
        if not event.has_started():
            raise ValidationError({"attended": ValidationError(
                _("Attendance is marked once the event has begun: it starts on %(date)s.")
                % {"date": timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")}, code="future")})
        registrations = list(event.registrations.select_related("person", "activity__route"))
        unknown = present - {registration.pk for registration in registrations}
        if unknown:
            raise ValidationError({"attended": ValidationError(_("Mark only the people registered for the event."),
                                                               code="not_registered")})
        now = timezone.now()
        corrected = []
        with acting_as(actor):
            for registration in registrations:
                attended = registration.pk in present
                if registration.attended is attended:
                    continue
                if registration.attended:
                    corrected.append(registration)
                registration.attended, registration.marked_by, registration.marked_at = attended, actor, now
                registration.save(update_fields=["attended", "marked_by", "marked_at"])
            if event.status != Event.Status.HELD:
                event.status = Event.Status.HELD
                event.save(update_fields=["status"])
        for registration in registrations:
            if registration.attended:
                _complete_activity(registration, actor)
        for registration in corrected:
            if registration.activity_id is not None:
                reopen_after_attendance(registration.activity, actor, event_evidence(event),
                                        _("Attendance at «%(title)s» was corrected: absent.") % {"title": event.title})
    return len(present)


def _complete_activity(registration: Registration, actor: User) -> None:
    if registration.activity_id is not None:
        complete_by_attendance(registration.activity, actor, event_evidence(registration.event),
                               _("Attended «%(title)s».") % {"title": registration.event.title})


def event_evidence(event: Event) -> str:
    """The evidence an attended event leaves on an ИОМ activity: the address of its announcement."""
    return f"{settings.SITE_URL.rstrip('/')}{event.get_absolute_url()}"


def activities_to_link(person: User) -> QuerySet[RouteActivity]:
    """The activities of the person's routes an event may stand for: not done, of a route still carried out."""
    return (RouteActivity.objects.filter(route__author=person, done_at__isnull=True)
            .exclude(route__status__in=(IndividualRoute.Status.REJECTED, IndividualRoute.Status.CLOSED))
            .select_related("route").order_by("-route__period_start", "starts_on", "pk"))


def link_activity(registration: Registration, actor: User, activity: RouteActivity | None) -> Registration:
    """The participant names the activity of their ИОМ the event stands for (None: unlink); once their attendance
    is marked, the activity is done with the event as its evidence."""
    if not may(actor, "link", registration):
        raise Refused(_("Only the participant links the event to their route."), "not_participant")
    if activity is not None and not activities_to_link(actor).filter(pk=activity.pk).exists():
        raise ValidationError({"activity": _("Choose an activity of your own route that is not done yet.")})
    with acting_as(actor), transaction.atomic():
        registration.activity = activity
        registration.save(update_fields=["activity"])
        if registration.attended:
            _complete_activity(registration, registration.marked_by or actor)
    return registration
