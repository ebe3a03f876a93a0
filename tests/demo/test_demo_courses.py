"""The demo's courses: every region lists its providers and programmes; every municipality has completions of
last year and this one with certificates, both schools' needs for this year and the plan consolidated from
them with a programme chosen; a second run adds nothing."""
import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import Municipality
from courses.models import CertificateFile, CourseCompletion, CourseNeed, CoursePlan, Provider

pytestmark = pytest.mark.django_db


def test_every_municipality_has_completions_needs_and_this_years_plan(demo_region):
    year = timezone.localdate().year
    for municipality in Municipality.objects.all():
        assert set(Provider.objects.filter(region=municipality.region).values_list("kind", flat=True)) == {
            "regional_institute", "academy", "cnppm"}, municipality.slug
        completions = CourseCompletion.objects.filter(municipality=municipality)
        assert {completion.ends_on.year for completion in completions} == {year - 1, year}, municipality.slug
        assert CertificateFile.objects.filter(completion__municipality=municipality).exists()
        assert CourseNeed.objects.filter(municipality=municipality, year=year).values("organisation").distinct(
        ).count() == 2, municipality.slug
        plan = CoursePlan.objects.get(municipality=municipality, year=year)
        assert plan.items.filter(course__isnull=False).exists() and plan.items.filter(organisations_count=2).exists()


def test_seeding_again_adds_no_course_record(demo_region):
    before = (CourseCompletion.objects.count(), CourseNeed.objects.count(), CoursePlan.objects.count(),
              CoursePlan.history.count())
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    assert (CourseCompletion.objects.count(), CourseNeed.objects.count(), CoursePlan.objects.count(),
            CoursePlan.history.count()) == before
