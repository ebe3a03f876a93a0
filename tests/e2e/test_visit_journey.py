"""A methodical visit in the browser: the methodist plans a visit to the low-result school (ШНОР) of
Novotroitsk, reports it with an addressed recommendation, the school's director finds the recommendation on
their start page and marks it done with what was done, and the methodist sees it done on the visit's page.
The screenshot of the director's recommendation goes to var/artifacts/screenshots/test_visit_journey.png."""
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Municipality, User
from demo.cases import Cast
from demo.site_internships import head_of_second_school
from tests.e2e.test_login import log_in
from tests.e2e.test_site_journey import shot
from visits.models import Recommendation, Visit

pytestmark = pytest.mark.e2e

PURPOSE = "Анализ результатов ВПР и подготовка к ГИА"
RECOMMENDATION = "Разработать программу повышения качества образования"
EXECUTION = "Программа утверждена приказом директора № 112"


def the_schools_director() -> User:
    municipality = Municipality.objects.get(slug="novotroitsk")
    people = {word: User.objects.get(username=f"{word}.novotroitsk") for word in ("tutor", "director")}
    return head_of_second_school(Cast(municipality, people))


def test_a_methodist_records_a_visit_with_a_recommendation_the_director_marks_done(page, demo_region):
    director = the_schools_director()
    school = director.organisation
    assert school.is_low_results
    today = timezone.localdate().isoformat()

    log_in(page, "methodist.novotroitsk")
    page.goto("/visits/new/")
    page.locator("[name=organisation]").select_option(label=f"{school.short_name} (ШНОР)")
    page.locator("[name=reason]").select_option("low_results")
    page.locator("[name=purpose]").fill(PURPOSE)
    page.locator("[name=planned_on]").fill(today)
    page.get_by_role("button", name="Внести в график").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("запланировано")

    report = page.get_by_test_id("visit-report")
    report.locator("[name=visited_on]").fill(today)
    report.locator("[name=findings]").fill("Нет системы работы с результатами ВПР")
    report.locator("[name=text]").fill(RECOMMENDATION)
    report.locator("[name=due_on]").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    report.get_by_role("button", name="Внести отчёт").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("проведён")
    expect(page.get_by_test_id("recommendation-status")).to_have_text("ожидает исполнения")
    page.context.clear_cookies()

    log_in(page, director.username)
    page.goto("/cabinet/")
    page.get_by_test_id("start-recommendation").filter(has_text=RECOMMENDATION).get_by_role("link").click()
    execute = page.get_by_test_id("recommendation-execute")
    execute.get_by_role("button", name="Отметить как выполненную").click()
    expect(page.get_by_test_id("error-execution")).to_have_text("Опишите, что сделано.")  # nothing saved yet
    assert Recommendation.objects.get().is_open
    page.get_by_test_id("recommendation-execute").locator("[name=execution]").fill(EXECUTION)
    page.get_by_test_id("recommendation-execute").get_by_role("button", name="Отметить как выполненную").click()
    expect(page.get_by_test_id("recommendation-status")).to_have_text("выполнено")
    expect(page.get_by_test_id("recommendation-execution")).to_have_text(EXECUTION)
    expect(page.get_by_test_id("recommendation-facts")).to_contain_text(str(director))
    shot(page, "test_visit_journey")
    page.context.clear_cookies()

    log_in(page, "methodist.novotroitsk")
    page.goto(Visit.objects.get(purpose=PURPOSE).get_absolute_url())
    expect(page.get_by_test_id("recommendation-status")).to_have_text("выполнено")
    expect(page.get_by_test_id("visit-recommendations")).to_contain_text(EXECUTION)
