"""A Python client generated from the live schema (openapi-python-client) drives whole lifecycles against a
live server, finding every id through /api/me/, the people search, the task list and each task's actions:
the schema cannot drift from the server without this test failing.

An ИОМ with a return, an amendment and a report; a material with an expert's decline, a replacement and
publication; the published practice moved through its stages and adopted.
"""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import httpx
import pytest

from accounts.models import Role
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "secret-password"  # tests.factories.UserFactory's
PACKAGE = "methodflow_client"


@pytest.fixture
def generated(live_server, tmp_path: Path):
    """The client package, generated from the server's own schema into a temporary folder."""
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(one_media_type(httpx.get(f"{live_server.url}/api/schema/",
                                                          params={"format": "json"}).json())))
    config = tmp_path / "config.yaml"
    # A print form (an order's PDF) is bytes to the client, as any binary body.
    config.write_text(f"post_hooks: []\nproject_name_override: {PACKAGE}\npackage_name_override: {PACKAGE}\n"
                      "content_type_overrides:\n  application/pdf: application/octet-stream\n")
    out = tmp_path / "client"
    done = subprocess.run([str(Path(sys.executable).with_name("openapi-python-client")), "generate", "--path",
                           str(schema), "--config", str(config), "--output-path", str(out / PACKAGE), "--meta",
                           "none"], capture_output=True, text=True)
    assert done.returncode == 0 and "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(out))
    for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
        del sys.modules[name]
    package = importlib.import_module(PACKAGE)
    package.opened = []
    try:
        yield package
    finally:
        # The live server's threads, and their database connections, end with the clients' connections.
        for client in package.opened:
            client.get_httpx_client().close()
        sys.path.remove(str(out))


def one_media_type(schema: dict) -> dict:
    """Each body in the first media type the server lists for it (the generator, 0.29, leaves an import out of
    an operation whose body comes in several)."""
    for operations in schema["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content") if isinstance(operation, dict) else None
            if content and len(content) > 1:
                media = next(iter(content))
                operation["requestBody"]["content"] = {media: content[media]}
    return schema


class Api:
    """One person's session through the generated client, by operation name (`routes_create`…)."""

    def __init__(self, package, live_server, username: str) -> None:
        self.package = package
        self.models = importlib.import_module(f"{PACKAGE}.models")
        anonymous = package.Client(base_url=live_server.url, raise_on_unexpected_status=True)
        token = self.call("auth", "auth_token_create", client=anonymous,
                          body=self.models.TokenRequestRequest(username=username, password=PASSWORD)).token
        self.client = package.AuthenticatedClient(base_url=live_server.url, token=token, prefix="Token",
                                                  raise_on_unexpected_status=True)
        package.opened += [anonymous, self.client]
        self.me = self.call("me", "me_retrieve")

    def call(self, tag: str, operation: str, client=None, expect: int = 200, **kwargs):
        module = importlib.import_module(f"{PACKAGE}.api.{tag}.{operation}")
        response = module.sync_detailed(client=client or self.client, **kwargs)
        assert response.status_code == expect, (operation, response.status_code, response.content)
        return response.parsed

    def person(self, purpose: str, search: str = "") -> int:
        found = self.call("people", "people_list", purpose=self.models.PeopleListPurpose(purpose), search=search)
        assert found.results, (purpose, search)
        return found.results[0].id

    def tasks_of(self, case_id: int) -> list:
        return [task for task in self.call("tasks", "tasks_list").results if task.case.id == case_id]

    def act(self, task, action: str, **body) -> None:
        """Follow one of the task's actions: claim it first if it waits in the queue, then send the body the
        action names (`request`) to its URL."""
        actions = {item.action: item for item in task.actions}
        if "claim" in actions:
            self.call("tasks", "tasks_claim_create", id=task.id)
        chosen = actions[action]
        assert chosen.url.endswith(f"/api/tasks/{task.id}/complete/"), chosen
        model = getattr(self.models, chosen.request)
        self.call("tasks", "tasks_complete_create", id=task.id, body=model.from_dict(body))


def decide_all(reviewers: list[Api], case_id: int, action: str, **body) -> int:
    """Every reviewer with a task on the case acts on it; the number of tasks acted on."""
    acted = 0
    for reviewer in reviewers:
        for task in reviewer.tasks_of(case_id):
            if action in {item.action for item in task.actions}:
                reviewer.act(task, action, **body)
                acted += 1
    return acted


def until(reviewers: list[Api], read, status: str, action: str, **body):
    """Act on the case's open decisions until it reaches `status`."""
    for _round in range(6):
        case = read()
        if case.status == status:
            return case
        assert decide_all(reviewers, case.id, action, **body), (case.status, status, [
            reviewer.call("tasks", "tasks_list") for reviewer in reviewers])
    raise AssertionError(f"the case did not reach {status}")


