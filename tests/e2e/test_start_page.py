"""The start page in the browser: a reviewer sees the task waiting for them on the first page after signing
in, and an expert is told of an assignment by the bell. Screenshots go to var/artifacts/screenshots/."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect
from viewflow.workflow.models import Task

from routes import services as routes
from tests.e2e.test_login import log_in
from tests.expertise import in_expertise, submitted
from tests.school import draft_route

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "artifacts" / "screenshots"


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


PASSWORD = "secret-password"  # tests.factories.UserFactory's


def overdue_first(case) -> None:
    """Put the case's open task first among whatever else waits."""
    for task in Task.objects.filter(process_id=case.process_id, status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN"):
        Task.objects.filter(pk=task.pk).update(data={**task.data, "due_at": "2000-01-02T00:00:00+00:00"})


@pytest.mark.parametrize("reviewer", ["lead", "director", "methodist"])
def test_the_start_page_shows_the_waiting_task_on_first_load(page, school, expertise, reviewer):
    route = routes.submit(draft_route(school.teacher), school.teacher)
    if reviewer == "director":
        routes.review(route, school.lead, "approve")
    case = submitted(expertise) if reviewer == "methodist" else route
    overdue_first(case)
    person = getattr(school, reviewer)

    log_in(page, person.username, PASSWORD)

    waiting = page.get_by_test_id("waiting")
    row = waiting.get_by_test_id("task-row").filter(has_text=case.number)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("просрочено")
    expect(row.get_by_test_id("claim")).to_be_visible()
    if reviewer != "lead":
        expect(page.get_by_test_id("scope-counts")).to_contain_text(
            "на согласовании: 1" if reviewer == "director" else "на проверке комплектности: 1")
    screenshot(page, f"test_start_page_{reviewer}")

    row.get_by_test_id("claim").click()
    expect(page.get_by_test_id("waiting").get_by_test_id("task-row").filter(has_text=case.number)
           .get_by_test_id("claim")).to_have_count(0)
    page.get_by_test_id("waiting").get_by_role("link", name=case.number).first.click()
    expect(page).to_have_url(re.compile(re.escape(case.get_absolute_url()) + "$"))


def test_an_expert_is_notified_of_an_assignment_by_the_bell(page, expertise):
    material = in_expertise(expertise)
    expert = expertise.experts[0]

    log_in(page, expert.username, PASSWORD)

    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    expect(page.get_by_test_id("waiting").get_by_test_id("task-row").filter(has_text=material.number)).to_contain_text(
        "Рецензирование экспертом")
    page.get_by_test_id("bell").click()
    expect(page.get_by_text(f"{material.number} ждёт вас: Рецензирование экспертом, срок —")).to_be_visible()
    screenshot(page, "test_start_page_expert_notified")
