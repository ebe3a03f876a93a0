"""An API address that matches nothing answers like a missing object: problem details, Russian, naming nothing."""
import pytest

from tests.api.problems import problem_of


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/routes/abc/", "/api/no-such-thing/", "/api/tasks/1/nope/"])
def test_an_unknown_api_address_answers_the_api_404(client, path):
    response = client.get(path)

    assert problem_of(response) == {"type": "about:blank", "title": "Не найдено", "status": 404,
                                    "detail": "Не найдено.", "code": "not_found",
                                    "errors": [{"field": None, "code": "not_found", "message": "Не найдено."}]}


@pytest.mark.django_db
def test_an_unknown_page_address_answers_the_site_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
