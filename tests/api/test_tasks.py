import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role
from routes import services
from routes.models import IndividualRoute
from tests.api import task_of, token_client
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.api.problems import errors_of
from workflows.pagination import CountedPagination
from workflows.services import claim

pytestmark = pytest.mark.django_db


def submitted(school, make_route) -> IndividualRoute:
    """Without a mentor the first step is the school lead's, in the queue of every lead of the school."""
    return services.submit(make_route(school.teacher), school.teacher)


def rows(client, **query) -> dict[int, dict]:
    response = client.get("/api/tasks/", query)
    assert response.status_code == 200, response.data
    return {row["case"]["id"]: row for row in response.data["results"]}


def test_the_default_list_has_my_tasks_and_the_ones_i_can_take(school, make_route):
    taken, waiting = submitted(school, make_route), submitted(school, make_route)
    claim(Task.objects.get(pk=task_of(taken)), school.lead)
    lead = token_client(school.lead)

    listed = rows(lead)

    assert set(listed) == {taken.pk, waiting.pk}
    assert not listed[taken.pk]["claimable"] and [a["action"] for a in listed[taken.pk]["actions"]] == ["decide"]
    assert listed[waiting.pk]["claimable"] and [a["action"] for a in listed[waiting.pk]["actions"]] == ["claim", "decide"]
    assert set(rows(lead, list="mine")) == {taken.pk}
    assert set(rows(lead, list="queue")) == {waiting.pk}
    assert rows(token_client(school.other_lead)) == {}


def test_a_row_describes_the_task_and_its_case(school, make_route):
    route = submitted(school, make_route)

    row = rows(token_client(school.lead))[route.pk]

    assert row["id"] == task_of(route) and row["status"] == STATUS.NEW and row["owner"] is None
    assert row["step"] == route.current_step and row["due_at"] and row["overdue"] is False
    assert row["process"] and row["node"] == "agreement"
    assert row["case"] == {
        "type": "route", "id": route.pk, "number": route.number, "status": IndividualRoute.Status.AGREEMENT,
        "status_display": str(IndividualRoute.Status.AGREEMENT.label),
        "url": f"http://testserver/api/routes/{route.pk}/", "page_url": f"http://testserver{route.get_absolute_url()}",
        "author": str(school.teacher), "organisation": str(school.organisation),
    }


def test_an_unknown_list_is_refused(school):
    response = token_client(school.lead).get("/api/tasks/", {"list": "everything"})

    assert response.status_code == 400 and "list" in errors_of(response)


def test_a_return_without_a_comment_is_refused_and_says_why(school, make_route):
    route = submitted(school, make_route)

    response = token_client(school.lead).post(f"/api/tasks/{task_of(route)}/complete/", {"decision": "return"},
                                              format="json")

    assert response.status_code == 400
    assert "комментарий" in errors_of(response)["comment"][0]
    assert Task.objects.get(pk=task_of(route)).status == STATUS.NEW


def test_a_decision_must_be_one_of_the_choices(school, make_route):
    route = submitted(school, make_route)

    response = token_client(school.lead).post(f"/api/tasks/{task_of(route)}/complete/", {"decision": "maybe"},
                                              format="json")

    assert response.status_code == 400 and "decision" in errors_of(response)


def test_completing_a_task_twice_is_a_conflict_and_leaves_the_next_step_alone(school, make_route):
    route = submitted(school, make_route)
    task_id = task_of(route)
    lead = token_client(school.lead)
    assert lead.post(f"/api/tasks/{task_id}/complete/", {"decision": "approve"}, format="json").status_code == 200

    again = lead.post(f"/api/tasks/{task_id}/complete/", {"decision": "approve"}, format="json")

    assert again.status_code == 409
    next_step = Task.objects.get(pk=task_of(route))
    assert next_step.data["step"] == "director_approval" and next_step.status == STATUS.NEW


def test_a_task_someone_else_took_cannot_be_claimed(school, make_route):
    second_lead = UserFactory(username="lead.a2", organisation=school.organisation)
    RoleAssignmentFactory(user=second_lead, role=Role.LEAD, organisation=school.organisation)
    route = submitted(school, make_route)
    assert token_client(school.lead).post(f"/api/tasks/{task_of(route)}/claim/").status_code == 200

    response = token_client(second_lead).post(f"/api/tasks/{task_of(route)}/claim/")

    assert response.status_code == 409
    assert Task.objects.get(pk=task_of(route)).owner == school.lead


def test_a_task_outside_my_scope_is_not_found(school, make_route):
    route = submitted(school, make_route)
    other_lead = token_client(school.other_lead)

    assert other_lead.post(f"/api/tasks/{task_of(route)}/claim/").status_code == 404
    assert other_lead.post(f"/api/tasks/{task_of(route)}/complete/", {"decision": "approve"},
                           format="json").status_code == 404
    assert token_client(school.lead).post("/api/tasks/999999/claim/").status_code == 404


