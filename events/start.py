"""The start page's panels of events: for a participant, the events of their municipality they may still
register for and their own registrations ahead; for a methodist, their municipality's events that have begun
and wait for the attendance to be marked. Each list is one bounded query."""
from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from accounts.levels import Level
from accounts.models import Organisation, Role, User
from accounts.permissions import active_assignments

from .models import Event, Registration
from .rules import PARTICIPANTS

SHOWN = 5


def panels(request: HttpRequest) -> list[dict]:
    user = request.user
    roles = {assignment.role for assignment in active_assignments(user)}
    result = []
    if roles & set(PARTICIPANTS) and user.organisation_id is not None:
        upcoming, mine = list(open_for(user)[:SHOWN]), list(registrations_ahead(user)[:SHOWN])
        if upcoming or mine:
            result.append({"template": "events/start_events.html", "events": upcoming, "registrations": mine})
    if Role.METHODIST in roles:
        unmarked = list(attendance_to_mark(user)[:SHOWN])
        if unmarked:
            result.append({"template": "events/start_attendance.html", "events": unmarked})
    return result


def open_for(person: User) -> QuerySet[Event]:
    """Events of the person's municipality still taking registrations that are open to them (`services.open_to`:
    their own school's, the municipality's and wider ones) and not full, that they are not registered for."""
    taken = (Registration.objects.filter(event=OuterRef("pk")).order_by().values("event")
             .annotate(count=Count("pk")).values("count"))
    now = timezone.now()
    municipality = Organisation.objects.filter(pk=person.organisation_id).values("municipality_id")
    return (Event.objects.filter(municipality_id=Subquery(municipality), status=Event.Status.PLANNED)
            .filter(Q(registration_deadline__gt=now) | Q(registration_deadline__isnull=True, starts_at__gt=now))
            .filter(~Q(level=Level.ORGANISATION) | Q(organisation__isnull=True)
                    | Q(organisation_id=person.organisation_id))
            .exclude(registrations__person=person)
            .annotate(taken=Coalesce(Subquery(taken), 0))
            .filter(Q(capacity__isnull=True) | Q(capacity__gt=F("taken")))
            .annotate(places_left=F("capacity") - F("taken"))
            .order_by("starts_at", "pk"))


def registrations_ahead(person: User) -> QuerySet[Registration]:
    """The person's registrations for events that have not ended, the nearest first."""
    return (Registration.objects.filter(person=person, event__ends_at__gte=timezone.now())
            .select_related("event").order_by("event__starts_at", "pk"))


def attendance_to_mark(user: User) -> QuerySet[Event]:
    """Events of the municipalities where `user` is a methodist that have begun, are not cancelled and whose
    attendance nobody has marked yet (marking it makes the event held), the oldest first."""
    municipalities = [assignment.municipality_id for assignment in active_assignments(user)
                      if assignment.role == Role.METHODIST and assignment.municipality_id]
    return (Event.objects.filter(municipality_id__in=municipalities, status=Event.Status.PLANNED,
                                 starts_at__lte=timezone.now())
            .annotate(registered=Count("registrations")).order_by("starts_at", "pk"))
