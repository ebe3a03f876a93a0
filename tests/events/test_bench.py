"""The benchmark's generator of events writes rows the product reads: the seed's ≥ 570 events a year in a
municipality, held ones with attendance, coming ones planned, registrations within the places, history."""
from argparse import Namespace
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bench.clock import Clock
from bench.events import EventRegion
from bench.places import Place, School
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_the_generated_events_fill_a_year_and_the_register_and_calendar_read_them(client, school, monkeypatch):
    monkeypatch.setattr(EventRegion, "analyze", lambda self: None)  # VACUUM runs outside the test's transaction
    now = timezone.now()
    municipality = school.organisation.municipality
    place = Place(id=municipality.pk, slug=municipality.slug, index=0, methodists=[school.methodist.pk])
    place.schools.append(School(id=school.organisation.pk, municipality=place, director=school.director.pk,
                                teachers=[school.teacher.pk, school.mentor.pk, school.lead.pk]))
    place.schools.append(School(id=school.other.pk, municipality=place, teachers=[school.other_teacher.pk]))
    region = Namespace(args=Namespace(seed=1), now=now, window_start=now - timedelta(days=365), places=[place],
                       connection=connection)

    written = EventRegion(region).generate(Clock())

    past_year = Event.objects.filter(starts_at__gte=now - timedelta(days=365), starts_at__lt=now)
    assert past_year.count() >= 570 and written["events"] == Event.objects.count()
    assert set(Event.objects.values_list("status", flat=True)) == {"planned", "held", "cancelled"}
    assert not Registration.objects.filter(event__status="planned", attended__isnull=False).exists()
    assert Registration.objects.filter(event__status="held", attended=True).exists()
    assert Event.history.count() == Event.objects.count()
    client.force_login(school.methodist)
    assert client.get(reverse("events:index")).context["page"].paginator.count == Event.objects.count()
    month = client.get(reverse("public-calendar", args=[municipality.slug]))
    assert sum(len(events) for week in month.context["month"].weeks for _day, events in week) > 30
