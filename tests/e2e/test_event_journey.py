"""An event in the browser: the methodist enters a seminar, two teachers register from the calendar (one names
the activity of her ИОМ the seminar stands for), the seminar takes place, the methodist marks attendance, and
the teacher's ИОМ page shows the activity done with the seminar as its evidence. The screenshot of that page
goes to var/artifacts/screenshots/test_event_journey.png."""
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from events.models import Event
from routes import services as routes
from tests.e2e.test_login import log_in
from tests.e2e.test_site_journey import shot
from tests.events.world import happened
from tests.school import draft_route

pytestmark = pytest.mark.e2e

TITLE = "Смысловое чтение на уроках математики"


def route_in_implementation(teacher: User):
    route = routes.submit(draft_route(teacher), teacher)
    for reviewer in ("lead.tomsk", "director.tomsk"):
        routes.review(route, User.objects.get(username=reviewer), "approve")
    route.refresh_from_db()
    return route


def enter_seminar(page) -> None:
    log_in(page, "methodist.tomsk")
    page.goto("/events/new/")
    starts = timezone.localtime(timezone.now() + timedelta(days=1)).replace(hour=10, minute=0)
    page.locator("[name=municipality]").select_option(label="Город Томск")
    page.locator("[name=form]").select_option("seminar")
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=starts_at]").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.locator("[name=ends_at]").fill((starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("[name=methodist]").select_option(str(User.objects.get(username="methodist.tomsk").pk))
    page.locator("[name=capacity]").fill("25")
    page.locator("[name=place]").fill("ИМЦ, ауд. 12")
    page.get_by_test_id("event-save").click()
    expect(page.get_by_test_id("event-status")).to_have_text("запланировано")
    page.context.clear_cookies()


def register_from_the_calendar(page, username: str, activity_title: str | None = None) -> None:
    log_in(page, username)
    event = Event.objects.get(title=TITLE)
    page.goto(f"/events/calendar/?month={timezone.localtime(event.starts_at):%Y-%m}")
    page.get_by_test_id("calendar-event").filter(has_text=TITLE).click()
    page.get_by_test_id("register-self").click()
    expect(page.get_by_test_id("my-registration")).to_contain_text("Вы зарегистрированы.")
    if activity_title:
        page.get_by_test_id("link-activity").locator("[name=activity]").select_option(label=activity_title)
        page.get_by_test_id("link-activity").locator("button[type=submit]").click()
        expect(page.get_by_test_id("linked-activity")).to_contain_text(activity_title.split(" (")[0])
    page.context.clear_cookies()


def test_a_seminar_is_entered_two_teachers_register_attendance_completes_the_route_activity(page, demo_region):
    route = route_in_implementation(User.objects.get(username="teacher.tomsk"))
    activity = route.activities.first()
    enter_seminar(page)
    register_from_the_calendar(page, "teacher.tomsk", f"{activity.title} ({activity.starts_on:%d.%m.%Y})")
    register_from_the_calendar(page, "mentor.tomsk")
    happened(Event.objects.get(title=TITLE))  # the seminar takes place

    log_in(page, "methodist.tomsk")
    page.goto(Event.objects.get(title=TITLE).get_absolute_url())
    page.get_by_test_id("attended-teacher.tomsk").check()
    page.get_by_test_id("attended-mentor.tomsk").check()
    page.get_by_test_id("attendance-save").click()
    expect(page.get_by_test_id("event-status")).to_have_text("проведено")
    expect(page.get_by_test_id("participants")).to_contain_text("Смирнова")
    page.context.clear_cookies()

    log_in(page, "teacher.tomsk")
    page.goto(route.get_absolute_url())
    evidence = page.get_by_test_id("activity-row").filter(has_text=activity.title).first
    expect(evidence.get_by_test_id("activity-event")).to_contain_text(f"«{TITLE}»")
    expect(evidence.get_by_test_id("activity-event")).to_contain_text("присутствовал")
    expect(evidence).to_contain_text(timezone.localdate().strftime("%d.%m.%Y"))  # done today, by the attendance
    seminar = Event.objects.get(title=TITLE)
    expect(evidence.get_by_role("link", name="ссылка")).to_have_attribute("href", re.compile(rf"/events/{seminar.pk}/$"))
    shot(page, "test_event_journey")
