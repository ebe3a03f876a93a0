"""The internship pages: the whole path in the browser's forms down to the teacher's ИОМ page, Russian errors
by their fields, the places and filters of the list."""
from __future__ import annotations

import pytest
from django.urls import reverse

from platforms import internships as services
from platforms.models import Internship, InternshipProgramme
from tests.platforms.internships_world import (after_the_programme, applied, in_days, programme_on,
                                               site_world)  # noqa: F401

pytestmark = pytest.mark.django_db


def programme_form(world, **fields) -> dict:
    return {"site": world.site.pk, "topic": "Функциональная грамотность на уроках биологии", "hours": "24",
            "capacity": "4", "starts_on": in_days(30).isoformat(), "ends_on": in_days(40).isoformat(),
            "description": "Открытые уроки и разбор", "publish": "on", **fields}


def step(client, user, internship: Internship, action: str, data: dict | None = None) -> str:
    client.force_login(user)
    response = client.post(reverse("internships:action", args=[internship.pk, action]), data or {}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_from_the_programme_to_the_teachers_route_page_through_the_pages(client, site_world, make_route):
    school = site_world.school
    client.force_login(school.director)
    response = client.post(reverse("internships:programme_create"), programme_form(site_world))
    programme = InternshipProgramme.objects.get(topic__startswith="Функциональная")
    assert response.status_code == 302 and programme.published

    client.force_login(school.other_teacher)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert 'data-testid="apply-form"' in page
    response = client.post(reverse("internships:programme_action", args=[programme.pk, "apply"]),
                           {"motivation": "Освоить приёмы работы с текстом"}, follow=True)
    assert "отправлена на согласование" in response.content.decode()
    internship = Internship.objects.get()

    client.force_login(school.other_director)
    assert internship.get_absolute_url() in client.get(reverse("internships:decisions")).content.decode()
    assert "Стажировка согласована" in step(client, school.other_director, internship, "agree")
    assert "Педагог принят" in step(client, school.director, internship, "accept")
    after_the_programme(programme)
    page = step(client, school.director, internship, "complete", {"outcome": "with_product", "note": "Урок"})
    assert "освоена с методическим продуктом" in page

    route = make_route(school.other_teacher)
    activity = route.activities.first()
    assert "Связь с маршрутом сохранена" in step(client, school.other_teacher, internship, "link",
                                                   {"activity": activity.pk})

    client.force_login(school.other_director)
    route_page = client.get(route.get_absolute_url()).content.decode()
    shown = route_page.split('data-testid="activity-internship"')[1].split("</div>")[0]
    assert "Функциональная грамотность на уроках биологии" in shown and "24 ч." in shown
    assert "освоена с методическим продуктом" in shown


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"hours": "0"}, "hours", "больше либо равно 1"),
    ({"starts_on": in_days(30).isoformat(), "ends_on": in_days(20).isoformat()}, "ends_on",
     "заканчивается раньше, чем начинается"),
    ({"starts_on": in_days(-1).isoformat()}, "starts_on", "начинаться в будущем"),
])
def test_a_bad_programme_is_refused_in_russian_by_its_field_and_keeps_what_was_entered(
        client, site_world, fields, field, message):
    client.force_login(site_world.school.director)

    response = client.post(reverse("internships:programme_create"), programme_form(site_world, **fields))

    page = response.content.decode()
    error = page.split(f'data-testid="error-{field}"')[1].split("</div>")[0]
    assert response.status_code == 200 and message in error
    assert "Функциональная грамотность на уроках биологии" in page
    assert not InternshipProgramme.objects.filter(topic__startswith="Функциональная").exists()


def test_the_sites_own_teacher_is_offered_no_application_and_a_post_is_the_404(client, site_world):
    client.force_login(site_world.school.teacher)

    page = client.get(site_world.programme.get_absolute_url()).content.decode()
    response = client.post(reverse("internships:programme_action", args=[site_world.programme.pk, "apply"]),
                           {"motivation": "Хочу"})

    assert 'data-testid="apply-form"' not in page
    assert response.status_code == 404 and "Страница не найдена" in response.content.decode()
    assert not Internship.objects.exists()


def test_an_application_without_motivation_is_refused_by_the_field(client, site_world):
    client.force_login(site_world.school.other_teacher)

    response = client.post(reverse("internships:programme_action", args=[site_world.programme.pk, "apply"]),
                           {"motivation": "  "})

    assert response.status_code == 400
    assert 'data-testid="error-motivation"' in response.content.decode()


def test_a_full_programme_says_so_and_the_list_shows_the_places_left(client, site_world, school):
    full = programme_on(site_world.site, school.director, capacity=1, topic="Одно место")
    applied(site_world)  # the first programme: one of three places taken
    client.force_login(school.other_teacher)
    client.post(reverse("internships:programme_action", args=[full.pk, "apply"]), {"motivation": "Хочу"})

    client.force_login(site_world.elsewhere_teacher)
    response = client.post(reverse("internships:programme_action", args=[full.pk, "apply"]),
                           {"motivation": "Хочу тоже"}, follow=True)
    assert "Свободных мест на программе нет" in response.content.decode()

    listing = client.get(reverse("internships:index")).content.decode()
    places = [cell.split(">", 1)[1].split("</td>")[0] for cell in listing.split('data-testid="places-left"')[1:]]
    assert sorted(places) == ["0 из 1", "2 из 3"]


def test_the_list_filters_by_municipality_topic_and_dates_and_a_bad_date_is_a_russian_400(client, site_world):
    client.force_login(site_world.elsewhere_teacher)
    municipality = site_world.site.municipality

    found = client.get(reverse("internships:index"), {"municipality": municipality.pk, "topic": "смысловое"})
    elsewhere = client.get(reverse("internships:index"), {"municipality": site_world.elsewhere.municipality.pk})
    later = client.get(reverse("internships:index"), {"starts_from": in_days(15).isoformat()})
    bad = client.get(reverse("internships:index"), {"starts_from": "2026-02-30"})

    assert found.content.decode().count('data-testid="programme-row"') == 1
    assert 'data-testid="programme-row"' not in elsewhere.content.decode()
    assert 'data-testid="programme-row"' not in later.content.decode()
    assert bad.status_code == 400 and "Введите правильную дату" in bad.content.decode()


def test_an_unpublished_programme_is_seen_by_the_site_and_not_by_teachers(client, site_world):
    draft = InternshipProgramme(site=site_world.site, topic="Черновик программы", hours=8, capacity=2,
                                starts_on=in_days(5), ends_on=in_days(6))
    services.save_programme(draft, site_world.curator)
    client.force_login(site_world.school.other_teacher)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(site_world.school.director)
    assert "не опубликована" in client.get(draft.get_absolute_url()).content.decode()