def test_an_individual_route_and_a_material_through_the_generated_client(generated, live_server, school, expertise):
    teacher, mentor, lead, director, methodist = (Api(generated, live_server, user.username) for user in (
        school.teacher, school.mentor, school.lead, school.director, school.methodist))
    reviewers = [mentor, lead, director, methodist]
    models = teacher.models
    assert teacher.me.id == school.teacher.pk and [role.role for role in teacher.me.roles] == [Role.TEACHER]

    # The route: drawn up with a mentor found by the people search, returned once, then agreed.
    activity = {"form": "course", "title": "Курсы", "provider": "ЦНППМ", "starts_on": "2026-10-01",
                "ends_on": "2026-10-20", "expected_result": "Удостоверение"}
    route = teacher.call("routes", "routes_create", expect=201, body=models.RouteInputRequest.from_dict({
        "period_start": "2026-09-01", "period_end": "2027-05-31", "topic": "Функциональная грамотность",
        "goals": "Освоить смысловое чтение", "expected_product": "Серия уроков", "presentation_level": "municipal",
        "mentor": teacher.person("mentor"), "activities": [activity]}))
    assert route.mentor.id == school.mentor.pk
    teacher.call("routes", "routes_submit_create", id=route.id)
    read_route = lambda: teacher.call("routes", "routes_retrieve", id=route.id)  # noqa: E731
    until(reviewers, read_route, "returned", "decide", decision="return", comment="Уточните сроки")
    [revision] = teacher.tasks_of(route.id)
    assert {item.action for item in revision.actions} == {"edit", "submit"}
    teacher.call("routes", "routes_partial_update", id=route.id, body=models.PatchedRouteInputRequest.from_dict(
        {"topic": "Смысловое чтение"}))
    teacher.call("routes", "routes_submit_create", id=route.id)
    until(reviewers, read_route, "implementation", "decide", decision="approve")

    # An amendment, agreed; an activity recorded with a link; the report, evaluated.
    teacher.call("routes", "routes_amendments_create", id=route.id, body=models.AmendmentRequest.from_dict({
        "reason": "Добавляю семинар", "activities": [{**activity, "form": "seminar", "title": "Семинар"}]}))
    detail = until(reviewers, read_route, "implementation", "decide", decision="approve")
    recorded = [item for item in detail.actions if item.action == "record_activity"]
    assert len(recorded) == len(detail.activities) == 2
    done_id = int(recorded[0].url.rstrip("/").split("/")[-2])
    teacher.call("routes", "routes_activities_done_create", id=route.id, activity_id=done_id,
                 body=models.ActivityDoneRequest.from_dict({"link": "https://example.org/cert"}))
    teacher.call("routes", "routes_report_create", id=route.id, body=models.ReportRequest.from_dict({
        "self_analysis": "Освоила приёмы", "product": "Серия уроков"}))
    closed = until(reviewers, read_route, "closed", "evaluate", decision="approve", result="completed")
    assert closed.result == "completed"

    # The material: a co-author found by the search, checked, an expert declines and is replaced, published.
    material = teacher.call("materials", "materials_create", expect=201, body=models.MaterialInputRequest(
        title="Проекты на уроках математики", kind=models.MaterialKindEnum("development"), subject="математика",
        level=models.LevelEnum("basic"), annotation="Серия уроков",
        co_authors=[teacher.person("co_author", search=school.other_teacher.last_name)],
        files=[generated.types.File(payload=BytesIO(pdf_bytes()), file_name="lesson.pdf",
                                    mime_type="application/pdf")]))
    assert [co_author.id for co_author in material.co_authors] == [school.other_teacher.pk]
    teacher.call("materials", "materials_submit_create", id=material.id)
    read_material = lambda: methodist.call("materials", "materials_retrieve", id=material.id)  # noqa: E731
    until(reviewers, read_material, "expert_assignment", "check", decision="approve")
    proposed = methodist.call("materials", "materials_proposed_experts_list", id=material.id)
    methodist.call("materials", "materials_experts_create", id=material.id, body=models.ExpertsRequest(
        experts=[expert.id for expert in proposed]))
    experts = [Api(generated, live_server, next(user.username for user in expertise.experts if user.pk == expert.id))
               for expert in proposed]
    [declining] = experts[0].tasks_of(material.id)
    assert {item.action for item in declining.actions} == {"review", "decline"}
    experts[0].call("materials", "materials_decline_create", id=material.id,
                    body=models.DeclineRequest(reason="Конфликт расписания"))
    [replacing] = methodist.tasks_of(material.id)
    substitute = methodist.call("materials", "materials_proposed_experts_list", id=material.id)[0]
    assert "replace_expert" in {item.action for item in replacing.actions}
    methodist.call("materials", "materials_replace_expert_create", id=material.id,
                   body=models.ReplaceExpertRequest(expert=substitute.id))
    experts[0] = Api(generated, live_server, next(user.username for user in expertise.experts
                                                  if user.pk == substitute.id))
    for expert in experts:
        criteria = expert.call("materials", "materials_criteria_list")
        expert.call("materials", "materials_review_create", id=material.id, body=models.ReviewInputRequest.from_dict({
            "scores": {str(criterion.id): criterion.max_score for criterion in criteria},
            "text": "Материал полный и применимый", "recommendation": "publish"}))
    published = until(reviewers, read_material, "published", "decide", decision="approve")
    assert "manage_practice" in {item.action for item in published.actions}

    # The practice moves through its stages and is adopted by a school of the municipality.
    for stage in ("generalised", "disseminated", "replicated", "implemented"):
        state = methodist.call("materials", "materials_practice_stage_create", id=material.id,
                               body=models.PracticeStageRequest(stage=models.PracticeStageEnum(stage)))
        assert state.practice_stage == stage
    adopter = lead.me.organisation.id
    state = methodist.call("materials", "materials_practice_adoptions_create", id=material.id,
                           body=models.AdoptionRequest(organisation=adopter))
    assert [organisation.id for organisation in state.adopted_by] == [adopter]
    assert teacher.call("materials", "materials_practice_retrieve", id=material.id).practice_stage == "implemented"
