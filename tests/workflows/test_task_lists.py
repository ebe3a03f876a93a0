from datetime import timedelta
from datetime import timezone as dt_timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from routes import services
from workflows.types import case_flows
from workflows.services import claim
from workflows.tasks import claimable, open_to, task_list

pytestmark = pytest.mark.django_db


def numbers(user, which):
    return {task.process.artifact.number for task in task_list(user, which)}


def test_the_lists_follow_a_task_from_the_queue_to_done(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    task = services.current_human_task(route)

    assert numbers(school.lead, "queue") == {route.number}
    assert numbers(school.other_lead, "queue") == set()
    assert numbers(school.director, "queue") == set()
    claim(task, school.lead)
    assert numbers(school.lead, "queue") == set() and numbers(school.lead, "mine") == {route.number}
    services.review(route, school.lead, "approve")
    assert numbers(school.lead, "mine") == set() and numbers(school.lead, "done") == {route.number}
    assert numbers(school.director, "queue") == {route.number}


def test_overdue_lists_tasks_past_their_due_date(school, make_route):
    late = services.submit(make_route(school.teacher), school.teacher)
    services.submit(make_route(school.teacher), school.teacher)
    task = services.current_human_task(late)
    task.data["due_at"] = (timezone.now() - timedelta(days=1)).astimezone(dt_timezone.utc).isoformat()
    task.save()

    assert numbers(school.lead, "overdue") == {late.number}


@pytest.mark.parametrize("which", ["mine", "queue", "overdue", "done"])
def test_task_list_pages_run_a_fixed_number_of_queries(client, school, make_route, which):
    def queries_with(routes: int) -> int:
        for _ in range(routes):
            route = services.submit(make_route(school.teacher), school.teacher)
            task = services.current_human_task(route)
            if which in ("mine", "done"):
                claim(task, school.lead)
            if which == "done":
                services.review(route, school.lead, "approve")
            if which == "overdue":
                Task.objects.filter(pk=task.pk).update(data={**task.data, "due_at": "2000-01-01T00:00:00+00:00"})
        client.force_login(school.lead)
        client.get(reverse("tasks:tasks", args=[which]))  # the first request of a session fills the shared cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("tasks:tasks", args=[which]))
        assert response.status_code == 200
        assert response.content.decode().count('data-testid="task-row"') == len(task_list(school.lead, which))
        return len(queries)

    assert queries_with(1) == queries_with(9)


def test_the_lists_offer_what_viewflows_queue_and_inbox_offer_to_every_role(school, make_route):
    """`claimable` decides in the database what Viewflow's queue decides in Python from the grants."""
    at_lead = services.submit(make_route(school.teacher), school.teacher)
    at_director = services.submit(make_route(school.teacher), school.teacher)
    services.review(at_director, school.lead, "approve")
    claimed = services.submit(make_route(school.teacher), school.teacher)
    claim(services.current_human_task(claimed), school.lead)
    elsewhere = services.submit(make_route(school.other_teacher), school.other_teacher)
    people = [value for value in vars(school).values() if hasattr(value, "role_assignments")]

    for person in people:
        queue = set(Task.objects.queue(case_flows(), person).filter(flow_task_type="HUMAN"))
        inbox = set(Task.objects.inbox(case_flows(), person))
        assert set(claimable(person)) == queue, person.username
        assert set(task_list(person, "mine")) == inbox, person.username
        assert set(open_to(person)) == queue | inbox, person.username
    assert {task.process.artifact for task in claimable(school.lead)} == {at_lead}
    assert {task.process.artifact for task in claimable(school.other_lead)} == {elsewhere}


def test_a_long_task_list_comes_a_page_at_a_time(client, school, make_route, monkeypatch):
    monkeypatch.setattr("workflows.views.PAGE_SIZE", 1)
    for _ in range(2):
        services.submit(make_route(school.teacher), school.teacher)
    client.force_login(school.lead)
    url = reverse("tasks:tasks", args=["queue"])

    pages = [client.get(url, {"page": page}).content.decode() for page in ("1", "2")]

    assert [page.count('data-testid="task-row"') for page in pages] == [1, 1]
    assert 'data-testid="next-page"' in pages[0] and 'data-testid="next-page"' not in pages[1]
    assert rows(pages[0]) != rows(pages[1])


@pytest.mark.parametrize("page", ["not a number", "99999999999999999999", "²", "0", "3"])
def test_a_task_list_page_that_is_not_there_is_not_found(client, school, make_route, monkeypatch, page):
    monkeypatch.setattr("workflows.views.PAGE_SIZE", 1)
    for _ in range(2):
        services.submit(make_route(school.teacher), school.teacher)
    client.force_login(school.lead)

    response = client.get(reverse("tasks:tasks", args=["queue"]), {"page": page})

    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


@pytest.mark.parametrize("url", ["routes:index", "materials:index", "diagnostics:index", "diagnostics:survey_list"])
def test_a_case_list_page_that_is_not_there_is_not_found(client, school, url):
    client.force_login(school.methodist)

    answers = [client.get(reverse(url), {"page": page}).status_code for page in ("99999999999999999999", "²", "2")]

    assert answers == [404, 404, 404]


def rows(page: str) -> list[str]:
    return [row.split("</tr>")[0] for row in page.split('data-testid="task-row"')[1:]]


def test_the_done_list_is_viewflows_archive(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "approve")

    for person in (school.lead, school.teacher, school.director):
        assert set(task_list(person, "done")) == set(Task.objects.archive(case_flows(), person)), person.username
