"""The API says which rule refused a request (a stable code beside the Russian message), the schema says
what the server requires (`minLength`, enum codes), and every datetime is in the installation's time zone."""
import re

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient
from viewflow.workflow.models import Task

from accounts.models import Role
from routes import services
from tests.api import route_body, task_of, token_client
from tests.api.problems import error_at, problem_of
from tests.api.test_permissions import in_implementation
from tests.expertise import in_expertise, published, review
from tests.files import pdf
from tests.school import person
from workflows.services import claim

pytestmark = pytest.mark.django_db


def submitted(school, make_route):
    return services.submit(make_route(school.teacher), school.teacher)


def claimed_by(client, task_id: int):
    return client.post(f"/api/tasks/{task_id}/claim/")


def test_claiming_a_task_says_whose_it_is_or_that_it_is_done(school, make_route):
    route = submitted(school, make_route)
    task_id = task_of(route)
    claim(Task.objects.get(pk=task_id), school.lead)
    lead = token_client(school.lead)

    mine = problem_of(claimed_by(lead, task_id))
    colleague = person("lead.c", Role.LEAD, school.organisation)
    taken = problem_of(claimed_by(token_client(colleague), task_id))
    services.review(route, school.lead, "approve")
    done = problem_of(claimed_by(lead, task_id))

    assert (mine["status"], mine["code"]) == (409, "already_yours") and "уже взяли" in mine["detail"]
    assert (taken["status"], taken["code"]) == (409, "taken_by_another")
    assert (done["status"], done["code"]) == (409, "step_done")


def test_a_task_of_another_role_cannot_be_claimed_and_says_so(school, make_route):
    route = submitted(school, make_route)

    body = problem_of(claimed_by(token_client(school.methodist), task_of(route)))

    assert body["status"] in (403, 404)


def test_a_row_of_a_list_is_named_by_its_index(school):
    body = route_body()
    body["activities"] = [body["activities"][0], {**body["activities"][0], "starts_on": "вчера"}]

    problem = problem_of(token_client(school.teacher).post("/api/routes/", body, format="json"))

    assert error_at(problem, "activities[1].starts_on")["code"] == "invalid"


def test_a_row_refused_by_the_service_is_named_by_its_index(school):
    body = route_body()
    body["activities"] = [body["activities"][0], {**body["activities"][0], "starts_on": "2026-11-01",
                                                  "ends_on": "2026-10-01"}]

    problem = problem_of(token_client(school.teacher).post("/api/routes/", body, format="json"))

    assert [error["field"] for error in problem["errors"]][0].startswith("activities[1]")


@pytest.mark.parametrize("component, field", [
    ("ReportRequest", "self_analysis"), ("ReportRequest", "product"), ("AmendmentRequest", "reason"),
    ("DeclineRequest", "reason"), ("ActivityCommentRequest", "comment"), ("ReviewInputRequest", "text"),
])
def test_text_the_server_requires_is_required_and_not_blank_in_the_schema(school, component, field):
    schema = token_client(school.teacher).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    body = schema["components"]["schemas"][component]

    assert body["properties"][field]["minLength"] == 1 and field in body["required"]


def test_a_blank_report_is_refused_as_the_schema_says(school, make_route):
    route = in_implementation(school, make_route)

    problem = problem_of(token_client(school.teacher).post(
        f"/api/routes/{route.pk}/report/", {"self_analysis": " ", "product": ""}, format="json"))

    assert {error["field"]: error["code"] for error in problem["errors"]} == {
        "self_analysis": "blank", "product": "blank"}


def test_a_blank_reason_for_declining_is_refused_as_the_schema_says(expertise):
    material = in_expertise(expertise)

    problem = problem_of(token_client(expertise.experts[0]).post(
        f"/api/materials/{material.pk}/decline/", {"reason": ""}, format="json"))

    assert error_at(problem, "reason")["code"] == "blank"


def test_an_expert_reviewing_twice_is_told_they_already_reviewed(expertise):
    material = in_expertise(expertise)
    review(material, expertise.experts[0], 8)
    again = {"scores": {}, "text": "Ещё одна рецензия", "recommendation": "publish"}

    problem = problem_of(token_client(expertise.experts[0]).post(
        f"/api/materials/{material.pk}/review/", again, format="json"))

    assert (problem["status"], problem["code"]) == (409, "already_reviewed")
    assert problem["detail"] == "Вы уже отправили рецензию на этот материал."


def test_the_author_revising_a_published_material_is_told_it_is_published(expertise):
    material = published(expertise, "Проектная деятельность", "Серия уроков")

    problem = problem_of(token_client(expertise.author).post(
        f"/api/materials/{material.pk}/revise/", {"files": [pdf()]}, format="multipart"))

    assert (problem["status"], problem["code"]) == (409, "published")
    assert "опубликован" in problem["detail"]


def test_a_review_recommendation_comes_back_as_its_code(expertise):
    material = in_expertise(expertise)
    review(material, expertise.experts[0], 8, recommendation="publish")

    reviews = token_client(expertise.methodist).get(f"/api/materials/{material.pk}/").data["reviews"]

    assert reviews[0]["recommendation"] == "publish" and reviews[0]["recommendation_display"]


def datetimes_in(value) -> list[str]:
    if isinstance(value, dict):
        return [found for item in value.values() for found in datetimes_in(item)]
    if isinstance(value, list):
        return [found for item in value for found in datetimes_in(item)]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)", value):
        return [value]
    return []


def test_every_datetime_of_a_task_and_a_route_has_the_installations_offset(school, make_route):
    route = submitted(school, make_route)
    offset = timezone.localtime(timezone.now(), timezone.get_default_timezone()).strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    lead = token_client(school.lead)

    answers = [lead.get("/api/tasks/").json(), lead.get(f"/api/routes/{route.pk}/").json(),
               lead.get(f"/api/routes/{route.pk}/timeline/").json(),
               token_client(school.teacher).get(f"/api/routes/{route.pk}/history/").json()]
    found = [stamp for answer in answers for stamp in datetimes_in(answer)]

    assert settings.TIME_ZONE == "Asia/Tomsk" and offset == "+07:00"
    assert len(found) >= 6 and all(stamp.endswith(offset) for stamp in found), found


@pytest.mark.parametrize("body_format", ["json", "multipart"])
def test_a_body_over_the_upload_limit_is_refused_as_too_large(school, settings, body_format):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000

    problem = problem_of(token_client(school.teacher).post(
        "/api/routes/", route_body(goals="цели " * 1000), format=body_format))

    assert (problem["status"], problem["code"]) == (413, "too_large")


def test_a_rule_of_a_service_is_named_by_its_code(school, make_route):
    draft = make_route(school.teacher)
    teacher = token_client(school.teacher)
    teacher.post(f"/api/routes/{draft.pk}/submit/")

    twice = problem_of(teacher.post(f"/api/routes/{draft.pk}/submit/"))
    not_author = problem_of(token_client(school.other_teacher).post(f"/api/routes/{draft.pk}/submit/"))

    assert (twice["status"], twice["code"]) == (409, "already_submitted")
    assert not_author["status"] == 404


def test_messages_drf_does_not_translate_come_out_in_russian(school):
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(school.teacher)

    no_csrf = problem_of(session.post("/api/routes/", route_body(), format="json"))
    no_data = problem_of(token_client(school.teacher).post("/api/routes/", "null", content_type="application/json"))

    assert (no_csrf["status"], no_csrf["code"]) == (403, "csrf_failed")
    assert (no_data["status"], no_data["code"], no_data["detail"]) == (400, "no_data", "В запросе нет данных.")
