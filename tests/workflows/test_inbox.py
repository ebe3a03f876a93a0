"""The one inbox: my tasks and the tasks I can take in one list by due date, taken in place; experts told
of their assignment with the step's Russian title and its due date."""
from datetime import timedelta
from datetime import timezone as dt_timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from routes import services
from tests.expertise import in_expertise
from workflows.models import Notification
from workflows.services import claim
from workflows.tasks import inbox

pytestmark = pytest.mark.django_db


def due_in(task: Task, days: int) -> None:
    due = (timezone.now() + timedelta(days=days)).astimezone(dt_timezone.utc).isoformat()
    Task.objects.filter(pk=task.pk).update(data={**task.data, "due_at": due})


def submitted_route(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    return route, services.current_human_task(route)


def test_the_inbox_holds_my_tasks_and_the_ones_i_can_take_by_due_date_overdue_first(school, make_route):
    (later, later_task), (late, late_task), (mine, mine_task) = (submitted_route(school, make_route)
                                                                 for _ in range(3))
    claim(mine_task, school.lead)
    due_in(later_task, 5)
    due_in(late_task, -2)
    due_in(mine_task, 1)

    assert [task.process.artifact for task in inbox(school.lead)] == [late, mine, later]
    assert list(inbox(school.other_lead)) == []


def test_the_default_task_page_shows_a_pending_approval(client, school, make_route):
    route, _task = submitted_route(school, make_route)
    client.force_login(school.lead)

    page = client.get(reverse("tasks:index")).content.decode()

    assert page.count('data-testid="task-row"') == 1
    assert route.number in page and 'data-testid="claim"' in page and "Задач нет." not in page
    assert "Взять" in page and "Все мои задачи" in page


def test_a_task_is_taken_from_the_list_itself(client, school, make_route):
    route, task = submitted_route(school, make_route)
    client.force_login(school.lead)

    response = client.post(reverse("tasks:index"), {"task": task.pk, "next": reverse("tasks:index")}, follow=True)

    task.refresh_from_db()
    assert task.owner == school.lead and task.status == "ASSIGNED"
    assert response.redirect_chain[-1][0] == reverse("tasks:index")
    page = response.content.decode()
    assert f"Задача ваша: {route.number}" in page
    assert 'data-testid="claim"' not in page and page.count('data-testid="task-row"') == 1


def test_a_task_someone_else_took_meanwhile_is_said_so_in_russian(client, school, make_route):
    """The director of the school sees the route, so the task is no secret to them: they are told it is taken."""
    _route, task = submitted_route(school, make_route)
    claim(task, school.lead)
    client.force_login(school.director)

    response = client.post(reverse("tasks:index"), {"task": task.pk}, follow=True)

    assert response.status_code == 200
    assert "Эту задачу уже взял другой сотрудник." in response.content.decode()
    task.refresh_from_db()
    assert task.owner == school.lead


@pytest.mark.parametrize("sent", ["not a number", "", "99999999", None])
def test_taking_a_task_that_is_not_there_is_not_found(client, school, make_route, sent):
    submitted_route(school, make_route)
    client.force_login(school.lead)

    response = client.post(reverse("tasks:index"), {} if sent is None else {"task": sent})

    assert response.status_code == 404


def test_taking_a_task_of_another_school_is_not_found_and_takes_nothing(client, school, make_route):
    _route, task = submitted_route(school, make_route)
    client.force_login(school.other_lead)

    response = client.post(reverse("tasks:index"), {"task": task.pk})

    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
    task.refresh_from_db()
    assert task.owner is None


def test_taking_a_task_goes_back_only_to_a_page_of_the_site(client, school, make_route):
    _route, task = submitted_route(school, make_route)
    client.force_login(school.lead)

    response = client.post(reverse("tasks:index"), {"task": task.pk, "next": "https://evil.example/"})

    assert response.status_code == 302 and response["Location"] == reverse("tasks:index")


def test_the_inbox_page_runs_a_fixed_number_of_queries(client, school, make_route):
    def queries_with(routes: int) -> int:
        for number in range(routes):
            _route, task = submitted_route(school, make_route)
            if number % 2:
                claim(task, school.lead)
        client.force_login(school.lead)
        client.get(reverse("tasks:index"))  # the first request of a session reads what later ones find cached
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("tasks:index"))
        assert response.content.decode().count('data-testid="task-row"') == len(inbox(school.lead))
        return len(queries)

    assert queries_with(2) == queries_with(5)


def test_the_api_lists_the_inbox_by_due_date(school, make_route):
    from rest_framework.test import APIClient

    (first, first_task), (second, second_task) = (submitted_route(school, make_route) for _ in range(2))
    due_in(first_task, 3)
    due_in(second_task, -1)
    client = APIClient()
    client.force_authenticate(school.lead)

    results = client.get("/api/tasks/").json()["results"]

    assert [row["case"]["number"] for row in results] == [second.number, first.number]


def test_an_expert_is_told_of_the_assignment_with_the_step_and_its_due_date(expertise):
    material = in_expertise(expertise)

    expert = expertise.experts[0]
    task = Task.objects.get(process_id=material.process_id, owner=expert, status="ASSIGNED")
    due = timezone.localtime(timezone.datetime.fromisoformat(task.data["due_at"]))
    assert task.data["step_title"] == "Рецензирование экспертом" and due > timezone.now() + timedelta(days=7)
    (notice,) = Notification.objects.filter(recipient=expert)
    assert notice.message == f"{material.number} ждёт вас: Рецензирование экспертом, срок — {due:%d.%m.%Y}"
    assert notice.url == material.get_absolute_url()


def test_the_methodists_are_told_when_experts_are_to_be_assigned(expertise):
    from materials import services as materials
    from tests.expertise import submitted

    material = submitted(expertise)
    materials.check(material, expertise.methodist, "approve")

    assert Notification.objects.filter(recipient=expertise.methodist,
                                       message=f"{material.number} ждёт вас: Назначение экспертов").exists()


def test_an_experts_task_reads_in_russian_on_the_task_list(client, expertise):
    material = in_expertise(expertise)
    client.force_login(expertise.experts[0])

    page = client.get(reverse("tasks:index")).content.decode()

    assert material.number in page and "Рецензирование экспертом" in page and "Expert Review" not in page
