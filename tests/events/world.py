"""Events of one municipality: a seminar ahead, with the school of tests.school, and a helper for more."""
from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Event, EventForm


def seminar(methodist, *, days: int = 7, **fields) -> Event:
    """A planned municipal seminar of the methodist's municipality, `days` from now, two hours long."""
    starts = timezone.now() + timedelta(days=days)
    values = {"form": EventForm.SEMINAR, "title": "Смысловое чтение на уроках математики", "starts_at": starts,
              "ends_at": starts + timedelta(hours=2), "methodist": methodist, "place": "ИМЦ, ауд. 12"}
    municipality = methodist.role_assignments.get().municipality
    return services.create_event(methodist, municipality=municipality, **{**values, **fields})


def happened(event: Event, days: int = 1) -> Event:
    """The event took place `days` ago (what a test does instead of waiting for it)."""
    shift = event.starts_at - (timezone.now() - timedelta(days=days))
    Event.objects.filter(pk=event.pk).update(starts_at=event.starts_at - shift, ends_at=event.ends_at - shift,
                                             registration_deadline=None)
    event.refresh_from_db()
    return event


@pytest.fixture
def event(school) -> Event:
    return seminar(school.methodist)
