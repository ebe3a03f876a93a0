"""The case pages and lists on a phone, 390 px wide: nothing wider than the screen, the evidence upload
within reach. Screenshots go to var/artifacts/screenshots/."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from routes import services as routes
from tests.e2e.test_login import log_in
from tests.expertise import in_expertise, submitted
from tests.school import draft_route

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "screenshots"
PASSWORD = "secret-password"  # tests.factories.UserFactory


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport=PHONE, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def route_in_implementation(transactional_db, school):
    route = draft_route(school.teacher, activities=3)
    route.topic = "Формирование функциональной грамотности обучающихся основной школы на уроках математики"
    route.save()
    routes.submit(route, school.teacher)
    routes.review(route, school.lead, "approve")
    routes.review(route, school.director, "approve")
    return route


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def open_fully(page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")


def test_a_teacher_on_a_phone_sees_the_route_without_sideways_scrolling_and_reaches_the_upload(
        phone, school, route_in_implementation):
    log_in(phone, school.teacher.username, PASSWORD)

    open_fully(phone, route_in_implementation.get_absolute_url())

    expect(phone.get_by_test_id("route-status")).to_have_text("реализуется")
    assert page_width(phone) <= PHONE["width"]
    upload = phone.get_by_test_id("record-activity").first.locator("input[name=evidence]")
    upload.scroll_into_view_if_needed()
    expect(upload).to_be_in_viewport()
    box = upload.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    shoot(phone, "test_phone_route_page")

    open_fully(phone, "/routes/")
    expect(phone.get_by_test_id("route-row")).to_have_count(1)
    assert page_width(phone) <= PHONE["width"]
    shoot(phone, "test_phone_route_list")


def test_a_methodist_on_a_phone_sees_the_lists_and_a_material_without_sideways_scrolling(
        phone, school, route_in_implementation, expertise):
    submitted(expertise)  # the methodist's completeness check waits in the task list
    material = in_expertise(expertise)
    log_in(phone, school.methodist.username, PASSWORD)

    for path, visible, name in (
        ("/routes/", "route-row", "test_phone_methodist_route_list"),
        ("/tasks/queue/", "task-row", "test_phone_methodist_task_list"),
        (material.get_absolute_url(), "material-status", "test_phone_material_page"),
    ):
        open_fully(phone, path)
        expect(phone.get_by_test_id(visible).first).to_be_visible()
        assert page_width(phone) <= PHONE["width"], path
        shoot(phone, name)
