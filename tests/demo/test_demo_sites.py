"""The demo's sites: each municipality's register as its seed names it, one open call, the department's signed
orders in the journal, annual reports at several states, internships held and to come, and a second run
adds none of them again."""
import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from accounts.models import Municipality
from orders.models import Order
from platforms.models import AnnualReport, Call, Internship, Site, SiteApplication, SiteKind, SiteLevel
from platforms.register import share_of_organisations_with_status

pytestmark = pytest.mark.django_db


def counts() -> tuple:
    return (Site.objects.count(), Order.objects.count(), AnnualReport.objects.count(), Internship.objects.count(),
            Call.objects.count(), SiteApplication.objects.count())


def test_each_municipality_has_one_open_call_and_its_sites_in_the_register(demo_region):
    for municipality in Municipality.objects.all():
        calls = Call.objects.filter(municipality=municipality)
        assert len([call for call in calls if call.is_open]) == 1, municipality.slug
        sites = Site.objects.filter(municipality=municipality)
        assert sites.filter(level=SiteLevel.MUNICIPAL, granted_by__status=Order.Status.SIGNED).count() == 2
        assert sites.exclude(level=SiteLevel.MUNICIPAL).exclude(issuing_body="").exists(), municipality.slug
        assert share_of_organisations_with_status(municipality).with_status >= 1


def test_the_sites_are_the_seeds_own(demo_region):
    # [004:74] Krasnoyarsk's base sites for young teachers are sites of their kind, not professional communities.
    assert Site.objects.filter(municipality__slug="krasnoyarsk", kind=SiteKind.YOUNG_TEACHERS).exists()
    # [002:176-177] Slavyansk's competition of innovation projects «Инновационный поиск» is the open call.
    slavyansk = Call.objects.get(municipality__slug="slavyansk", title__contains="«Инновационный поиск»")
    assert slavyansk.is_open and slavyansk.deadline.month == 2
    # [000:319] a base site of the Tomsk pedagogical university, recorded with the body that granted it.
    assert Site.objects.filter(municipality__slug="tomsk", kind=SiteKind.BASE, issuing_body__contains="ТГПУ").exists()


def test_orders_reports_and_internships_stand_at_several_states(demo_region):
    assert not Order.objects.exclude(status=Order.Status.SIGNED).exists()
    assert Order.objects.filter(subject=Order.Subject.SITE_REVOCATION).exists()
    assert {Site.Status.ACTIVE, Site.Status.REVOKED, Site.Status.CLOSED} <= set(
        Site.objects.values_list("status", flat=True))
    assert {AnnualReport.Status.SCHEDULED, AnnualReport.Status.OPEN, AnnualReport.Status.SUBMITTED,
            AnnualReport.Status.RETURNED, AnnualReport.Status.ACCEPTED, AnnualReport.Status.FAILED,
            AnnualReport.Status.OVERDUE} <= set(AnnualReport.objects.values_list("status", flat=True))
    assert {Internship.Status.APPLIED, Internship.Status.AGREED, Internship.Status.COMPLETED,
            Internship.Status.NOT_COMPLETED} <= set(Internship.objects.values_list("status", flat=True))


def test_seeding_again_adds_no_site_order_report_or_internship(demo_region):
    before = counts()

    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)

    assert counts() == before
