"""The bases every process's pages and API extend (`workflows.pages`, `workflows.api_cases`) and the one
history diff they share (`workflows.history`)."""
import pytest
from django.urls import reverse

from routes import services
from tests.api import token_client
from tests.factories import DeficitFactory

pytestmark = pytest.mark.django_db


def test_the_api_history_names_the_deficits_as_the_case_page_does(client, school, make_route):
    route = make_route(school.teacher)
    reading, grading = DeficitFactory(title="Смысловое чтение"), DeficitFactory(title="Формирующее оценивание")
    services.save_draft(route, school.teacher, deficits=[reading, grading])
    client.force_login(school.lead)

    rows = token_client(school.lead).get(f"/api/routes/{route.pk}/history/").data
    page = client.get(route.get_absolute_url()).content.decode()

    change = next(c for row in rows for c in row["changes"] if c["field"] == "deficits")
    assert change["new"] == sorted([reading.pk, grading.pk])  # the ids, as the API has always sent them
    assert change["new_display"] == "Смысловое чтение; Формирующее оценивание"
    assert change["old_display"] == ""
    assert f"<td>{change['label']}</td><td>—</td><td>{change['new_display']}</td>" in page


def test_a_field_change_carries_its_label_in_the_api_and_on_the_page(client, school, make_route):
    route = make_route(school.teacher)
    route.topic = "Смысловое чтение на уроках истории"
    services.save_draft(route, school.teacher)
    client.force_login(school.lead)

    rows = token_client(school.lead).get(f"/api/routes/{route.pk}/history/").data
    page = client.get(route.get_absolute_url()).content.decode()

    topic = next(c for row in rows for c in row["changes"] if c["field"] == "topic")
    assert topic["new_display"] == topic["new"] == "Смысловое чтение на уроках истории"
    assert f"<td>{topic['label']}</td>" in page and topic["new_display"] in page


def test_an_action_the_case_page_does_not_have_is_404(client, school, make_route):
    route = make_route(school.teacher)
    client.force_login(school.teacher)

    response = client.post(reverse("routes:route_action", args=[route.pk, "publish"]))

    assert response.status_code == 404


def test_a_case_hidden_from_me_has_no_actions_either(client, school, make_route):
    route = make_route(school.teacher)
    client.force_login(school.other_teacher)

    response = client.post(reverse("routes:route_action", args=[route.pk, "submit"]))

    assert response.status_code == 404
    route.refresh_from_db()
    assert route.status == route.Status.DRAFT


def test_a_refused_action_comes_back_to_the_case_page_with_the_reason(client, school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    client.force_login(school.teacher)

    response = client.post(reverse("routes:route_action", args=[route.pk, "submit"]), follow=True)

    assert response.redirect_chain[-1][0] == route.get_absolute_url()
    assert "Маршрут уже подан." in response.content.decode()
