"""The start page's events: a participant sees the events of their municipality they may still register for
and their own registrations; a methodist the municipality's begun events whose attendance waits; nobody sees
another municipality's events; each list is one query."""
import pytest
from django.test import RequestFactory

from accounts.levels import Level
from accounts.models import Role
from events import services
from events.models import Organiser
from events.start import panels
from tests.events.world import happened, seminar
from tests.factories import MunicipalityFactory, person_with_role

pytestmark = pytest.mark.django_db


def shown(user, django_assert_max_num_queries, queries: int) -> dict[str, list[str]]:
    """The titles of each panel's rows, by the panel's template, read in at most `queries` queries."""
    request = RequestFactory().get("/cabinet/")
    request.user = user
    with django_assert_max_num_queries(queries):
        found = panels(request)
    return {panel["template"].split("/")[1]: [getattr(row, "event", row).title
                                               for name in ("registrations", "events") for row in panel.get(name, [])]
            for panel in found}


def test_a_teacher_sees_the_events_open_to_them_and_their_registrations(school, django_assert_max_num_queries):
    open_one = seminar(school.methodist, title="Открытый семинар")
    registered = seminar(school.methodist, title="Мой семинар", days=3)
    services.register(registered, school.teacher, school.teacher)
    full = seminar(school.methodist, title="Полный семинар", capacity=1)
    services.register(full, school.other_teacher, school.other_teacher)
    other_school = seminar(school.methodist, title="Семинар другой школы", level=Level.ORGANISATION,
                           organiser=Organiser.SCHOOL, organisation=school.other)
    services.register(other_school, school.other_teacher, school.other_teacher)
    happened(seminar(school.methodist, title="Прошедший семинар"))
    elsewhere = MunicipalityFactory(region=school.organisation.municipality.region)
    seminar(person_with_role(Role.METHODIST, municipality=elsewhere), title="Семинар другого муниципалитета")

    rows = shown(school.teacher, django_assert_max_num_queries, 3)

    assert rows == {"start_events.html": ["Мой семинар", open_one.title]}


def test_a_methodist_sees_the_begun_events_whose_attendance_waits_until_it_is_marked(
        school, django_assert_max_num_queries):
    waiting = happened(seminar(school.methodist, title="Семинар без отметок"))
    marked = happened(seminar(school.methodist, title="Семинар с отметками"))
    services.mark_attendance(marked, school.methodist, [])
    seminar(school.methodist, title="Будущий семинар")
    elsewhere = MunicipalityFactory(region=school.organisation.municipality.region)
    happened(seminar(person_with_role(Role.METHODIST, municipality=elsewhere), title="Чужой прошедший семинар"))

    assert shown(school.methodist, django_assert_max_num_queries, 2) == {"start_attendance.html": [waiting.title]}
    services.mark_attendance(waiting, school.methodist, [])
    assert shown(school.methodist, django_assert_max_num_queries, 2) == {}


def test_the_start_page_shows_the_panels_in_russian(client, school):
    seminar(school.methodist, title="Открытый семинар", capacity=10)
    happened(seminar(school.methodist, title="Семинар без отметок"))
    client.force_login(school.teacher)
    page = client.get("/cabinet/").content.decode()
    assert 'data-testid="start-open-event"' in page and "осталось 10 мест" in page
    client.force_login(school.methodist)
    page = client.get("/cabinet/").content.decode()
    assert 'data-testid="start-attendance-event"' in page and "Отметить посещение" in page
