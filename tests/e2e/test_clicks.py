"""How many clicks the daily journeys take, from the sign-in page on, following only what the pages offer
(no typed addresses): the teacher's to a submitted route and the reviewer's to a decision. Every click,
choice and filled field counts as one; the pages are those the browser loads.

Measured before the start page and the one inbox (2026-12-01): the reviewer's journey took 8 (sign in 3,
«Задачи», «Доступные мне задачи», the case, the decision, «Отправить»); the ceilings below are today's.
"""
import re

import pytest
from playwright.sync_api import expect

from routes import services as routes
from tests.e2e.test_start_page import PASSWORD
from tests.school import draft_route

pytestmark = pytest.mark.e2e


class Journey:
    """The page, counting what the person does and the pages they pass through."""

    def __init__(self, page):
        self.page, self.clicks, self.pages = page, 0, set()
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.pages.add(frame.url.split("?")[0]))

    def act(self, locator, how: str = "click", *args) -> None:
        self.clicks += 1
        getattr(locator, how)(*args)

    def sign_in(self, username: str) -> None:
        self.page.goto("/")
        self.act(self.page.get_by_label("Имя пользователя"), "fill", username)
        self.act(self.page.get_by_label("Пароль"), "fill", PASSWORD)
        self.act(self.page.get_by_role("button", name="Войти"))
        expect(self.page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_the_reviewer_decides_from_the_start_page(page, school):
    route = routes.submit(draft_route(school.teacher), school.teacher)
    journey = Journey(page)

    journey.sign_in(school.lead.username)
    journey.act(page.get_by_test_id("waiting").get_by_role("link", name=route.number))
    decision = page.get_by_test_id("decision")
    journey.act(decision.get_by_label("согласовать"), "check")
    journey.act(decision.locator("button[type=submit]"))

    expect(page.get_by_test_id("decision")).to_have_count(0)  # the step is done; the director's comes next
    route.refresh_from_db()
    assert route.current_step == "Утверждение директором"
    print(f"\nreviewer: {journey.clicks} clicks over {len(journey.pages)} pages")
    assert journey.clicks <= 6


def test_the_teacher_submits_a_route_from_the_start_page(page, school):
    journey = Journey(page)

    journey.sign_in(school.teacher.username)
    journey.act(page.get_by_role("link", name="Индивидуальные маршруты").first)
    journey.act(page.get_by_test_id("route-create"))
    for name, value in (("period_start", "2026-09-01"), ("period_end", "2027-05-31"),
                        ("topic", "Смысловое чтение на уроках истории"), ("goals", "Освоить приёмы смыслового чтения"),
                        ("expected_product", "Сборник заданий")):
        journey.act(page.locator(f"[name={name}]"), "fill", value)
    journey.act(page.locator("[name=presentation_level]"), "select_option", "municipal")
    journey.act(page.locator("[name=activities-0-form]"), "select_option", "course")
    for name, value in (("title", "КПК «Смысловое чтение»"), ("starts_on", "2026-10-01"), ("ends_on", "2026-10-20")):
        journey.act(page.locator(f"[name=activities-0-{name}]"), "fill", value)
    journey.act(page.get_by_role("button", name="Сохранить черновик"))
    journey.act(page.get_by_role("button", name="Отправить на согласование"))

    expect(page.get_by_test_id("route-status")).to_have_text("на согласовании")
    print(f"\nteacher: {journey.clicks} clicks over {len(journey.pages)} pages")
    assert journey.clicks <= 17
