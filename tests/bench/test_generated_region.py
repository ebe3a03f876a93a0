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
from workflows.models import Material

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_REGION = ["--municipalities", "2", "--teachers", "150", "--years", "1", "--tasks", "400",
                "--grants", "60", "--inbox", "5", "--seed", "7", "--today", "2026-11-02"]


def test_a_small_generated_region_can_be_worked_on_through_the_services(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert generate.main(SMALL_REGION) == 0
    assert Task.objects.count() >= 400
    assert IndividualRoute.objects.exists() and Material.objects.exists()

    outcome = check.check(argparse.Namespace(routes=2, materials=2))

    printed = capsys.readouterr().out
    assert outcome == 0, printed
    assert " → " in printed  # cases were moved on, not merely inspected
