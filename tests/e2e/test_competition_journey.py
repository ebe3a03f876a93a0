"""A competition in the browser: the director nominates a teacher with her consent, the organising committee
admits her, opens the round, both jurors score, the committee closes the round, drafts and approves the
protocol, and the public results page (no login) names the winner. Screenshots of the committee's results and
the public page go to var/artifacts/screenshots/."""
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from competitions import services
from competitions.models import Competition, Entry
from demo.competitions import cast_of, set_up_competition
from tests.e2e.test_login import log_in
from tests.e2e.test_site_journey import shot, submit_card

pytestmark = pytest.mark.e2e


def open_entry(page, entry: Entry) -> None:
    """A full load of the entry's page: Turbo's cached preview would swallow what is typed into it."""
    page.goto(entry.get_absolute_url())


def nominate(page, competition: Competition, teacher: User) -> Entry:
    log_in(page, "director.tomsk")
    page.goto(competition.get_absolute_url())
    page.get_by_test_id("nominate").click()
    form = page.get_by_test_id("entry-form")
    form.locator("[name=nominee]").select_option(str(teacher.pk))
    form.locator("[name=nomination]").select_option(index=1)
    form.locator("[name=about]").fill("Учитель математики, ведёт проектную деятельность в 7 классах")
    form.locator("[name=consent_given_on]").fill((timezone.localdate() - timedelta(days=3)).isoformat())
    form.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_test_id("consent")).to_contain_text("получено")
    page.get_by_role("button", name="Подать в оргкомитет").click()
    expect(page.get_by_test_id("entry-status")).to_have_text("на допуске у оргкомитета")
    page.context.clear_cookies()
    return Entry.objects.get(competition=competition, nominee=teacher)


def test_a_teacher_is_nominated_admitted_scored_and_named_winner_on_the_public_page(page, demo_region):
    cast = cast_of("tomsk")
    competition = Competition.objects.get(municipality__slug="tomsk", year=timezone.localdate().year)
    (round_,) = set_up_competition(competition, cast, rounds=1)
    Competition.objects.filter(pk=competition.pk).update(prize_winners=1)
    teacher, mentor = cast.nominees[:2]
    entry = nominate(page, competition, teacher)
    other = services.submit(services.save_entry(Entry(
        competition=competition, nominee=mentor, nomination=competition.nominations.first(),
        consent_given_on=timezone.localdate()), cast.director), cast.director)

    log_in(page, "committee.tomsk")
    for case in (entry, other):
        open_entry(page, case)
        page.get_by_test_id("admit").locator("input[name=decision][value=approve]").check()
        submit_card(page, "admit")
        expect(page.get_by_test_id("entry-status")).to_have_text("допущена к турам")
    page.goto(f"/competition-results/{competition.pk}/")
    page.get_by_test_id("open-round").click()
    expect(page.get_by_test_id("round-1").get_by_test_id("round-status")).to_have_text("идёт оценивание")
    page.context.clear_cookies()

    for juror, best, second in (("jury.tomsk", "9", "7"), ("expert.tomsk", "8", "6")):
        log_in(page, juror)
        page.goto(f"/jury/rounds/{round_.pk}/")
        for row in page.get_by_test_id("sheet-row").all():
            score = best if teacher.last_name in row.inner_text() else second
            for cell in row.locator("input[type=number]").all():
                cell.fill(score)
        page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("submitted")).to_be_visible()
        page.context.clear_cookies()

    log_in(page, "committee.tomsk")
    page.goto(f"/competition-results/{competition.pk}/")
    page.get_by_test_id("close-round").click()
    expect(page.get_by_test_id("round-table").get_by_test_id("round-row").first).to_contain_text(teacher.last_name)
    protocol = page.get_by_test_id("protocol-form")
    protocol.locator("[name=number]").fill("5")
    protocol.locator("[name=date]").fill(timezone.localdate().isoformat())
    protocol.locator("[name=text]").fill("Утвердить итоги конкурса.")
    page.get_by_test_id("save-protocol").click()
    page.get_by_test_id("approve-protocol").click()
    expect(page.get_by_test_id("protocol-status")).to_contain_text(cast.committee.last_name)
    shot(page, "test_competition_journey_results")
    page.context.clear_cookies()

    page.goto(f"/results/{competition.pk}/")
    expect(page).not_to_have_url("/accounts/login/")
    expect(page.get_by_test_id("winner")).to_have_count(1)
    expect(page.get_by_test_id("winner")).to_contain_text(teacher.last_name)
    expect(page.get_by_test_id("prize-winner")).to_contain_text(mentor.last_name)
    shot(page, "test_competition_journey_public")
