"""The demo's associations at work: in every municipality members, this year's plan on the members'
deficits, meetings held with their protocol and later ones announced; a second run adds nothing."""
import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import Municipality
from associations.models import Attendance, Meeting, MeetingPlan, Membership, PlannedMeeting
from associations.selectors import meetings_per_year

pytestmark = pytest.mark.django_db


def test_every_municipalitys_associations_have_members_a_plan_and_meetings(demo_region):
    year = timezone.localdate().year
    for municipality in Municipality.objects.all():
        plans = MeetingPlan.objects.filter(association__municipality=municipality, year=year)
        assert plans.count() == municipality.associations.count() > 0, municipality.slug
        assert Membership.objects.filter(association__municipality=municipality).exists()
        held = Meeting.objects.filter(association__municipality=municipality, held_on__lte=timezone.localdate())
        assert meetings_per_year(municipality, year) == held.filter(held_on__year=year).count()
    assert PlannedMeeting.objects.filter(deficits__isnull=False).exists()  # built on the members' deficits
    assert Attendance.objects.filter(present=False).exists() and Attendance.objects.filter(present=True).exists()


def test_seeding_again_adds_no_association_record(demo_region):
    models = (Membership, MeetingPlan, PlannedMeeting, Meeting, Attendance)
    before = [model.objects.count() for model in models]
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    assert [model.objects.count() for model in models] == before
