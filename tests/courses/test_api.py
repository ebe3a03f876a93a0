"""The courses' API: bad bodies answered with Russian errors at their fields and nothing saved, the auditor
told 403 before the body is read, filters that are wrong are 400, the schema names every operation."""
import pytest
from rest_framework.test import APIClient

from courses.models import Course, CourseCompletion, Focus
from tests.courses.world import completion, world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db


def api_as(person) -> APIClient:
    api = APIClient()
    api.force_authenticate(person)
    return api


def fields_of(response) -> dict[str, str]:
    assert response["Content-Type"].startswith("application/problem+json")
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_a_new_programme_out_of_range_and_a_course_ending_before_it_starts_save_nothing(world):
    response = api_as(world.methodist).post("/api/course-completions/", {
        "person": world.teacher.pk, "new_course": {"provider": world.academy.pk, "title": "Наставничество",
                                                   "hours": 1200, "focus": Focus.MANAGEMENT},
        "starts_on": "2025-05-20", "ends_on": "2025-05-10"}, format="json")
    assert response.status_code == 400
    assert fields_of(response) == {"hours": "Программа — от 1 до 1000 часов.",
                                   "ends_on": "Курс не может закончиться раньше, чем начался."}
    assert not CourseCompletion.objects.exists() and Course.objects.count() == 1


def test_a_duplicate_completion_is_a_russian_error_at_the_start_date(world):
    completion(world)
    response = api_as(world.director).post("/api/course-completions/", {
        "person": world.teacher.pk, "course": world.course.pk, "starts_on": "2025-03-03", "ends_on": "2025-03-20"},
        format="json")
    assert response.status_code == 400
    assert fields_of(response) == {"starts_on": "Прохождение этого курса этим педагогом с этой даты уже внесено."}
    assert CourseCompletion.objects.count() == 1


def test_an_auditor_posting_a_bad_body_is_refused_before_it_is_read(world):
    response = api_as(world.auditor).post("/api/course-completions/", {"person": "x"}, format="json")
    assert response.status_code == 403
    assert api_as(world.auditor).post("/api/course-plans/consolidate/", {}, format="json").status_code == 403


def test_wrong_filters_are_400_and_a_filter_narrows_the_list(world):
    completion(world)
    completion(world, person=world.other_teacher)
    api = api_as(world.methodist)
    assert api.get("/api/course-completions/", {"year": "последний"}).status_code == 400
    assert api.get("/api/course-completions/", {"page": "0"}).status_code in (400, 404)
    rows = api.get("/api/course-completions/", {"organisation": world.other.pk}).json()["results"]
    assert [row["person"]["id"] for row in rows] == [world.other_teacher.pk]
    assert rows[0]["course"]["focus"] == "ict" and rows[0]["certificate"] is None


def test_the_schema_lists_the_courses_endpoints(world):
    schema = api_as(world.methodist).get("/api/schema/", {"format": "json"}).json()
    paths = set(schema["paths"])
    assert {"/api/course-providers/", "/api/courses/", "/api/courses/{id}/", "/api/course-completions/",
            "/api/course-completions/{id}/", "/api/course-completions/{id}/history/", "/api/course-needs/",
            "/api/course-needs/{id}/", "/api/course-plans/", "/api/course-plans/{id}/",
            "/api/course-plans/consolidate/", "/api/course-plans/{id}/choose/"} <= paths
    body = schema["paths"]["/api/course-completions/"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_a_methodist_adds_a_provider_to_the_region_once(world):
    api = api_as(world.methodist)
    body = {"name": "Центр непрерывного повышения профессионального мастерства", "short_name": "ЦНППМ",
            "kind": "cnppm"}
    assert api.post("/api/course-providers/", body, format="json").status_code == 201
    again = api.post("/api/course-providers/", {**body, "short_name": "цнппм"}, format="json")
    assert fields_of(again) == {"short_name": "Организация с таким названием уже есть в списке региона."}
    assert api_as(world.director).post("/api/course-providers/", body, format="json").status_code == 403
