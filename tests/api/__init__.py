"""Helpers of the API tests: clients signed in with a token, and the body of a new route.

The people of a school (`school`) and route drafts (`make_route`) come from `tests.school`.
"""
from knox.models import AuthToken
from rest_framework.test import APIClient

from routes import services


def token_client(user) -> APIClient:
    client = APIClient()
    # A token of its own, outside the per-person limit of `issue_token`: a test may make many clients.
    _instance, token = AuthToken.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def route_body(**changes) -> dict:
    body = {
        "period_start": "2026-09-01", "period_end": "2027-05-31", "topic": "Формирование функциональной грамотности",
        "goals": "Освоить приёмы смыслового чтения", "expected_product": "Методическая разработка серии уроков",
        "presentation_level": "municipal",
        "activities": [{"form": "course", "title": "Курсы повышения квалификации", "provider": "ЦНППМ",
                        "starts_on": "2026-10-01", "ends_on": "2026-10-20", "expected_result": "Удостоверение"}],
    }
    return {**body, **changes}


def task_of(route) -> int:
    """The id of the route's open step's task."""
    return services.current_human_task(route).pk
