"""A small generated region is built with the benchmark's generator and driven through the real services.

The generator simulates the flows node by node; when a flow changes and the generator does not follow,
`bench.check` finds cases the services cannot move on, and this test fails in CI instead of at the next
benchmark run.
"""
import argparse

import pytest
from viewflow.workflow.models import Task

from bench import check, generate
from routes.models import IndividualRoute
from materials.models import Material
from orders.models import Order
from platforms.models import AnnualReport, CouncilProtocol, Internship, Site, SiteApplication

pytestmark = pytest.mark.django_db(transaction=True)

# Enough schools for ten experts per municipality, so that replacements and further experts find someone.
SMALL_REGION = ["--municipalities", "2", "--teachers", "400", "--organisations", "80", "--years", "1",
                "--tasks", "3000", "--material-share", "0.6", "--grants", "60", "--inbox", "5",
                "--seed", "1", "--today", "2026-11-02"]

# Steps the small region is known to hold cases at: each must be moved on by the services.
EXPECTED_MOVES = ["route agreement →", "route implementation → evaluation", "route evaluation → closed",
                  "material check → expert_assignment", "material expert_assignment → expertise",
                  "material expertise (review) →", "material decision → published", "material revision → expertise",
                  "site check → expert_assignment", "site expertise →", "site order → granted"]


def test_a_small_generated_region_can_be_worked_on_through_the_services(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert generate.main(SMALL_REGION) == 0
    assert Task.objects.count() >= 3000
    assert IndividualRoute.objects.exists() and Material.objects.exists()
    assert_sites_generated()

    outcome = check.check(argparse.Namespace(routes=2, materials=2))

    printed = capsys.readouterr().out
    assert outcome == 0, printed
    assert [move for move in EXPECTED_MOVES if move not in printed] == [], printed


def assert_sites_generated():
    """The sites of the region: applications at the steps of their flow and decided, orders, the register
    with its reports and internships, each application's open task the one its status names."""
    statuses = set(SiteApplication.objects.values_list("status", flat=True))
    assert {"draft", "check", "expertise", "granted", "refused"} <= statuses, statuses
    granted = SiteApplication.objects.filter(status="granted")
    assert Site.objects.filter(application__in=granted).count() == granted.count() > 0
    assert Site.objects.exclude(level="municipal").filter(application=None).exists()
    assert not Order.objects.exclude(status="signed").exists()
    assert Order.objects.filter(subject="site_status").count() == granted.count()
    assert CouncilProtocol.objects.count() >= granted.count()
    assert not Site.objects.filter(level="municipal", reports=None).exists()  # a report for each year of the term
    assert AnnualReport.objects.count() >= granted.count()
    assert Internship.objects.filter(status="completed").exists()
    waiting = {"check": "check", "expert_assignment": "assign_experts", "protocol": "protocol", "order": "order"}
    for application in SiteApplication.objects.filter(status__in=waiting):
        open_tasks = Task.objects.filter(process_id=application.process_id, status__in=["NEW", "ASSIGNED"])
        assert [task.flow_task.name for task in open_tasks] == [waiting[application.status]], application.number
