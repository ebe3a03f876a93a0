import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def log_in(page, username: str, password: str = "demo", expect_success: bool = True) -> None:
    page.goto("/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    if expect_success:
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_a_demo_teacher_logs_in_sees_the_russian_home_page_and_logs_out(page, demo_region):
    log_in(page, "teacher.tomsk")

    expect(page.get_by_test_id("person")).to_contain_text("Смирнова Анна Сергеевна")
    expect(page.get_by_test_id("roles")).to_contain_text("педагог")
    expect(page.get_by_test_id("roles")).to_contain_text("Мои роли")
    assert page.locator("html").get_attribute("lang") == "ru"

    page.locator(".vf-page__menu-toggle-button").click()
    page.get_by_role("button", name="Выйти").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/"))


def test_a_wrong_password_is_refused_in_russian(page, demo_region):
    log_in(page, "teacher.tomsk", "not-the-password", expect_success=False)

    expect(page.get_by_text(re.compile("введите правильные имя пользователя и пароль"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
