import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.validation import validate_schema
from knox.models import AuthToken
from rest_framework.test import APIClient

from routes import services
from tests.api import route_body, token_client
from tests.api.problems import errors_of

pytestmark = pytest.mark.django_db


def get_token(username: str = "teacher.a", password: str = "secret-password", address: str = "127.0.0.1"):
    return APIClient().post("/api/auth/token/", {"username": username, "password": password}, format="json",
                            REMOTE_ADDR=address)


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_token_is_given_for_a_username_and_password(school):
    response = get_token()

    assert response.status_code == 200
    assert with_token(response.data["token"]).get("/api/routes/").status_code == 200


def test_a_token_expires_after_the_configured_hours(school):
    before = timezone.now()

    response = get_token()

    expires_at = parse_datetime(response.data["expires_at"])
    assert before + timedelta(hours=12) <= expires_at <= timezone.now() + timedelta(hours=12)


def test_wrong_credentials_are_refused_with_a_clear_message(school):
    response = APIClient().post("/api/auth/token/", {"username": "teacher.a", "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert errors_of(response)[None] == ["Неверное имя пользователя или пароль."]
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
        "/api/auth/token/", "/api/auth/logout/", "/api/auth/logout-all/",
        "/api/tasks/", "/api/tasks/{id}/claim/", "/api/tasks/{id}/complete/",
        "/api/routes/", "/api/routes/{id}/", "/api/routes/{id}/submit/", "/api/routes/{id}/timeline/",
        "/api/routes/{id}/history/", "/api/routes/{id}/activities/{activity_id}/done/",
        "/api/routes/{id}/activities/{activity_id}/comment/", "/api/routes/{id}/amendments/",
        "/api/routes/{id}/report/",
        "/api/materials/", "/api/materials/{id}/", "/api/materials/{id}/submit/", "/api/materials/{id}/timeline/",
        "/api/materials/{id}/history/",
        "/api/materials/{id}/proposed-experts/", "/api/materials/{id}/experts/", "/api/materials/{id}/decline/",
        "/api/materials/{id}/replace-expert/", "/api/materials/{id}/review/", "/api/materials/{id}/revise/",
        "/api/materials/criteria/", "/api/bank/", "/api/bank/{id}/",
        "/api/me/", "/api/people/", "/api/people/import/", "/api/tasks/{id}/",
        "/api/materials/{id}/practice/", "/api/materials/{id}/practice/stage/",
        "/api/materials/{id}/practice/adoptions/",
        "/api/diagnostics/", "/api/diagnostics/{id}/", "/api/diagnostics/{id}/recommendations/",
        "/api/diagnostics/import/", "/api/routes/{id}/events/", "/api/materials/{id}/events/",
        "/api/internship-programmes/", "/api/internship-programmes/{id}/", "/api/internship-programmes/{id}/publish/",
        "/api/internship-programmes/{id}/apply/", "/api/internships/", "/api/internships/{id}/",
        *(f"/api/internships/{{id}}/{step}/" for step in ("agree", "decline", "accept", "complete", "withdraw", "link")),
        "/api/orders/", "/api/orders/{id}/", *(f"/api/orders/{{id}}/{step}/" for step in ("sign", "correct", "pdf")),
        "/api/sites/", "/api/sites/{id}/", "/api/sites/{id}/revoke/", "/api/site-reports/", "/api/site-reports/{id}/",
        "/api/site-reports/{id}/submit/", "/api/site-reports/{id}/review/",
        "/api/site-calls/", "/api/site-calls/{id}/", "/api/site-applications/", "/api/site-applications/{id}/",
        *(f"/api/site-applications/{{id}}/{step}/" for step in (
            "submit", "timeline", "history", "events", "check", "experts", "replace-expert", "decline", "review",
            "protocol", "order")),
        "/api/competition-rounds/{id}/", *(f"/api/competition-rounds/{{id}}/{step}/" for step in (
            "open", "sheet", "close", "results")),
        "/api/competition-results/{id}/", *(f"/api/competition-results/{{id}}/{step}/" for step in (
            "protocol", "approve", "forward")),
        "/api/competition-participants/",
        "/api/competitions/", "/api/competitions/{id}/", "/api/competitions/{id}/open/", "/api/competitions/{id}/rounds/",
        "/api/competition-entries/", "/api/competition-entries/{id}/", *(f"/api/competition-entries/{{id}}/{step}/" for step in (
            "submit", "timeline", "history", "events", "admit", "withdraw")),
        "/api/work-plans/", "/api/work-plans/{id}/", *(f"/api/work-plans/{{id}}/{step}/" for step in (
            "items", "approve", "analysis")), "/api/plan-items/", "/api/plan-items/{id}/", "/api/plan-items/{id}/report/",
        "/api/associations/", "/api/associations/{id}/", *(f"/api/associations/{{id}}/{step}/" for step in (
            "members", "end-membership", "plan-deficits", "plans")),
        "/api/association-meetings/", "/api/association-meetings/{id}/", "/api/association-meetings/{id}/protocol/",
        "/api/course-providers/", "/api/courses/", "/api/courses/{id}/",
        *(f"/api/course-{register}/{path}" for register in ("completions", "needs")
          for path in ("", "{id}/", "{id}/history/")),
        *(f"/api/course-plans/{path}" for path in ("", "{id}/", "{id}/history/", "{id}/choose/", "consolidate/")),
        "/api/visits/", "/api/visits/{id}/", *(f"/api/visits/{{id}}/{step}/" for step in ("report", "recommend", "cancel")),
        "/api/visit-schedules/", "/api/visit-schedules/{id}/", "/api/visit-schedules/{id}/approve/",
        "/api/visit-recommendations/", "/api/visit-recommendations/{id}/", "/api/visit-recommendations/{id}/execute/",
        "/api/consultations/", "/api/consultations/{id}/",
        "/api/mentorships/", "/api/mentorships/{id}/", "/api/mentorships/{id}/end/", "/api/mentorships/issue-order/",
        "/api/events/", "/api/events/{id}/", *(f"/api/events/{{id}}/{step}/" for step in ("cancel", "register", "attendance")),
        "/api/event-registrations/", "/api/event-registrations/{id}/",
        *(f"/api/event-registrations/{{id}}/{step}/" for step in ("withdraw", "link", "certificate")),
    }
    assert set(document["paths"]["/api/routes/{id}/"]) == {"get", "put", "patch", "delete"}
    assert set(document["paths"]["/api/routes/"]) == {"get", "post"}
    assert set(document["paths"]["/api/materials/{id}/"]) == {"get", "patch", "delete"}


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


# Expiry, revocation and rotation (accounts.tokens)

REFUSED = "Токен недействителен: срок его действия истёк или он отозван. Получите новый: POST /api/auth/token/."


def test_an_expired_token_is_refused_with_a_russian_message(school):
    token = get_token().data["token"]
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))

    response = with_token(token).get("/api/tasks/")

    assert response.status_code == 401
    assert response.data["detail"] == REFUSED


