"""Expertise of a material in the browser: submission, two experts, publication, the public bank."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e


def open_material(page, number: str) -> None:
    """A full load of the case page: Turbo's cached preview would swallow what is typed into it."""
    page.goto("/materials/")
    page.goto(page.get_by_role("link", name=number).get_attribute("href"))


def submit_card(page, testid: str) -> None:
    page.get_by_test_id(testid).locator("button[type=submit]").click()


def test_a_material_is_reviewed_by_two_experts_published_and_found_in_the_bank(page, demo_region, tmp_path):
    log_in(page, "teacher.tomsk")
    page.goto("/materials/new/")
    page.locator("[name=title]").fill("Проектная деятельность на уроках математики")
    page.locator("[name=kind]").select_option("development")
    page.locator("[name=subject]").select_option("математика")
    page.locator("[name=level]").select_option("basic")
    page.locator("[name=annotation]").fill("Серия уроков с учебными проектами в 7 классе")
    document = tmp_path / "разработка.pdf"
    document.write_bytes(b"%PDF-1.4 methodical development")
    page.locator("[name=files]").set_input_files(str(document))
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_test_id("files")).to_contain_text("разработка.pdf")
    number = page.get_by_test_id("material").locator("h1").inner_text().split(":")[0]
    page.get_by_role("button", name="Подать на экспертизу").click()
    expect(page.get_by_test_id("material-status")).to_have_text("на проверке комплектности")
    page.context.clear_cookies()

    log_in(page, "methodist.tomsk")
    open_material(page, number)
    page.get_by_test_id("check").get_by_label("принять к экспертизе").check()
    submit_card(page, "check")
    expect(page.get_by_test_id("material-status")).to_have_text("назначаются эксперты")
    experts = page.get_by_test_id("assign-experts")
    expect(experts.locator("input[type=checkbox]:checked")).to_have_count(2)
    submit_card(page, "assign-experts")
    expect(page.get_by_test_id("material-status")).to_have_text("на экспертизе")
    page.context.clear_cookies()

    for expert, score in (("expert.tomsk", "8"), ("tutor.tomsk", "9")):
        log_in(page, expert)
        open_material(page, number)
        form = page.get_by_test_id("review-form")
        for field in form.locator("input[name^=score_]").all():
            field.fill(score)
        form.locator("textarea[name=text]").fill("Материал актуален, уроки методически обоснованы.")
        form.get_by_label("опубликовать в банке").check()
        submit_card(page, "review-form")
        expect(page.get_by_test_id("review-form")).to_have_count(0)
        page.context.clear_cookies()

    log_in(page, "methodist.tomsk")
    open_material(page, number)
    expect(page.get_by_test_id("reviews").get_by_test_id("review")).to_have_count(2)
    page.get_by_test_id("decision").get_by_label("опубликовать в банке практик").check()
    submit_card(page, "decision")
    expect(page.get_by_test_id("material-status")).to_have_text("опубликован в банке")
    page.context.clear_cookies()

    page.goto("/bank/?q=проектной")
    expect(page.get_by_test_id("practice")).to_have_count(1)
    page.get_by_role("link", name="Проектная деятельность на уроках математики").click()
    expect(page.get_by_test_id("practice-page")).to_contain_text("Смирнова Анна Сергеевна")
    expect(page).to_have_url(re.compile(r"/bank/\d+/"))
