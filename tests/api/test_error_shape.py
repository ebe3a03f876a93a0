"""Every 4xx of the API has the one documented shape, in Russian, with a code: a walk over every operation of
the live schema with bad requests (an empty body, a body that is no object, a value of the wrong type in
every field, blank text, an unknown id, no sign-in, a method, a media type and an `Accept` the API does not
serve), as a teacher and as a methodist, on real objects and on none."""
from collections import Counter

import pytest
from rest_framework.test import APIClient

from routes import services as route_services
from tests.api import token_client
from tests.api.problems import problem_of
from tests.api.test_permissions import in_implementation
from tests.expertise import in_expertise, published
from workflows.services import open_tasks

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")
UNKNOWN = 999999


@pytest.fixture
def schema(school) -> dict:
    response = token_client(school.teacher).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def world(school, expertise, make_route) -> dict:
    """Ids of real objects by the kind the path names: a draft, a route in implementation and one being
    agreed; a material in expertise; a published practice; the open tasks."""
    implementing = in_implementation(school, make_route)
    agreeing = route_services.submit(make_route(school.teacher), school.teacher)
    reviewing = in_expertise(expertise)
    return {
        "routes": [make_route(school.teacher).pk, implementing.pk],
        "materials": [reviewing.pk],
        "bank": [published(expertise, "Проектная деятельность", "Серия уроков").pk],
        "tasks": [task.pk for case in (agreeing, reviewing) for task in open_tasks(case)][:2],
        "activity_id": [implementing.activities.first().pk],
    }


def resolved(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def wrong(prop: dict) -> object:
    """A value of another type than the property's."""
    return ["текст"] if prop.get("type") == "string" else "текст"


def bad_bodies(schema: dict, operation: dict) -> list[tuple[str, object]]:
    """(format, body) pairs that no operation accepts."""
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body_format, body_schema = "json", resolved(schema, content["application/json"]["schema"])
    elif "multipart/form-data" in content:
        body_format, body_schema = "multipart", resolved(schema, content["multipart/form-data"]["schema"])
    else:
        return []
    properties = {name: resolved(schema, prop) for name, prop in body_schema.get("properties", {}).items()
                  if not prop.get("readOnly")}
    blank = {name: "" for name, prop in properties.items() if prop.get("minLength")}
    bodies = [(body_format, {})] + ([(body_format, blank)] if blank else [])
    if body_format == "json":
        bodies += [("json", [1]), ("json", {name: wrong(prop) for name, prop in properties.items()})]
    return bodies


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def address(path: str, ids: dict, world: dict) -> str:
    kind = path.split("/")[2]
    for name in ("id", "activity_id"):
        value = ids.get(name) or (world.get("activity_id" if name == "activity_id" else kind) or [UNKNOWN])[0]
        path = path.replace("{%s}" % name, str(value))
    return path


def send(client: APIClient, method: str, url: str, body_format: str | None = None, body=None, **extra):
    if body_format is None:
        return getattr(client, method)(url, **extra)
    return getattr(client, method)(url, body, format=body_format, **extra)


def documented(operation: dict, response) -> bool:
    answer = operation["responses"].get(str(response.status_code), {})
    return "application/problem+json" in answer.get("content", {})


@pytest.fixture
def walk(schema, world):
    """Send each request `requests(path, method, operation)` yields; every 4xx is checked; statuses counted."""
    def run(client: APIClient, requests) -> Counter:
        seen: Counter = Counter()
        for path, method, operation in operations(schema):
            for url, call_method, body_format, body, extra, per_operation in requests(path, method, operation):
                response = send(client, call_method, url, body_format, body, **extra)
                assert response.status_code < 500, (call_method, url, body, response.content[:300])
                if response.status_code >= 400:
                    problem_of(response)
                    if per_operation:
                        assert documented(operation, response), (method, path, response.status_code)
                seen[response.status_code] += 1
        return seen
    return run


@pytest.mark.parametrize("role", ["teacher", "methodist"])
def test_every_refusal_of_a_bad_body_is_problem_details_in_russian(school, world, walk, schema, role):
    def requests(path, method, operation):
        if method == "delete":
            return
        kind = path.split("/")[2]
        pool = (world.get(kind) or [UNKNOWN]) if "{id}" in path else [None]
        for pk in pool:
            url = address(path, {"id": pk} if pk else {}, world)
            for body_format, body in bad_bodies(schema, operation):
                yield url, method, body_format, body, {}, True
            if method == "get":
                yield url, method, None, None, {"data": {"page": "ноль", "list": "все", "status": "любой"}}, True

    seen = walk(token_client(getattr(school, role)), requests)

    assert seen[400] >= 20, seen  # the bodies reached the serializers, not only the permission checks


def test_every_other_refusal_is_problem_details_in_russian(school, schema, world, walk):
    def requests(path, method, operation):
        url = address(path, {}, world)
        unknown = address(path, {"id": UNKNOWN, "activity_id": UNKNOWN}, world)
        if "{id}" in path:
            yield unknown, method, None, None, {}, True
        yield url, method, None, None, {"HTTP_ACCEPT": "application/xml"}, True
        if "requestBody" in operation:
            yield url, method, None, None, {"data": "текст", "content_type": "text/plain"}, True
        served = set(schema["paths"][path])
        missing = next(other for other in METHODS if other not in served)
        yield url, missing, None, None, {}, False

    seen = walk(token_client(school.teacher), requests)

    assert {404, 405, 406, 415} <= set(seen), seen


def test_an_anonymous_request_is_problem_details_in_russian(schema, world, walk):
    def requests(path, method, operation):
        if operation.get("security") and {} not in operation["security"]:
            yield address(path, {}, world), method, None, None, {}, True

    seen = walk(APIClient(), requests)

    assert seen[401] >= 20, seen
