"""The demo's events: a school year of them in every municipality, held ones with attendance marked, coming ones
with places taken, one full and one cancelled, the teacher's ИОМ activity done by a seminar, and a second run
adds none of them again."""
import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from accounts.models import Municipality
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_every_municipality_has_a_year_of_events_at_every_state(demo_region):
    for municipality in Municipality.objects.all():
        events = Event.objects.filter(municipality=municipality)
        assert events.count() >= 20, municipality.slug
        assert {"planned", "held", "cancelled"} <= set(events.values_list("status", flat=True)), municipality.slug
        held = Registration.objects.filter(event__municipality=municipality, event__status="held")
        assert held.filter(attended=True).exists() and held.filter(attended=False).exists()
        full = [event for event in events.filter(status="planned", capacity__isnull=False)
                if event.registrations.count() == event.capacity]
        assert full, municipality.slug


def test_the_teacher_s_route_activity_is_done_by_the_seminar_they_attended(demo_region):
    for municipality in Municipality.objects.all():
        linked = Registration.objects.get(person__username=f"teacher.{municipality.slug}", activity__isnull=False)
        assert linked.attended and linked.activity.is_done
        assert linked.activity.evidence_link.endswith(linked.event.get_absolute_url())


def test_a_second_run_adds_no_events(demo_region):
    before = (Event.objects.count(), Registration.objects.count())
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    assert (Event.objects.count(), Registration.objects.count()) == before
