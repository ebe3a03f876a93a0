"""Every open task and every case detail say what the person can do: the method, the URL and the name of the
body's schema component, so a client follows them without reading the source."""
import pytest

from materials.models import Material
from routes import services
from routes.models import IndividualRoute
from tests.api import task_of, token_client
from tests.expertise import in_expertise, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def components(django_db_setup, django_db_blocker) -> dict:
    from drf_spectacular.generators import SchemaGenerator
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]


def actions(client, url: str) -> dict[str, dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {action["action"]: action for action in response.json()["actions"]}


def test_every_body_a_task_or_a_case_names_is_in_the_schema(components, school, make_route, expertise):
    route = services.submit(make_route(school.teacher), school.teacher)
    material = submitted(expertise)
    methodist, lead = token_client(school.methodist), token_client(school.lead)
    named = [*actions(lead, f"/api/tasks/{task_of(route)}/").values(),
             *actions(lead, f"/api/routes/{route.pk}/").values(),
             *actions(methodist, f"/api/materials/{material.pk}/").values()]

    assert {action["action"] for action in named} == {"claim", "decide", "check"}
    for action in named:
        assert action["request"] is None or action["request"] in components, action


def test_a_reviewer_follows_the_decide_action_of_their_task(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    lead = token_client(school.lead)
    task = actions(lead, f"/api/tasks/{task_of(route)}/")

    assert task["claim"]["method"] == "POST" and task["claim"]["request"] is None
    assert task["decide"] == {"action": "decide", "method": "POST", "request": "RouteAgreementDecisionJsonRequest",
                              "url": f"http://testserver/api/tasks/{task_of(route)}/complete/"}
    assert actions(lead, f"/api/routes/{route.pk}/")["decide"] == task["decide"]
    assert lead.post(task["claim"]["url"]).status_code == 200
    done = lead.post(task["decide"]["url"], {"decision": "return", "comment": "Уточните сроки"}, format="json")
    assert done.status_code == 200, done.content

    # The author's returned route: its revision task says edit (PATCH the route) and submit.
    author = token_client(school.teacher)
    revision = actions(author, f"/api/tasks/{task_of(route)}/")
    assert {name: (action["method"], action["request"]) for name, action in revision.items()} == {
        "edit": ("PATCH", "RouteInputRequest"), "submit": ("POST", None)}
    assert revision["edit"]["url"] == f"http://testserver/api/routes/{route.pk}/"
    assert author.post(revision["submit"]["url"]).json()["status"] == IndividualRoute.Status.AGREEMENT


def test_an_implementing_author_is_told_each_activity_to_record(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    for reviewer in (school.lead, school.director):
        services.review(route, reviewer, "approve")
    route.refresh_from_db()
    found = token_client(school.teacher).get(f"/api/routes/{route.pk}/").json()["actions"]

    recorded = [action["url"] for action in found if action["action"] == "record_activity"]
    assert recorded == [f"http://testserver/api/routes/{route.pk}/activities/{activity.pk}/done/"
                        for activity in route.activities.order_by("pk")]
    assert {action["action"] for action in found} == {"record_activity", "amend", "report"}


def test_an_expert_task_names_review_and_decline(school, expertise):
    material = in_expertise(expertise)
    expert = token_client(expertise.experts[0])
    task = expert.get("/api/tasks/").json()["results"][0]
    named = {action["action"]: action for action in task["actions"]}

    assert {name: (action["url"], action["request"]) for name, action in named.items()} == {
        "review": (f"http://testserver/api/materials/{material.pk}/review/", "ReviewInputRequest"),
        "decline": (f"http://testserver/api/materials/{material.pk}/decline/", "DeclineRequest")}
    declined = expert.post(named["decline"]["url"], {"reason": "Болею"}, format="json")
    assert declined.status_code == 200, declined.content
    assert Material.objects.get(pk=material.pk).status == Material.Status.EXPERTISE
    assert token_client(school.methodist).get("/api/tasks/").json()["results"][0]["actions"][-1]["action"] == (
        "replace_expert")
