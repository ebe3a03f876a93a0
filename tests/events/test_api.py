"""The events' API: bad input named by field and nothing saved, registration at capacity, the schema."""
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event
from tests.api import token_client
from tests.events.world import seminar

pytestmark = pytest.mark.django_db


def body(school, **changes) -> dict:
    starts = timezone.now() + timedelta(days=5)
    return {"municipality": school.organisation.municipality_id, "form": "webinar", "title": "Вебинар",
            "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(),
            "methodist": school.methodist.pk, "link": "https://example.org/webinar", **changes}


def test_the_methodist_enters_an_event_and_a_teacher_registers_for_it(school):
    methodist, teacher = token_client(school.methodist), token_client(school.teacher)
    created = methodist.post("/api/events/", body(school, capacity=1), format="json")
    assert created.status_code == 201, created.json()
    event_id = created.json()["id"]
    assert teacher.post(f"/api/events/{event_id}/register/", {}, format="json").status_code == 201
    full = token_client(school.other_teacher).post(f"/api/events/{event_id}/register/", {}, format="json")
    assert full.status_code == 400
    assert "Свободных мест не осталось." in str(full.json())
    assert teacher.get(f"/api/events/{event_id}/").json()["registered"] == 1


def test_an_event_ending_before_it_starts_is_a_400_at_its_end_and_nothing_is_saved(school):
    starts = timezone.now() + timedelta(days=5)
    response = token_client(school.methodist).post("/api/events/", body(
        school, ends_at=(starts - timedelta(hours=1)).isoformat(), starts_at=starts.isoformat()), format="json")
    assert response.status_code == 400
    assert "Мероприятие заканчивается раньше, чем начинается." in str(response.json())
    assert "ends_at" in str(response.json())
    assert not Event.objects.exists()


def test_a_teacher_may_not_enter_an_event(school):
    response = token_client(school.teacher).post("/api/events/", {"title": "x"}, format="json")
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_attendance_for_a_future_event_is_a_400(school):
    event = seminar(school.methodist)
    response = token_client(school.methodist).post(f"/api/events/{event.pk}/attendance/", {"attended": []},
                                                   format="json")
    assert response.status_code == 400 and "attended" in str(response.json())


def test_the_schema_documents_the_events_endpoints(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in ("/api/events/", "/api/events/{id}/", "/api/events/{id}/register/", "/api/events/{id}/attendance/",
                 "/api/events/{id}/cancel/", "/api/event-registrations/", "/api/event-registrations/{id}/link/",
                 "/api/event-registrations/{id}/certificate/"):
        assert path in paths, path
    assert "requestBody" in paths["/api/events/"]["post"]
