"""Two reviewers completing the same task at once, on two real database connections."""
import threading
import time

import pytest
from django.db import connection, transaction
from viewflow.workflow.models import Process

from accounts.models import Role
from routes import services
from workflows.models import CaseEvent
from workflows.services import TaskAlreadyDone
from tests.factories import RoleAssignmentFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_at_once_record_exactly_one_decision(school, make_route):
    second_lead = UserFactory(username="lead.a2", organisation=school.organisation)
    RoleAssignmentFactory(user=second_lead, role=Role.LEAD, organisation=school.organisation)
    route = services.submit(make_route(school.teacher), school.teacher)
    outcomes: dict[str, str] = {}
    started = threading.Barrier(3)

    def decide(reviewer, decision, comment):
        started.wait()
        try:
            services.review(route, reviewer, decision, comment)
            outcomes[reviewer.username] = "decided"
        except TaskAlreadyDone:
            outcomes[reviewer.username] = "already done"
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=decide, args=(school.lead, "approve", "")),
               threading.Thread(target=decide, args=(second_lead, "return", "Не согласен"))]
    # Hold the process row so that both reviewers are inside `decide` waiting for it at the same time.
    with transaction.atomic():
        Process.objects.select_for_update().get(pk=route.process_id)
        for thread in threads:
            thread.start()
        started.wait()
        time.sleep(0.5)
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["already done", "decided"]
    decisions = CaseEvent.objects.filter(process_id=route.process_id,
                                         kind__in=[CaseEvent.Kind.APPROVED, CaseEvent.Kind.RETURNED])
    assert decisions.count() == 1
