"""The demo's work plans: last year's and this year's in every municipality, approved, their items at every
status and last year's analysis written; a second run adds none."""
import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import Municipality
from workplan.models import PlanItem, WorkPlan
from workplan.selectors import execution

pytestmark = pytest.mark.django_db


def test_every_municipality_has_last_and_this_years_approved_plan(demo_region):
    year = timezone.localdate().year
    for municipality in Municipality.objects.all():
        plans = WorkPlan.objects.filter(municipality=municipality)
        assert sorted(plans.values_list("year", flat=True)) == [year - 1, year], municipality.slug
        assert not plans.filter(approved_at__isnull=True).exists()
        last = plans.get(year=year - 1)
        assert last.analysis and not last.items.filter(status__in=["planned", "in_progress"]).exists()
        _sections, total = execution(last)
        assert (total.late, total.not_done) == (1, 1) and total.on_time == total.total - 2


def test_the_items_stand_at_every_status_with_a_result_when_closed(demo_region):
    assert set(PlanItem.objects.values_list("status", flat=True)) >= {"done", "not_done", "planned"}
    assert not PlanItem.objects.filter(status__in=PlanItem.CLOSED, result="").exists()
    assert PlanItem.objects.exclude(indicator="").exists()


def test_seeding_again_adds_no_plan_or_item(demo_region):
    before = (WorkPlan.objects.count(), PlanItem.objects.count())
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    assert (WorkPlan.objects.count(), PlanItem.objects.count()) == before
