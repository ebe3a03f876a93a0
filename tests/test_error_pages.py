"""The site's error pages: Russian, in the site's look, naming nothing they were asked for; the API's in its shape.

A few views that fail on purpose stand in front of the site's own addresses (this module is the URL
configuration of its tests, with the site's handlers).
"""
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path

import config.urls
from tests.school import School

ENGLISH = ("Page not found", "Not Found", "Forbidden", "Server Error", "Traceback", "Django", "URLconf")


def refuse(request):
    raise PermissionDenied("a refusal meant for the log only")


def fail(request):
    raise RuntimeError("a failure meant for the log only")


urlpatterns = [
    path("refused/", refuse),
    path("failing/", fail),
    path("api/failing/", fail),
    path("", include(config.urls.urlpatterns)),
]
handler403 = config.urls.handler403
handler404 = config.urls.handler404
handler500 = config.urls.handler500

pytestmark = pytest.mark.urls(__name__)


def page_of(response) -> str:
    return response.content.decode()


def assert_russian_page(response, status: int, heading: str) -> None:
    page = page_of(response)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert heading in page
    assert "На главную" in page
    assert 'lang="ru"' in page
    for word in ENGLISH:
        assert word not in page, word


def test_a_missing_page_is_the_sites_russian_404_for_a_signed_in_person(client, school: School):
    client.force_login(school.teacher)

    response = client.get("/no-such-page/")

    assert_russian_page(response, 404, "Страница не найдена")
    assert "methodflow/site.css" in page_of(response)  # the site's look


def test_a_missing_page_is_the_russian_404_for_an_anonymous_visitor_too(client, db):
    assert_russian_page(client.get("/no-such-page/"), 404, "Страница не найдена")


def test_with_debug_on_the_demo_shows_the_sites_404_not_djangos_technical_page(client, school: School, settings):
    settings.DEBUG = True
    client.force_login(school.teacher)

    assert_russian_page(client.get("/no-such-page/"), 404, "Страница не найдена")


def test_a_refusal_is_the_sites_russian_403_without_the_exceptions_message(client, school: School):
    client.force_login(school.teacher)

    response = client.get("/refused/")

    assert_russian_page(response, 403, "Доступ запрещён")
    assert "meant for the log" not in page_of(response)


def failing(school: School, path: str):
    client = Client(raise_request_exception=False)
    client.force_login(school.teacher)
    response = client.get(path)
    assert "meant for the log" not in page_of(response)
    return response


def test_an_unexpected_error_is_the_russian_500_page(school: School):
    assert_russian_page(failing(school, "/failing/"), 500, "Ошибка сервера")


def test_an_unexpected_error_of_the_api_is_answered_in_the_apis_shape(school: School):
    response = failing(school, "/api/failing/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/")


def test_a_form_sent_without_its_csrf_token_is_refused_in_russian(school: School):
    client = Client(enforce_csrf_checks=True)
    client.force_login(school.teacher)

    response = client.post("/accounts/logout/")

    assert_russian_page(response, 403, "Срок действия формы истёк")