def test_a_step_of_the_author_is_not_completed_from_the_task_list(school, make_route):
    route = submitted(school, make_route)
    services.review(route, school.lead, "return", "Дополните цели")

    response = token_client(school.teacher).post(f"/api/tasks/{task_of(route)}/complete/", {"decision": "approve"},
                                                 format="json")

    assert response.status_code == 400
    route.refresh_from_db()
    assert route.status == IndividualRoute.Status.RETURNED


def test_a_decision_may_carry_files_shown_on_the_timeline(school, make_route):
    route = submitted(school, make_route)

    response = token_client(school.lead).post(f"/api/tasks/{task_of(route)}/complete/", {
        "decision": "return", "comment": "Замечания в файле",
        "files": [SimpleUploadedFile("remarks.pdf", b"%PDF-1.4 remarks")]}, format="multipart")

    assert response.status_code == 200, response.data
    returned = token_client(school.teacher).get(f"/api/routes/{route.pk}/timeline/").data[-1]
    assert returned["kind"] == "returned" and returned["files"][0]["name"] == "remarks.pdf"
    assert returned["files"][0]["url"].startswith("http://testserver/")


def in_evaluation(school, make_route) -> IndividualRoute:
    route = submitted(school, make_route)
    for reviewer in (school.lead, school.director):
        services.review(route, reviewer, "approve")
    route.refresh_from_db()
    services.submit_report(route, school.teacher, "Самоанализ", "Серия уроков", "Выступление на ММО")
    return route


def test_an_evaluation_needs_a_result_to_approve(school, make_route):
    route = in_evaluation(school, make_route)

    response = token_client(school.lead).post(f"/api/tasks/{task_of(route)}/complete/", {"decision": "approve"},
                                              format="json")

    assert response.status_code == 400 and "result" in errors_of(response)


def test_an_evaluation_may_return_the_report(school, make_route):
    route = in_evaluation(school, make_route)

    response = token_client(school.lead).post(f"/api/tasks/{task_of(route)}/complete/", {
        "decision": "return", "comment": "Добавьте ссылки на выступления"}, format="json")

    assert response.status_code == 200
    route.refresh_from_db()
    assert route.status == IndividualRoute.Status.REPORT_RETURNED


def put_in_list(school, make_route, which: str) -> None:
    """One more task in the lead's list `which` ("" is the default list: mine and the queue)."""
    route = submitted(school, make_route)
    task = Task.objects.get(pk=task_of(route))
    if which in ("mine", "done"):
        claim(task, school.lead)
    if which == "done":
        services.review(route, school.lead, "approve")
    if which == "overdue":
        Task.objects.filter(pk=task.pk).update(data={**task.data, "due_at": "2000-01-01T00:00:00+00:00"})


@pytest.mark.parametrize("which", ["", "mine", "queue", "overdue", "done"])
def test_a_task_list_runs_the_same_queries_for_one_task_and_for_ten(school, make_route, which):
    lead = token_client(school.lead)
    query = {"list": which} if which else {}

    def queries_for(tasks: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = lead.get("/api/tasks/", query)
        assert response.status_code == 200 and response.data["count"] == len(response.data["results"]) == tasks
        return len(queries)

    put_in_list(school, make_route, which)
    queries_for(1)  # content types and other process-wide caches are filled once
    one = queries_for(1)
    for _ in range(9):
        put_in_list(school, make_route, which)

    assert queries_for(10) == one


def test_a_task_list_counts_every_task_and_pages_them_with_one_query_for_both(school, make_route, monkeypatch):
    monkeypatch.setattr(CountedPagination, "page_size", 2)
    routes = [submitted(school, make_route) for _ in range(3)]
    lead = token_client(school.lead)

    with CaptureQueriesContext(connection) as queries:
        first = lead.get("/api/tasks/")
    second, beyond, nonsense = (lead.get("/api/tasks/", {"page": page}) for page in ("2", "3", "x"))

    assert not any("COUNT(*) AS" in query["sql"] for query in queries)  # the total comes with the page
    assert first.data["count"] == second.data["count"] == 3
    assert len(first.data["results"]) == 2 and len(second.data["results"]) == 1
    assert first.data["next"].endswith("page=2") and second.data["next"] is None
    listed = {row["case"]["id"] for row in first.data["results"] + second.data["results"]}
    assert listed == {route.pk for route in routes}
    assert beyond.status_code == nonsense.status_code == 404


def test_an_empty_task_list_counts_none(school):
    response = token_client(school.teacher).get("/api/tasks/")

    assert response.status_code == 200 and response.data["count"] == 0 and response.data["results"] == []
