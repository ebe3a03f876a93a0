"""Schemathesis over the whole API, as a teacher and as a methodist of one municipality: every operation,
a bounded number of generated requests each, and no answer may be a 500, use a status or a content type the
schema does not name, or break the schema of its response.

Generated ids would nearly always name nothing; half of them are moved onto the cases, tasks and activities
of the world built here, so the answers for real objects (drafts, routes in implementation, materials in
expertise, published practices) are checked against the schema too. Each role's run is one test in one
transaction, rolled back at its end.
"""
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from knox.models import AuthToken
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
    status_code_conformance)

from routes import services as route_services
from routes.models import IndividualRoute, RouteActivity
from tests.api.test_permissions import in_implementation
from tests.expertise import in_expertise, published
from materials.models import Material
from workflows.services import open_tasks

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Per operation and role; the API has grown to where more would not fit the suite in CI's 15 minutes.
EXAMPLES = 4


@contextmanager
def in_the_test_transaction():
    """Requests to Django's WSGI handler in the test's transaction: at the end of a request Django closes a
    connection that is inside a transaction (its test client keeps it open the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(school, expertise, make_route) -> dict:
    """A municipality with a case at every stage: ids by the kind of object they name."""
    draft = make_route(school.teacher)
    implementing = in_implementation(school, make_route)
    agreeing = route_services.submit(make_route(school.teacher), school.teacher)
    reviewing = in_expertise(expertise)
    practice = published(expertise, "Проектная деятельность", "Серия уроков")
    materials = list(Material.objects.values_list("pk", flat=True))
    cases = [*IndividualRoute.objects.values_list("pk", flat=True), *materials]
    tasks = [task.pk for case in (implementing, agreeing, reviewing) for task in open_tasks(case)]
    return {
        "routes": [draft.pk, implementing.pk, agreeing.pk],
        "materials": materials,
        "bank": [practice.pk],
        "tasks": tasks,
        "activities": list(RouteActivity.objects.values_list("pk", flat=True)),
        "cases": cases,
    }


def fresh_token(user) -> str:
    """A token for one request: signing out (`/api/auth/logout/`) revokes the token it is sent with."""
    _instance, token = AuthToken.objects.create(user=user)
    return token


@pytest.fixture(params=["teacher", "methodist"])
def api_schema(request, school, world):
    with in_the_test_transaction():
        schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
        schema.world = world
        schema.user = getattr(school, request.param)
        yield schema


def onto_the_world(case, world: dict) -> None:
    """Move every other generated id onto an object of the world, of the kind the path names."""
    kind = case.path.split("/")[2]
    for name, value in list((case.path_parameters or {}).items()):
        if not isinstance(value, int) or value % 2:
            continue
        pool = world["activities"] if name == "activity_id" else world.get(kind) or world["cases"]
        case.path_parameters[name] = pool[(value // 2) % len(pool)]


def failures_of(api_schema, mode: GenerationMode, checks: list, examples: int = EXAMPLES,
                answers: dict | None = None) -> list[str]:
    """Each operation's first failing request, as text; `answers` collects the statuses of each operation."""
    found = []
    answers = {} if answers is None else answers
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  phases=[Phase.explicit, Phase.generate], database=None)
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            onto_the_world(case, api_schema.world)
            response = case.call_and_validate(headers={"Authorization": f"Token {fresh_token(api_schema.user)}"},
                                              checks=checks)
            answers.setdefault(operation.label, set()).add(response.status_code)

        try:
            run()
        except Unsatisfiable:  # nothing of the operation can be made invalid: it takes no parameters, no body
            continue
        except (Exception, BaseExceptionGroup) as error:  # every operation runs, failures are reported together
            found.append(f"{operation.label}: {error}")
    return found


def test_the_api_answers_as_its_schema_says(api_schema):
    answers: dict = {}

    failures = failures_of(api_schema, GenerationMode.POSITIVE, CHECKS, answers=answers)

    assert not failures, "\n\n".join(failures)
    # The generated ids reached the world's cases, so real objects' answers were checked, not only 404s.
    for label in ("GET /api/routes/{id}/", "GET /api/materials/{id}/", "GET /api/bank/{id}/",
                  "GET /api/routes/{id}/timeline/"):
        assert 200 in answers[label], (label, answers[label])


def test_invalid_requests_are_refused_without_a_server_error(api_schema):
    failures = failures_of(api_schema, GenerationMode.NEGATIVE, [not_a_server_error], examples=2)

    assert not failures, "\n\n".join(failures)
