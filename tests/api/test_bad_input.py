"""Bad input answers 4xx with a Russian message, never 500; one 404 for what is not there and what is not
yours; who may act is asked before what they sent."""
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from routes import services
from tests.api import route_body, task_of, token_client
from tests.api.test_permissions import in_implementation
from tests.expertise import in_expertise
from tests.api.problems import errors_of, problem_of

pytestmark = pytest.mark.django_db

NOT_FOUND = "Не найдено."


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("page", ["99999999999999999999", "²", "0", "-1", "abc", "1.5"])
def test_a_page_that_is_no_page_number_is_not_found_in_the_task_api(school, page):
    response = token_client(school.lead).get("/api/tasks/", {"page": page})

    assert response.status_code == 404
    assert "номер страницы" in response.data["detail"]


@pytest.mark.parametrize("url", ["/api/routes/", "/api/materials/", "/api/bank/"])
def test_a_page_past_the_end_of_a_case_list_is_not_found_in_russian(school, url):
    response = token_client(school.teacher).get(url, {"page": "99999999999999999999"})

    assert response.status_code == 404
    assert "номер страницы" in response.data["detail"]


def test_a_page_past_the_last_one_says_so(school, make_route):
    make_route(school.teacher)

    response = token_client(school.teacher).get("/api/routes/", {"page": "2"})

    assert response.status_code == 404 and response.data["detail"] == "Такой страницы в списке нет."


@pytest.mark.parametrize("url", ["/api/routes/", "/api/auth/token/", "/api/materials/"])
def test_a_json_body_nested_a_thousand_levels_deep_is_refused(school, url):
    response = token_client(school.teacher).post(url, deep(1000), content_type="application/json")

    assert response.status_code == 400
    assert "слишком глубокая вложенность" in response.data["detail"]


def test_a_json_body_nested_a_little_deeper_than_allowed_is_refused(school):
    response = token_client(school.teacher).post("/api/routes/", deep(33), content_type="application/json")

    assert response.status_code == 400


def test_a_json_body_nested_as_deep_as_allowed_reaches_the_serializer(school):
    body = '{"topic": ' + deep(31) + "}"

    response = token_client(school.teacher).post("/api/routes/", body, content_type="application/json")

    assert response.status_code == 400 and "topic" in errors_of(response)


def test_a_body_that_is_not_json_is_refused_in_russian(school):
    response = token_client(school.teacher).post("/api/routes/", '{"topic": ', content_type="application/json")

    assert response.status_code == 400
    assert response.data["detail"].startswith("Тело запроса — не JSON")


def test_the_token_endpoint_refuses_a_deep_body_without_signing_in():
    response = APIClient().post("/api/auth/token/", deep(1000), content_type="application/json")

    assert response.status_code == 400


def test_a_route_of_another_school_and_a_route_that_never_was_answer_alike(school, make_route):
    hidden = make_route(school.other_teacher)
    teacher = token_client(school.teacher)

    responses = [teacher.get(f"/api/routes/{pk}/") for pk in (hidden.pk, hidden.pk + 1000)]

    assert [response.status_code for response in responses] == [404, 404]
    assert problem_of(responses[0]) == problem_of(responses[1]) and responses[0].data["detail"] == NOT_FOUND


def test_an_activity_that_is_not_the_routes_names_no_model(school, make_route):
    route = in_implementation(school, make_route)

    response = token_client(school.teacher).post(f"/api/routes/{route.pk}/activities/999999/done/",
                                                 {"link": "https://example.org/cert"}, format="json")

    assert response.status_code == 404 and problem_of(response)["detail"] == NOT_FOUND


def test_a_task_that_is_not_there_names_no_model(school):
    response = token_client(school.lead).post("/api/tasks/999999/claim/")

    assert response.status_code == 404 and problem_of(response)["detail"] == NOT_FOUND


def test_a_practice_that_is_not_published_names_no_model(expertise):
    material = in_expertise(expertise)

    response = APIClient().get(f"/api/bank/{material.pk}/")

    assert response.status_code == 404 and problem_of(response)["detail"] == NOT_FOUND


