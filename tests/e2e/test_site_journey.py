"""A site's status in the browser: the director applies to the department's call, the methodical centre accepts,
two experts score, the council's protocol is recorded, the department signs the order (its PDF opens), and the
site is in the register and on the municipality's public page, which needs no login. Screenshots of the order,
the register and the public page go to var/artifacts/screenshots/."""
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Municipality, User
from platforms.calls import save_call
from platforms.models import Call, SiteKind
from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "artifacts" / "screenshots"
TOPIC = "Школа функциональной грамотности: сетевая модель"


def open_application(page, number: str) -> None:
    """A full load of the case page: Turbo's cached preview would swallow what is typed into it."""
    page.goto("/site_applications/")
    page.goto(page.get_by_role("link", name=number).get_attribute("href"))


def submit_card(page, testid: str) -> None:
    page.get_by_test_id(testid).locator("button[type=submit]").click()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def announce_call() -> Call:
    tomsk = Municipality.objects.get(slug="tomsk")
    return save_call(Call(municipality=tomsk, title="Инновационный поиск", kinds=[SiteKind.INNOVATION],
                          opens_on=timezone.localdate() - timedelta(days=1), deadline=timezone.now() + timedelta(days=30),
                          description="Конкурс инновационных проектов"), User.objects.get(username="officer.tomsk"))


def apply(page, tmp_path) -> str:
    """The director fills the application with one stage and a file, saves the draft and submits it."""
    log_in(page, "director.tomsk")
    page.goto("/site_applications/new/")
    page.locator("[name=call]").select_option(label="Инновационный поиск")
    page.locator("[name=kind]").select_option("innovation")
    page.locator("[name=topic]").fill(TOPIC)
    for name, text in (("relevance", "Низкие результаты по функциональной грамотности"),
                       ("goals", "Создать сетевую модель"), ("tasks", "Разработать и апробировать модель"),
                       ("expected_results", "Рост результатов на 15 %"), ("resources", "Команда, оборудование")):
        page.locator(f"[name={name}]").fill(text)
    page.locator("[name=term_years]").fill("2")
    stage = page.get_by_test_id("stage-row").first
    first = timezone.localdate() + timedelta(days=30)
    stage.locator("input[name$=title]").fill("Подготовительный этап")
    stage.locator("input[name$=starts_on]").fill(first.isoformat())
    stage.locator("input[name$=ends_on]").fill((first + timedelta(days=120)).isoformat())
    project = tmp_path / "проект.pdf"
    project.write_bytes(b"%PDF-1.4 the project of a site")
    page.locator("[name=files]").set_input_files(str(project))
    page.get_by_test_id("save-application").click()
    expect(page.get_by_test_id("files")).to_contain_text("проект.pdf")
    number = page.get_by_test_id("application").locator("h1").inner_text().split(":")[0]
    page.get_by_role("button", name="Подать в методический центр").click()
    expect(page.get_by_test_id("application-status")).to_have_text("на проверке комплектности")
    page.context.clear_cookies()
    return number


def test_a_director_applies_the_council_scores_the_order_is_signed_and_the_site_is_public(page, demo_region, tmp_path):
    announce_call()
    number = apply(page, tmp_path)

    log_in(page, "methodist.tomsk")
    open_application(page, number)
    page.get_by_test_id("check").get_by_label("принять на экспертный совет").check()
    submit_card(page, "check")
    expect(page.get_by_test_id("application-status")).to_have_text("назначаются эксперты")
    expect(page.get_by_test_id("assign-experts").locator("input[type=checkbox]:checked")).to_have_count(2)
    submit_card(page, "assign-experts")
    expect(page.get_by_test_id("application-status")).to_have_text("на оценке экспертного совета")
    page.context.clear_cookies()

    for expert, score in (("expert.tomsk", "8"), ("tutor.tomsk", "9")):
        log_in(page, expert)
        open_application(page, number)
        form = page.get_by_test_id("review-form")
        for field in form.locator("input[name^=score_]").all():
            field.fill(score)
        form.locator("textarea[name=text]").fill("Проект актуален, этапы и результаты измеримы.")
        form.locator("input[name=recommendation][value=publish]").check()
        submit_card(page, "review-form")
        expect(page.get_by_test_id("review-form")).to_have_count(0)
        page.context.clear_cookies()

    log_in(page, "methodist.tomsk")
    open_application(page, number)
    expect(page.get_by_test_id("application-status")).to_have_text("ожидает протокола экспертного совета")
    protocol = page.get_by_test_id("protocol-form")
    protocol.locator("[name=number]").fill("7")
    members = protocol.locator("input[name=members_present]")
    for member in members.all():
        member.check()
    protocol.locator("[name=votes_for]").fill(str(members.count()))
    protocol.locator("[name=votes_against]").fill("0")
    protocol.locator("[name=votes_abstained]").fill("0")
    protocol.get_by_label("присвоить статус").check()
    submit_card(page, "protocol-form")
    expect(page.get_by_test_id("application-status")).to_have_text("ожидает приказа управления")
    page.context.clear_cookies()

    log_in(page, "officer.tomsk")
    open_application(page, number)
    grant = page.get_by_test_id("grant")
    grant.locator("[name=signatory]").select_option(index=1)
    submit_card(page, "grant")
    expect(page.get_by_test_id("application-status")).to_have_text("статус присвоен")
    page.get_by_test_id("order-link").get_by_role("link").click()
    expect(page.get_by_test_id("order-pdf")).to_be_visible()
    expect(page.locator("body")).to_contain_text(TOPIC)
    shot(page, "test_site_journey_order")
    pdf = page.request.get(page.get_by_test_id("order-pdf").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    page.goto("/register/")
    expect(page.get_by_test_id("site-row").filter(has_text="функциональной грамотности")).to_have_count(1)
    shot(page, "test_site_journey_register")
    page.context.clear_cookies()

    page.goto("/sites/tomsk/")
    expect(page).not_to_have_url("/accounts/login/")
    expect(page.get_by_test_id("public-site").filter(has_text=TOPIC)).to_have_count(1)
    shot(page, "test_site_journey_public")
