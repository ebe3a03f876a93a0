"""Who may do what with events, on the pages and through the API: one table, role × action.

The events are the municipality's (the methodical centre's) and one of the first school's; `teacher.a` of
that school is registered and attended the past one. «other» people are of the second school; «elsewhere»
ones of another municipality. What a person may not see is «Не найдено.» (404); what they see but may not
do, 403; nothing changes for either."""
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from events import services
from events.models import Event, Registration
from tests.api import token_client
from tests.events.world import happened, seminar
from tests.factories import MunicipalityFactory, person_with_role

pytestmark = pytest.mark.django_db

# In this order each action leaves the next ones' objects as they were (marking attendance comes last).
ACTIONS = ("list", "participants", "certificate", "register", "change", "school_change", "mark")
ALLOWED = {
    "teacher": {"participants", "certificate"},
    "other_teacher": set(),
    "director": {"participants", "school_change", "register", "certificate"},
    "other_director": set(),
    "methodist": {"list", "participants", "change", "school_change", "mark", "register", "certificate"},
    "officer": {"list", "participants"},
    "auditor": {"list", "participants"},
    "elsewhere_methodist": set(),
    "elsewhere_auditor": set(),
}


@pytest.fixture
def world(school):
    past = seminar(school.methodist, title="Прошедший семинар")
    registration = services.register(past, school.teacher, school.teacher)
    happened(past)
    services.mark_attendance(past, school.methodist, [registration.pk])
    ahead = seminar(school.methodist, title="Будущий семинар")
    own = seminar(school.methodist, title="Семинар школы", organiser="school", organisation=school.organisation)
    people = {name: getattr(school, name) for name in ALLOWED if not name.startswith("elsewhere")}
    other_municipality = MunicipalityFactory(region=school.organisation.municipality.region)
    people["elsewhere_methodist"] = person_with_role(Role.METHODIST, municipality=other_municipality)
    people["elsewhere_auditor"] = person_with_role(Role.AUDITOR, municipality=other_municipality)
    return {"past": past, "registration": registration, "ahead": ahead, "own": own, "people": people,
            "newcomer": school.mentor}


def form_body(event: Event, **changes) -> dict:
    local = lambda moment: timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
    body = {"form": event.form, "title": event.title, "level": event.level, "starts_at": local(event.starts_at),
            "ends_at": local(event.ends_at), "organiser": event.organiser, "methodist": event.methodist_id,
            "audience": event.audience, "place": event.place,
            "organisation": event.organisation_id or ""}
    return {**body, **changes}


def page_outcome(client, action: str, world) -> bool:
    past, ahead, registration = world["past"], world["ahead"], world["registration"]
    if action == "list":
        return past in client.get(reverse("events:index")).context["page"].object_list
    if action == "participants":
        response = client.get(past.get_absolute_url())
        return registration in response.context["registrations"]
    if action in ("change", "school_change"):
        event = ahead if action == "change" else world["own"]
        client.post(reverse("events:edit", args=[event.pk]), form_body(event, title="Новое название"))
        return Event.objects.get(pk=event.pk).title == "Новое название"
    if action == "mark":
        client.post(reverse("events:action", args=[past.pk, "attendance"]), {})
        return Registration.objects.get(pk=registration.pk).attended is False
    if action == "register":
        client.post(reverse("events:action", args=[ahead.pk, "register"]), {"person": world["newcomer"].pk})
        return Registration.objects.filter(event=ahead, person=world["newcomer"]).exists()
    return client.get(reverse("events:certificate", args=[registration.pk])).status_code == 200


def api_outcome(api, action: str, world) -> bool:
    past, ahead, registration = world["past"], world["ahead"], world["registration"]
    if action == "list":
        return past.pk in [row["id"] for row in api.get("/api/events/", {"page_size": 100}).json()["results"]]
    if action == "participants":
        rows = api.get("/api/event-registrations/", {"event": past.pk}).json()["results"]
        return registration.pk in [row["id"] for row in rows]
    if action in ("change", "school_change"):
        event = ahead if action == "change" else world["own"]
        response = api.patch(f"/api/events/{event.pk}/", {"title": "Новое название"}, format="json")
        assert response.status_code in (200, 403, 404)
        return response.status_code == 200 and Event.objects.get(pk=event.pk).title == "Новое название"
    if action == "mark":
        response = api.post(f"/api/events/{past.pk}/attendance/", {"attended": []}, format="json")
        assert response.status_code in (200, 403, 404)
        return Registration.objects.get(pk=registration.pk).attended is False
    if action == "register":
        response = api.post(f"/api/events/{ahead.pk}/register/", {"person": world["newcomer"].pk}, format="json")
        assert response.status_code in (201, 403, 404)
        return Registration.objects.filter(event=ahead, person=world["newcomer"]).exists()
    response = api.get(f"/api/event-registrations/{registration.pk}/certificate/")
    assert response.status_code in (200, 404)
    return response.status_code == 200


@pytest.mark.parametrize("role", ALLOWED)
def test_pages_allow_exactly_the_table(client, world, role):
    client.force_login(world["people"][role])
    assert {action for action in ACTIONS if page_outcome(client, action, world)} == ALLOWED[role]


@pytest.mark.parametrize("role", ALLOWED)
def test_the_api_allows_exactly_the_table(world, role):
    api = token_client(world["people"][role])
    assert {action for action in ACTIONS if api_outcome(api, action, world)} == ALLOWED[role]


def test_a_hidden_event_s_participants_and_certificate_are_the_same_404_as_a_missing_one(client, world):
    client.force_login(world["people"]["elsewhere_methodist"])
    hidden = client.get(reverse("events:certificate", args=[world["registration"].pk]))
    missing = client.get(reverse("events:certificate", args=[world["registration"].pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    assert "Страница не найдена" in hidden.content.decode() or "Не найдено" in hidden.content.decode()
    assert "Прошедший" in client.get(world["past"].get_absolute_url()).content.decode()  # the announcement is public
    assert client.get(world["past"].get_absolute_url()).context["registrations"] == []