def test_an_auditor_sending_an_invalid_body_to_a_route_action_is_refused_not_corrected(school, make_route):
    route = in_implementation(school, make_route)
    activity = route.activities.first()
    auditor = token_client(school.auditor)

    answers = [
        auditor.post(f"/api/routes/{route.pk}/activities/{activity.pk}/done/", {"link": "not a link"}, format="json"),
        auditor.post(f"/api/routes/{route.pk}/activities/{activity.pk}/comment/", {}, format="json"),
        auditor.post(f"/api/routes/{route.pk}/amendments/", {"activities": "none"}, format="json"),
        auditor.post(f"/api/routes/{route.pk}/report/", {"files": 7}, format="json"),
        auditor.post(f"/api/tasks/{task_of(services.submit(make_route(school.teacher), school.teacher))}/complete/",
                     {"decision": "maybe"}, format="json"),
    ]

    assert [answer.status_code for answer in answers] == [403] * 5


def test_an_auditor_sending_an_invalid_review_is_refused_not_corrected(expertise, school):
    material = in_expertise(expertise)
    auditor = token_client(school.auditor)

    answers = [auditor.post(f"/api/materials/{material.pk}/{verb}/", {"scores": "many"}, format="json")
               for verb in ("review", "decline")]

    assert [answer.status_code for answer in answers] == [403, 403]


def test_an_action_at_the_wrong_step_is_refused_before_the_body_is_read(school, make_route):
    draft = make_route(school.teacher)

    response = token_client(school.teacher).post(f"/api/routes/{draft.pk}/report/", {}, format="json")

    assert response.status_code == 400
    assert list(errors_of(response)) == [None]


def test_a_methodist_commenting_on_a_draft_routes_activity_is_told_it_is_not_the_time(school, make_route):
    draft = make_route(school.teacher)

    response = token_client(school.methodist).post(
        f"/api/routes/{draft.pk}/activities/{draft.activities.first().pk}/comment/", {"comment": "Хорошо"},
        format="json")

    assert response.status_code in (400, 403)


def test_a_draft_with_only_the_schemas_required_fields_is_accepted(school):
    body = {name: value for name, value in route_body().items()
            if name in {"expected_product", "goals", "period_end", "period_start", "presentation_level", "topic",
                        "activities"}}
    body["activities"] = [{name: value for name, value in body["activities"][0].items()
                           if name in {"ends_on", "form", "starts_on", "title"}}]

    response = token_client(school.teacher).post("/api/routes/", body, format="json")

    assert response.status_code == 201, response.data


def test_a_draft_without_activities_is_told_they_are_required(school):
    body = route_body()
    del body["activities"]

    response = token_client(school.teacher).post("/api/routes/", body, format="json")

    assert response.status_code == 400 and errors_of(response)["activities"] == ["Обязательное поле."]


def test_a_route_page_as_of_a_day_that_does_not_exist_is_a_bad_request(client, school, make_route):
    route = make_route(school.teacher)
    client.force_login(school.teacher)

    response = client.get(reverse("routes:route_detail", args=[route.pk]), {"as_of": "2026-02-30"})

    assert response.status_code == 400
    assert "Такой даты нет" in response.content.decode()


@pytest.mark.parametrize("activity", ["abc", "", "99999999999999999999", "-1"])
def test_recording_an_activity_that_is_no_id_is_not_found(client, school, make_route, activity):
    route = in_implementation(school, make_route)
    client.force_login(school.teacher)

    response = client.post(reverse("routes:route_action", args=[route.pk, "record_activity"]),
                           {"activity": activity, "link": "https://example.org/cert"})

    assert response.status_code == 404


def test_a_comment_on_an_activity_beyond_any_id_is_not_found(client, school, make_route):
    route = in_implementation(school, make_route)
    client.force_login(school.methodist)

    response = client.post(reverse("routes:route_action", args=[route.pk, "comment"]),
                           {"activity": "99999999999999999999", "comment": "Хорошо"})

    assert response.status_code == 404


@pytest.mark.parametrize("notification", ["abc", "99999999999999999999", "²"])
def test_opening_a_notification_that_is_no_id_is_not_found(client, school, notification):
    client.force_login(school.teacher)

    response = client.post(reverse("tasks:notifications"), {"notification": notification})

    assert response.status_code == 404


def test_a_page_that_does_not_exist_is_the_russian_404_for_a_visitor_not_signed_in(client):
    response = client.get("/bank/999999/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Страница не найдена" in page and "Material" not in page


def test_a_refused_page_is_the_russian_403(client, school, make_route):
    route = make_route(school.teacher)
    client.force_login(school.lead)

    response = client.get(reverse("routes:route_edit", args=[route.pk]))

    assert response.status_code == 403 and "Доступ запрещён" in response.content.decode()
