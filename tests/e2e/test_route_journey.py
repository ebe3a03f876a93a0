"""The ИОМ journey in the browser, with the demo region's people."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e


def log_out(page) -> None:
    page.context.clear_cookies()


def open_route(page, number: str) -> None:
    page.goto("/routes/")
    page.get_by_role("link", name=number).click()


def decide(page, decision_label: str, comment: str = "") -> None:
    decision = page.get_by_test_id("decision")
    decision.get_by_label(decision_label).check()
    if comment:
        decision.locator("textarea[name=comment]").fill(comment)
    decision.locator("button[type=submit]").click()


def test_a_teacher_drafts_a_route_which_is_returned_agreed_carried_out_and_closed(page, demo_region, tmp_path):
    log_in(page, "teacher.tomsk")
    page.goto("/routes/new/")
    page.locator("[name=period_start]").fill("2026-09-01")
    page.locator("[name=period_end]").fill("2027-05-31")
    page.locator("[name=topic]").fill("Развитие функциональной грамотности на уроках математики")
    page.locator("[name=goals]").fill("Освоить приёмы формирования математической грамотности")
    page.locator("[name=expected_product]").fill("Сборник заданий")
    page.locator("[name=presentation_level]").select_option("municipal")
    page.locator("[name=activities-0-form]").select_option("course")
    page.locator("[name=activities-0-title]").fill("КПК «Функциональная грамотность»")
    page.locator("[name=activities-0-starts_on]").fill("2026-10-01")
    page.locator("[name=activities-0-ends_on]").fill("2026-10-20")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_test_id("route-status")).to_have_text("черновик")
    number = page.get_by_test_id("route").locator("h1").inner_text().split(":")[0]

    page.get_by_role("button", name="Отправить на согласование").click()
    expect(page.get_by_test_id("route-status")).to_have_text("на согласовании")
    log_out(page)

    log_in(page, "lead.tomsk")
    open_route(page, number)
    decide(page, "вернуть на доработку", "Уточните ожидаемый результат курсов")
    expect(page.get_by_test_id("route-status")).to_have_text("возвращён на доработку")
    log_out(page)

    log_in(page, "teacher.tomsk")
    open_route(page, number)
    page.get_by_role("link", name="Редактировать").click()
    page.locator("[name=activities-0-expected_result]").fill("Удостоверение о повышении квалификации")
    page.get_by_role("button", name="Сохранить черновик").click()
    page.get_by_role("button", name="Отправить повторно").click()
    expect(page.get_by_test_id("route-status")).to_have_text("на согласовании")
    log_out(page)

    for reviewer in ("lead.tomsk", "director.tomsk"):
        log_in(page, reviewer)
        open_route(page, number)
        decide(page, "согласовать")
        log_out(page)

    log_in(page, "teacher.tomsk")
    open_route(page, number)
    expect(page.get_by_test_id("route-status")).to_have_text("реализуется")
    evidence = tmp_path / "удостоверение.pdf"
    evidence.write_bytes(b"%PDF-1.4 certificate")
    record = page.get_by_test_id("record-activity").first
    record.locator("input[name=evidence]").set_input_files(str(evidence))
    record.locator("button[type=submit]").click()
    expect(page.get_by_test_id("activities")).to_contain_text("файл")
    page.get_by_role("link", name="Итоговый отчёт").click()
    page.locator("[name=self_analysis]").fill("Курсы пройдены, задания апробированы")
    page.locator("[name=product]").fill("Сборник заданий по функциональной грамотности")
    page.locator("[name=presentations]").fill("Выступление на ММО учителей математики")
    page.get_by_role("button", name="Отправить на оценку").click()
    expect(page.get_by_test_id("route-status")).to_have_text("результаты на оценке")
    log_out(page)

    log_in(page, "lead.tomsk")
    open_route(page, number)
    evaluation = page.get_by_test_id("evaluation")
    evaluation.get_by_label("выполнен", exact=True).check()
    evaluation.locator("button[type=submit]").click()
    expect(page.get_by_test_id("route-status")).to_have_text("закрыт")

    timeline = page.get_by_test_id("timeline")
    for text in ("подан", "возвращён на доработку", "Уточните ожидаемый результат курсов",
                 "подан повторно после доработки", "согласовано", "мероприятие выполнено",
                 "итоговый отчёт представлен", "результаты оценены", "закрыт"):
        expect(timeline).to_contain_text(text)
    expect(timeline).to_contain_text(re.compile("Соколов"))  # the director who approved
