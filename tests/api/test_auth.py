import re

import pytest
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from routes import services
from tests.api import route_body, token_client

pytestmark = pytest.mark.django_db


def test_a_token_is_given_for_a_username_and_password(school):
    response = APIClient().post("/api/auth/token/", {"username": "teacher.a", "password": "secret-password"},
                                format="json")

    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    assert client.get("/api/routes/").status_code == 200


def test_wrong_credentials_are_refused_with_a_clear_message(school):
    response = APIClient().post("/api/auth/token/", {"username": "teacher.a", "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert response.data["non_field_errors"] == ["Неверное имя пользователя или пароль."]
    assert "token" not in response.data


def test_the_token_endpoint_only_takes_a_post(school):
    assert APIClient().get("/api/auth/token/").status_code == 405


def test_the_session_of_the_pages_works_for_the_api(client, school):
    client.force_login(school.teacher)

    assert client.get("/api/routes/").status_code == 200


def test_an_unknown_token_is_refused(school):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")

    assert client.get("/api/tasks/").status_code == 401


def schema(client=None) -> dict:
    response = (client or APIClient()).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_every_endpoint_but_the_token_refuses_anonymous_clients(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    ids = {"id": route.pk, "activity_id": route.activities.first().pk}
    anonymous = APIClient()
    checked = 0

    for path, operations in schema()["paths"].items():
        if path == "/api/auth/token/" or path.startswith("/api/bank/"):  # the bank of practices is public
            continue
        url = re.sub(r"{(\w+)}", lambda match: str(ids[match.group(1)]), path)
        for method in operations:
            response = getattr(anonymous, method)(url, {}, format="json")
            assert response.status_code == 401, (method, url, response.status_code)
            assert response["WWW-Authenticate"] == "Token"
            checked += 1

    assert checked >= 15
    assert route.activities.filter(done_at__isnull=False).count() == 0


def test_the_schema_is_valid_openapi_with_every_endpoint():
    document = schema()

    validate_schema(document)
    assert document["info"]["title"] == "Methodflow API"
    assert {"tokenAuth", "cookieAuth"} <= set(document["components"]["securitySchemes"])
    assert set(document["paths"]) == {
        "/api/auth/token/",
        "/api/tasks/", "/api/tasks/{id}/claim/", "/api/tasks/{id}/complete/",
        "/api/routes/", "/api/routes/{id}/", "/api/routes/{id}/submit/", "/api/routes/{id}/timeline/",
        "/api/routes/{id}/history/", "/api/routes/{id}/activities/{activity_id}/done/",
        "/api/routes/{id}/activities/{activity_id}/comment/", "/api/routes/{id}/amendments/",
        "/api/routes/{id}/report/",
        "/api/materials/", "/api/materials/{id}/", "/api/materials/{id}/submit/", "/api/materials/{id}/timeline/",
        "/api/materials/{id}/proposed-experts/", "/api/materials/{id}/experts/", "/api/materials/{id}/decline/",
        "/api/materials/{id}/replace-expert/", "/api/materials/{id}/review/", "/api/materials/{id}/revise/",
        "/api/materials/criteria/", "/api/bank/", "/api/bank/{id}/",
    }
    assert set(document["paths"]["/api/routes/{id}/"]) == {"get", "put", "patch"}
    assert set(document["paths"]["/api/routes/"]) == {"get", "post"}
    assert set(document["paths"]["/api/materials/{id}/"]) == {"get", "patch"}


def test_the_bank_is_public():
    assert APIClient().get("/api/bank/").status_code == 200


def test_the_docs_page_is_served_without_a_cdn():
    response = APIClient().get("/api/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page and "drf_spectacular_sidecar" in page
    assert "cdn.jsdelivr.net" not in page


def test_a_token_client_is_not_sent_to_the_login_page(school):
    response = token_client(school.teacher).post("/api/routes/", route_body(), format="json")

    assert response.status_code == 201
