"""The benchmark's generator of work plans writes rows the product reads: a plan a year per municipality,
its items at every status, a closed item always with its result, the history's creation records."""
from argparse import Namespace
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from bench.clock import Clock
from bench.places import Place, School
from bench.vocabulary import UTC
from bench.workplan import ITEMS_PER_PLAN, WorkPlanRegion
from workplan.models import PlanItem, WorkPlan

pytestmark = pytest.mark.django_db


def test_the_generated_plans_are_read_by_the_items_page(client, plan_world, monkeypatch):
    monkeypatch.setattr(WorkPlanRegion, "analyze", lambda self: None)  # VACUUM runs outside the test's transaction
    plan_world.plan.delete()
    now = datetime(2026, 11, 2, 9, tzinfo=UTC)
    place = Place(id=plan_world.municipality.pk, slug="s", index=0, methodists=[plan_world.methodist.pk],
                  officer=plan_world.officer.pk)
    place.schools.append(School(id=plan_world.school.pk, municipality=place, lead=plan_world.lead.pk,
                                director=plan_world.director.pk))
    region = Namespace(args=Namespace(seed=1), now=now, window_start=now - timedelta(days=365),
                       places=[place], connection=connection)

    written = WorkPlanRegion(region).generate(Clock())

    assert written["work plans"] == 2 and written["work plan items"] == 2 * ITEMS_PER_PLAN
    assert set(PlanItem.objects.values_list("status", flat=True)) == {"planned", "in_progress", "done", "not_done"}
    assert not PlanItem.objects.filter(status__in=PlanItem.CLOSED, result="").exists()
    assert PlanItem.history.count() == 2 * ITEMS_PER_PLAN
    client.force_login(plan_world.methodist)
    response = client.get(reverse("workplan:index"), {"year": 2026})
    assert response.context["page"].paginator.count == ITEMS_PER_PLAN
    assert WorkPlan.objects.filter(year=2025).exclude(analysis="").exists()
