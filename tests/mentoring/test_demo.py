"""The demo's mentoring: in every demo municipality pairs proposed, active by the director's signed order and
ended with an evaluation; a second run adds none."""
import pytest

from accounts.models import Municipality, User
from demo.mentoring import seed_mentoring
from demo.region import load_demo
from mentoring.models import Mentorship
from orders.models import Order

pytestmark = pytest.mark.django_db


def test_every_demo_municipality_has_pairs_in_each_state_and_a_second_run_adds_none():
    load_demo(cases=False)
    added = seed_mentoring()
    municipalities = [municipality for municipality in Municipality.objects.exclude(slug="")
                      if User.objects.filter(username=f"director.{municipality.slug}").exists()]
    assert municipalities and added == 6 * len(municipalities)
    for municipality in municipalities:
        pairs = Mentorship.objects.filter(organisation__municipality=municipality)
        assert sorted(pairs.values_list("status", flat=True)) == ["active"] * 2 + ["ended"] * 2 + ["proposed"] * 2
        assert not pairs.filter(status="ended", evaluated_by__isnull=True).exists()
        assert not pairs.filter(status="active", order__status=Order.Status.DRAFT).exists()
        assert pairs.filter(status="active", order__by_organisation=True).count() == 2
    before = Mentorship.objects.count()
    assert seed_mentoring() == 0 and Mentorship.objects.count() == before
