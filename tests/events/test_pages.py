"""The events' pages: the form's Russian errors by field, registration from the page, the calendar, the feed,
the export, the certificate and the linked activity on the ИОМ page."""
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from events import services
from events.models import Event, Registration
from routes import services as routes
from tests.events.test_permissions import form_body
from tests.events.world import happened, seminar

pytestmark = pytest.mark.django_db


def test_an_event_ending_before_it_starts_is_named_at_its_end_and_nothing_is_saved(client, school, event):
    client.force_login(school.methodist)
    starts = timezone.localtime(timezone.now() + timedelta(days=3))
    body = form_body(event, title="Вебинар", municipality=event.municipality_id,
                     starts_at=starts.strftime("%Y-%m-%dT%H:%M"),
                     ends_at=(starts - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    response = client.post(reverse("events:create"), body)
    assert response.status_code == 200
    assert response.context["form"].errors == {"ends_at": ["Мероприятие заканчивается раньше, чем начинается."]}
    assert 'data-testid="error-ends_at"' in response.content.decode()
    assert Event.objects.count() == 1


def test_the_methodist_enters_an_event_from_the_form(client, school, event):
    client.force_login(school.methodist)
    assert client.get(reverse("events:create")).status_code == 200
    response = client.post(reverse("events:create"), form_body(event, title="Круглый стол", form="round_table",
                                                               municipality=event.municipality_id, capacity="20"))
    created = Event.objects.get(title="Круглый стол")
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert created.capacity == 20 and created.created_by == school.methodist
    assert created.history.get().history_user == school.methodist


def test_a_teacher_registers_from_the_event_page_and_sees_the_places_taken(client, school):
    event = seminar(school.methodist, capacity=2)
    client.force_login(school.teacher)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'data-testid="register-self"' in page and "0 из 2" in page
    client.post(reverse("events:action", args=[event.pk, "register_self"]))
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Вы зарегистрированы." in page and "1 из 2" in page


def test_attendance_for_a_future_event_is_refused_with_a_russian_error(client, school, event):
    registration = services.register(event, school.teacher, school.teacher)
    client.force_login(school.methodist)
    response = client.post(reverse("events:action", args=[event.pk, "attendance"]), {"attended": [registration.pk]})
    assert response.status_code == 200
    assert "Посещение отмечается после начала мероприятия" in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).attended is None


def test_the_month_calendar_and_its_feed_show_the_municipality_s_events(client, school, event):
    slug = event.municipality.slug
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    page = client.get(reverse("public-calendar", args=[slug]), {"month": month})
    assert page.status_code == 200
    titles = [e.title for week in page.context["month"].weeks for _day, events in week for e in events]
    assert event.title in titles
    feed = Calendar.from_ical(client.get(reverse("calendar-feed", args=[slug])).content)
    summaries = [str(component["summary"]) for component in feed.walk("VEVENT")]
    assert f"Семинар: {event.title}" in summaries
    assert client.get(reverse("public-calendar", args=["nowhere"])).status_code == 404
    assert client.get(reverse("public-calendar", args=[slug]), {"month": "13-99"}).status_code == 200


def test_the_export_lists_the_filtered_events_with_their_counts(client, school, event):
    seminar(school.methodist, title="Вебинар по ФГОС", form="webinar")
    services.register(event, school.teacher, school.teacher)
    client.force_login(school.officer)
    response = client.get(reverse("events:export"), {"form": "seminar"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Муниципалитет", "Форма", "Название")
    assert [(row[2], row[10]) for row in rows[1:]] == [(event.title, 1)]


def test_the_certificate_names_the_participant_and_the_event(client, school, event):
    registration = services.register(event, school.teacher, school.teacher)
    happened(event)
    client.force_login(school.teacher)
    assert client.get(reverse("events:certificate", args=[registration.pk])).status_code == 404  # not marked yet
    services.mark_attendance(event, school.methodist, [registration.pk])
    response = client.get(reverse("events:certificate", args=[registration.pk]))
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "СЕРТИФИКАТ" in text and school.teacher.last_name in text and event.title in text


def test_the_route_page_shows_the_event_beside_its_activity_and_its_evidence(client, school, make_route, event):
    route = routes.submit(make_route(school.teacher), school.teacher)
    routes.review(route, school.lead, "approve")
    routes.review(route, school.director, "approve")
    registration = services.register(event, school.teacher, school.teacher)
    client.force_login(school.teacher)
    activity = route.activities.first()
    client.post(reverse("events:action", args=[event.pk, "link"]), {"activity": activity.pk})
    happened(event)
    services.mark_attendance(event, school.methodist, [registration.pk])

    page = client.get(route.get_absolute_url()).content.decode()
    assert 'data-testid="activity-event"' in page and event.title in page and "присутствовал" in page
    activity.refresh_from_db()
    assert activity.is_done and activity.evidence_link in page
