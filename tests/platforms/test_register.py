"""The register: a granted application entered by its order, an extension, a regional status recorded from
outside, revocation by order, and the share of organisations with a status."""
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from platforms.models import AnnualReport, Site, SiteLevel
from platforms.register import enter_site, record_external, revoke_site, share_of_organisations_with_status
from tests.platforms.register_world import (  # noqa: F401  fixtures
    STARTS, entered_site, grant, granted_application, revocation, world,
)

pytestmark = pytest.mark.django_db


def test_a_granted_application_enters_the_register_for_its_term(world):
    application = granted_application(world, term_years=2)
    site = grant(world, application)

    assert (site.organisation, site.kind, site.topic, site.level) == (
        world.school, application.kind, application.topic, SiteLevel.MUNICIPAL)
    assert (site.starts_on, site.ends_on) == (STARTS, date(2028, 8, 31))
    assert site.status == Site.Status.ACTIVE and site.curator == world.methodist
    assert site.granted_by.number == "17-од" and site.application == application
    assert [(r.year_of_term, r.opens_on, r.due_on) for r in site.reports.all()] == [
        (1, date(2027, 8, 1), date(2027, 9, 1)), (2, date(2028, 7, 31), date(2028, 8, 31))]
    timer = Task.objects.get(process=site.process, flow_task_type="TIMER", status=STATUS.SCHEDULED)
    assert timezone.localtime(timer.scheduled).date() == date(2027, 8, 1)


def test_entering_the_same_application_twice_keeps_one_site(world):
    application = granted_application(world)
    site = grant(world, application)

    assert enter_site(application, site.granted_by) == site
    assert Site.objects.count() == 1


def test_an_extension_marks_the_old_site_extended_and_continues_it(world):
    old = grant(world, granted_application(world))
    application = granted_application(world, extends=old, term_years=3)

    new = grant(world, application, number="55-од", starts_on=date(2028, 9, 1))

    old.refresh_from_db()
    assert old.status == Site.Status.EXTENDED and new.continues == old and old.continued_by == new
    assert new.ends_on == date(2031, 8, 31) and new.reports.count() == 3


def test_revocation_by_order_ends_the_term_process(world, entered_site):
    site = entered_site
    order = revocation(world, site)

    revoke_site(site, order)

    site.refresh_from_db()
    assert site.status == Site.Status.REVOKED and site.revoked_by == order
    assert site.process.status == PROCESS.CANCELED
    assert not Task.objects.filter(process=site.process, finished__isnull=True).exists()
    assert not site.reports.filter(status=AnnualReport.Status.SCHEDULED).exists()
    with pytest.raises(ValidationError):
        revoke_site(site, order)


def test_the_share_of_organisations_with_a_status_is_read_from_the_register(world):
    first = grant(world, granted_application(world, world.schools[0]))
    grant(world, granted_application(world, world.schools[1]), number="18-од")
    grant(world, granted_application(world, world.schools[1], topic="Второй проект"), number="19-од")
    revoked = grant(world, granted_application(world, world.schools[2]), number="20-од")
    revoke_site(revoked, revocation(world, revoked))

    assert tuple(share_of_organisations_with_status(world.municipality, on=date(2027, 11, 1))) == (2, 8, 25)
    assert share_of_organisations_with_status(world.municipality, on=date(2027, 11, 1)).meets_target
    assert tuple(share_of_organisations_with_status(world.municipality, on=date(2026, 8, 31))) == (0, 8, 0)
    assert first.ends_on < date(2028, 9, 1)
    assert tuple(share_of_organisations_with_status(world.municipality, on=date(2028, 9, 1))) == (0, 8, 0)


def test_a_regional_status_is_recorded_with_its_issuing_body_and_document(world):
    fields = dict(organisation=world.other_school, kind="base", level=SiteLevel.REGIONAL, topic="Наставничество",
                  starts_on=date(2026, 1, 1), ends_on=date(2028, 12, 31))

    with pytest.raises(ValidationError) as missing:
        record_external(world.methodist, issuing_body="", issuing_document=" ", **fields)
    assert set(missing.value.message_dict) == {"issuing_body", "issuing_document"}
    with pytest.raises(PermissionDenied):
        record_external(world.elsewhere_methodist, issuing_body="Минобр", issuing_document="Приказ № 1", **fields)
    with pytest.raises(PermissionDenied):
        record_external(world.auditor, issuing_body="Минобр", issuing_document="Приказ № 1", **fields)
    assert not Site.objects.exists()

    site = record_external(world.officer, issuing_body="Министерство образования края",
                           issuing_document="Приказ от 10.01.2026 № 12", **fields)
    assert site.level == SiteLevel.REGIONAL and site.status == Site.Status.ACTIVE
    assert not site.reports.exists()  # a regional site reports to the region
    assert site.process.status == PROCESS.NEW
