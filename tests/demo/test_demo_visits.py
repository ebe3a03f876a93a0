"""The demo's visits and consultations: this academic year's approved schedule in every municipality, visits
made with recommendations at every state and visits ahead, consultations for every audience; a second run
adds none."""
import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from accounts.models import Municipality
from visits.models import Consultation, Recommendation, Visit, VisitSchedule

pytestmark = pytest.mark.django_db


def test_every_municipality_has_an_approved_schedule_with_visits_made_and_ahead(demo_region):
    for municipality in Municipality.objects.all():
        schedule = VisitSchedule.objects.get(municipality=municipality)
        assert schedule.approved_at is not None, municipality.slug
        statuses = set(Visit.objects.filter(schedule=schedule).values_list("status", flat=True))
        assert statuses == {"planned", "done", "cancelled"}, municipality.slug
        assert Consultation.objects.filter(municipality=municipality).values("audience").distinct().count() == 3


def test_recommendations_stand_executed_overdue_and_open_and_reach_the_director(demo_region):
    done = Recommendation.objects.filter(status=Recommendation.Status.DONE)
    assert done.count() == Municipality.objects.count()
    assert all(item.executed_by.username.startswith("head.") and item.execution for item in done)
    assert any(item.is_overdue for item in Recommendation.objects.filter(status=Recommendation.Status.OPEN))
    assert Visit.objects.filter(organisation__is_low_results=True, status=Visit.Status.DONE).exists()


def test_seeding_again_adds_no_visit_or_consultation(demo_region):
    before = (Visit.objects.count(), Recommendation.objects.count(), Consultation.objects.count())
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    assert (Visit.objects.count(), Recommendation.objects.count(), Consultation.objects.count()) == before
