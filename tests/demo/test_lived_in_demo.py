"""The demo region is lived in: every municipality has cases in every state of every process, diagnostics,
young teachers' surveys and practices in the bank, and seeding it again adds nothing."""
from collections import Counter

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from accounts.models import Municipality
from materials.bank import published_materials
from routes.models import Diagnostics, Recommendation, YoungTeacherSurvey
from workflows.models import CaseEvent, Notification
from workflows.types import case_types

pytestmark = pytest.mark.django_db


def cases_by_state() -> Counter:
    return Counter(
        (slug, case_type.key, status)
        for case_type in case_types()
        for slug, status in case_type.model.objects.values_list("municipality__slug", "status")
    )


def test_every_municipality_has_a_case_in_every_state_of_every_process(demo_region):
    found = cases_by_state()
    # The states come from each process's own Status, so a state added to a flow and not to the demo fails here.
    expected = {(slug, case_type.key, status)
                for slug in Municipality.objects.values_list("slug", flat=True)
                for case_type in case_types() for status in case_type.model.Status.values}

    assert Municipality.objects.count() == 5
    assert sorted(expected - set(found)) == []


def test_every_agreement_step_of_a_chain_has_a_route_waiting_at_it(demo_region):
    from routes.models import IndividualRoute
    from workflows.chains import chain_for
    from workflows.models import Stage

    for municipality in Municipality.objects.all():
        titles = set(chain_for(municipality, "route").steps.filter(stage=Stage.AGREEMENT)
                     .values_list("title", flat=True))
        waiting = {route.current_step for route in IndividualRoute.objects.filter(
            municipality=municipality, status=IndividualRoute.Status.AGREEMENT)}
        assert titles <= waiting, municipality.slug


def test_every_municipality_has_diagnostics_surveys_and_bank_practices(demo_region):
    for municipality in Municipality.objects.all():
        diagnostics = Diagnostics.objects.filter(organisation__municipality=municipality)
        assert diagnostics.filter(deficits__isnull=False).distinct().count() >= 5, municipality.slug
        assert Recommendation.objects.filter(diagnostics__in=diagnostics).exists(), municipality.slug
        assert YoungTeacherSurvey.objects.filter(organisation__municipality=municipality).count() >= 2
        assert published_materials().filter(municipality=municipality).count() >= 3, municipality.slug


def test_the_cases_went_through_the_steps_that_leave_a_timeline_and_notices(demo_region):
    kinds = set(CaseEvent.objects.values_list("kind", flat=True))

    assert {CaseEvent.Kind.RETURNED, CaseEvent.Kind.REJECTED, CaseEvent.Kind.RESUBMITTED, CaseEvent.Kind.ACTIVITY_DONE,
            CaseEvent.Kind.AMENDMENT, CaseEvent.Kind.REPORT, CaseEvent.Kind.EVALUATED, CaseEvent.Kind.CLOSED} <= kinds
    assert Notification.objects.filter(recipient__username="methodist.tomsk").exists()


def test_seeding_the_demo_again_adds_nothing(demo_region):
    before = cases_by_state(), CaseEvent.objects.count(), Diagnostics.objects.count(), Notification.objects.count()

    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)

    assert (cases_by_state(), CaseEvent.objects.count(), Diagnostics.objects.count(),
            Notification.objects.count()) == before
