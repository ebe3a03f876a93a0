"""The benchmark's generator of visits writes rows the register reads as its own: a year's schedule per
municipality with the low-result school visited monthly, reported visits with recommendations at every state,
and consultations; the foreign keys and the constraints hold."""
from datetime import datetime, timedelta, timezone as dt_timezone
from types import SimpleNamespace

import pytest
from django.db import connection

from bench.clock import Clock
from bench.places import Place, School
from bench.visits import VisitRegion
from visits.models import Consultation, Recommendation, Visit, VisitSchedule
from visits.selectors import recommendation_rows, visit_rows

from tests.visits.world import world  # noqa: F401  fixture

pytestmark = pytest.mark.django_db


def test_the_generated_visits_are_the_registers_own(world, monkeypatch):
    monkeypatch.setattr(VisitRegion, "analyze", lambda self: None)  # VACUUM runs outside a test's transaction
    now = datetime(2026, 12, 2, 9, tzinfo=dt_timezone.utc)
    place = Place(id=world.municipality.pk, slug="novotroitsk", index=0, methodists=[world.methodist.pk],
                  officer=world.officer.pk)
    place.schools = [School(id=world.school.pk, municipality=place, director=world.director.pk),
                     School(id=world.other_school.pk, municipality=place, director=world.other_director.pk)]
    region = SimpleNamespace(args=SimpleNamespace(seed=1), connection=connection, now=now,
                             window_start=now - timedelta(days=365), places=[place])
    written = VisitRegion(region).generate(Clock())
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the foreign keys are checked now, not at a commit
    assert written["visits"] == Visit.objects.count() > 0
    assert sorted(VisitSchedule.objects.values_list("year", flat=True)) == [2025, 2026]
    assert Visit.objects.filter(organisation=world.school, schedule__year=2025).count() == 9
    assert set(Visit.objects.values_list("status", flat=True)) >= {"done", "planned"}
    assert set(Recommendation.objects.values_list("status", flat=True)) == {"done", "open"}
    assert Consultation.objects.exists() and Visit.history.count() == Visit.objects.count()
    _form, visits = visit_rows(world.methodist, {"year": "2026"})
    assert visits.count() == Visit.objects.filter(schedule__year=2026).count()
    _form, rows = recommendation_rows(world.director, {})
    assert set(rows.values_list("organisation", flat=True)) == {world.school.pk}
    assert list(visit_rows(world.elsewhere_methodist, {})[1]) == []
