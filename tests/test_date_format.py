"""Dates read one way on every page: 08.12.2026 and 08.12.2026 14:30 (config/formats), never 2026-12-08 nor
the locale's «8 декабря 2026 г.»."""
import re
from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.html import strip_tags

from routes import services
from tests.expertise import submitted
from tests.school import School, draft_route

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LONG_DATE = re.compile(r"\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4}")


def visible_text(response) -> str:
    page = response.content.decode()
    body = page[page.index("<body"):]
    return strip_tags(re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S))


def assert_one_date_format(text: str) -> None:
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not LONG_DATE.search(text), LONG_DATE.search(text)


def test_a_date_without_a_format_renders_as_day_month_year_in_digits():
    with translation.override("ru"):
        rendered = Template("{{ day }} {{ day|date }} {{ moment|date:'DATETIME_FORMAT' }}").render(
            Context({"day": date(2026, 12, 8), "moment": datetime(2026, 12, 8, 14, 30)}))

    assert rendered == "08.12.2026 08.12.2026 08.12.2026 14:30"


@pytest.mark.django_db
def test_the_task_list_shows_the_due_date_as_day_month_year(client, school: School, expertise):
    material = submitted(expertise)
    client.force_login(school.methodist)
    due = timezone.localtime(material.due_at).strftime("%d.%m.%Y")

    for path in ("/tasks/", "/tasks/queue/"):
        text = visible_text(client.get(path))

        assert material.number in text, path
        assert due in text, path
        assert_one_date_format(text)


@pytest.mark.django_db
def test_the_case_page_shows_its_dates_and_the_timeline_as_day_month_year(client, school: School):
    route = services.submit(draft_route(school.teacher), school.teacher)
    client.force_login(school.teacher)

    text = visible_text(client.get(route.get_absolute_url()))

    assert "01.09.2026 — 31.05.2027" in text  # the period
    assert re.search(r"\b" + timezone.localdate().strftime("%d\\.%m\\.%Y") + r" \d{2}:\d{2}\b", text)  # submitted today
    assert_one_date_format(text)