def test_logging_out_revokes_the_token_it_was_sent_with(school):
    first, second = get_token().data["token"], get_token().data["token"]

    assert with_token(first).post("/api/auth/logout/").status_code == 204

    refused = with_token(first).get("/api/tasks/")
    assert refused.status_code == 401 and refused.data["detail"] == REFUSED
    assert with_token(second).get("/api/tasks/").status_code == 200


def test_logging_out_everywhere_revokes_every_token_of_the_person(school):
    first, second = get_token().data["token"], get_token().data["token"]
    lead = get_token("lead.a").data["token"]

    assert with_token(first).post("/api/auth/logout-all/").status_code == 204

    assert with_token(first).get("/api/tasks/").status_code == 401
    assert with_token(second).get("/api/tasks/").status_code == 401
    assert with_token(lead).get("/api/tasks/").status_code == 200


def test_each_sign_in_issues_a_fresh_token(school):
    first, second = get_token().data["token"], get_token().data["token"]

    assert first != second
    assert with_token(first).get("/api/tasks/").status_code == 200
    assert with_token(second).get("/api/tasks/").status_code == 200


def test_past_the_limit_per_person_a_new_token_revokes_the_oldest(school, settings):
    settings.API_TOKENS_PER_PERSON = 2
    oldest, middle, newest = (get_token().data["token"] for _sign_in in range(3))

    assert with_token(oldest).get("/api/tasks/").status_code == 401
    assert with_token(middle).get("/api/tasks/").status_code == 200
    assert with_token(newest).get("/api/tasks/").status_code == 200


def test_signing_out_of_the_site_revokes_the_persons_api_tokens(client, school):
    token = get_token().data["token"]
    client.force_login(school.teacher)

    client.post("/accounts/logout/")

    assert with_token(token).get("/api/tasks/").status_code == 401


def test_tokens_are_stored_only_as_a_hash(school):
    token = get_token().data["token"]

    stored = AuthToken.objects.get()
    assert token not in (stored.digest, stored.token_key)


# Throttling of the token endpoint (django-axes, shared with the login page)


def test_the_token_endpoint_refuses_the_right_password_after_ten_wrong_ones(school):
    for _attempt in range(10):
        get_token(password="wrong")

    response = get_token()

    assert response.status_code == 429
    assert "token" not in response.data
    assert re.fullmatch(r"Слишком много неудачных попыток входа\. Повторите попытку после \d\d:\d\d "
                        r"\(через 15 мин\.\)\.", response.data["detail"]), response.data["detail"]
    assert 14 * 60 <= int(response["Retry-After"]) <= 15 * 60


def test_failures_on_the_login_page_count_for_the_token_endpoint(client, school):
    for _attempt in range(10):
        client.post("/accounts/login/", {"username": "teacher.a", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")

    assert get_token(address="10.0.0.2").status_code == 429


def test_the_schema_is_generated_once_a_language_not_on_every_request(monkeypatch):
    from drf_spectacular.generators import SchemaGenerator

    from workflows.schema import SchemaView

    monkeypatch.setattr(SchemaView, "generated", {})
    generations = []
    original = SchemaGenerator.get_schema
    monkeypatch.setattr(SchemaGenerator, "get_schema",
                        lambda self, **kwargs: generations.append(1) or original(self, **kwargs))

    first, again = schema(), schema()
    english = APIClient().get("/api/schema/", {"format": "json", "lang": "en"}).json()

    assert first == again and len(generations) == 2
    assert english["paths"].keys() == first["paths"].keys()
    assert english != first  # the descriptions are translated, so English is a schema of its own
