from datetime import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from workflows.models.cases import next_case_number
from workflows.chains import add_working_days, chain_for, snapshot
from workflows.models import ChainStep, ReviewerScope
from routes.types import ROUTE
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_a_municipality_starts_with_the_default_route_chain():
    chain = chain_for(MunicipalityFactory(), ROUTE.key)

    assert [step["code"] for step in snapshot(chain)] == [
        "mentor_agreement", "lead_agreement", "director_approval", "evaluation",
    ]
    assert chain.version == 1


def test_editing_a_chain_raises_its_version_and_leaves_earlier_snapshots_alone():
    chain = chain_for(MunicipalityFactory(), ROUTE.key)
    started_with = snapshot(chain)

    ChainStep.objects.create(chain=chain, order=3, code="methodist_agreement", title="Согласование методистом",
                             role=Role.METHODIST, reviewer_scope=ReviewerScope.MUNICIPALITY, deadline_days=2)
    chain.refresh_from_db()

    assert chain.version == 2
    assert "methodist_agreement" in [step["code"] for step in snapshot(chain)]
    assert "methodist_agreement" not in [step["code"] for step in started_with]


def test_each_municipality_edits_its_own_copy():
    first, second = MunicipalityFactory(), MunicipalityFactory()
    chain_for(first, ROUTE.key).steps.filter(code="mentor_agreement").delete()

    assert len(snapshot(chain_for(first, ROUTE.key))) == 3
    assert len(snapshot(chain_for(second, ROUTE.key))) == 4


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (datetime(2026, 11, 23, 10), 1, datetime(2026, 11, 24, 23, 59, 59)),  # Monday → Tuesday
        (datetime(2026, 11, 27, 10), 1, datetime(2026, 11, 30, 23, 59, 59)),  # Friday → Monday
        (datetime(2026, 11, 28, 10), 5, datetime(2026, 12, 4, 23, 59, 59)),  # Saturday → next Friday
    ],
)
def test_deadlines_count_working_days(start, days, due):
    assert add_working_days(timezone.make_aware(start), days) == timezone.make_aware(due)


def test_case_numbers_run_per_prefix_and_year():
    year = timezone.localdate().year

    assert next_case_number("ИОМ") == f"ИОМ-{year}-000001"
    assert next_case_number("ИОМ") == f"ИОМ-{year}-000002"
    assert next_case_number("МАТ") == f"МАТ-{year}-000001"
