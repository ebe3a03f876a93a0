"""Who may do what in the register of visits, on the pages and through the API: one table, role × action.

The visits are to the low-result school of the municipality, whose director is `director`; «other» people are
of the second school or of another municipality of the region. A person who may not see a visit is told
«Не найдено.» (404), one who sees it but may not act 403 (a form offering no such school refuses it at its
field); nothing changes for either, and nobody gets a 500."""
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from visits.models import Consultation, Recommendation, Visit, VisitSchedule

from tests.visits.world import carried_out, planned, world  # noqa: F401  fixture

pytestmark = pytest.mark.django_db

ACTIONS = ("list", "view", "export", "plan", "report", "recommend", "cancel", "execute", "approve", "consult")
READ = {"list", "view", "export"}
ALLOWED = {
    "director": READ | {"execute"},
    "other_director": set(),
    "teacher": set(),
    "methodist": READ | {"plan", "report", "recommend", "cancel", "consult"},
    "tutor": {"consult"},
    "officer": READ | {"approve"},
    "auditor": READ,
    "region_auditor": READ,
    "elsewhere_methodist": set(),
    "elsewhere_officer": set(),
    "elsewhere_auditor": set(),
    "elsewhere_director": set(),
}


def targets(world) -> dict:
    """Objects for one channel: a visit planned today to report, one to cancel, a reported one with its
    recommendation, and a schedule to approve (the API's a year later, so that each approves its own)."""
    return {"to_report": planned(world, days=0), "to_cancel": planned(world, days=1), "done": carried_out(world)}


@pytest.fixture
def objects(world):
    made = {channel: targets(world) for channel in ("page", "api")}
    made["page"]["schedule"] = made["page"]["done"].schedule
    made["api"]["schedule"] = planned(world, days=400).schedule
    return made


def page_outcome(client, action: str, made: dict, world) -> bool:
    """Whether the read showed the visit or the change happened; a refusal is a 403, 404 or the form again."""
    done = made["done"]
    recommendation = done.recommendations.order_by("pk").first()
    today = timezone.localdate()
    if action == "list":
        return done in client.get(reverse("visits:index")).context["page"].object_list
    if action == "view":
        seen = client.get(done.get_absolute_url()).status_code == 200
        assert seen == (client.get(recommendation.get_absolute_url()).status_code == 200)
        return seen
    if action == "export":
        sheet = load_workbook(BytesIO(client.get(reverse("visits:export")).content)).active
        return any(row[3] == done.purpose for row in sheet.iter_rows(min_row=2, values_only=True))
    if action == "plan":
        count = Visit.objects.count()
        response = client.post(reverse("visits:plan"), {
            "organisation": world.school.pk, "reason": "low_results", "purpose": "Выезд по плану",
            "planned_on": (today + timedelta(days=9)).isoformat(), "methodists": [world.methodist.pk]})
        assert response.status_code in (200, 302, 403)
        return Visit.objects.count() > count
    if action == "consult":
        count = Consultation.objects.count()
        response = client.post(reverse("visits:consultation-new"), {
            "audience": "teachers", "topic": "Подготовка к ВПР", "form": "group", "organisation": world.school.pk,
            "held_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "attendees": 4})
        assert response.status_code in (200, 302, 403)
        return Consultation.objects.count() > count
    posts = {
        "report": (reverse("visits:visit-action", args=[made["to_report"].pk, "report"]),
                   {"visited_on": today.isoformat(), "findings": "Выводы"}),
        "recommend": (reverse("visits:visit-action", args=[done.pk, "recommend"]),
                      {"text": "Ещё одна", "due_on": (today + timedelta(days=20)).isoformat()}),
        "cancel": (reverse("visits:visit-action", args=[made["to_cancel"].pk, "cancel"]), {"cancel_reason": "Карантин"}),
        "execute": (recommendation.get_absolute_url(), {"execution": "Сделано"}),
        "approve": (made["schedule"].get_absolute_url(), {}),
    }
    url, data = posts[action]
    before = state(made)
    response = client.post(url, data)
    assert response.status_code in (302, 403, 404), (action, response.status_code)
    return before != state(made)


def state(made: dict) -> tuple:
    return (Visit.objects.get(pk=made["to_report"].pk).status, Visit.objects.get(pk=made["to_cancel"].pk).status,
            Recommendation.objects.filter(visit=made["done"]).count(),
            tuple(Recommendation.objects.filter(visit=made["done"]).values_list("status", flat=True)),
            VisitSchedule.objects.get(pk=made["schedule"].pk).approved_at)


def api_outcome(api, action: str, made: dict, world) -> bool:
    done = made["done"]
    recommendation = done.recommendations.order_by("pk").first()
    today = timezone.localdate()
    if action == "list":
        return done.pk in [row["id"] for row in api.get("/api/visits/", {"page_size": 100}).json()["results"]]
    if action == "view":
        seen = api.get(f"/api/visits/{done.pk}/").status_code == 200
        assert seen == (api.get(f"/api/visit-recommendations/{recommendation.pk}/").status_code == 200)
        return seen
    if action == "export":
        rows = api.get("/api/visit-recommendations/", {"page_size": 100}).json()["results"]
        return recommendation.pk in [row["id"] for row in rows]
    posts = {
        "plan": ("/api/visits/", {"organisation": world.school.pk, "purpose": "Выезд", "methodists": [
            world.methodist.pk], "planned_on": (today + timedelta(days=9)).isoformat()}, 201),
        "report": (f"/api/visits/{made['to_report'].pk}/report/", {"visited_on": today.isoformat(),
                                                                    "findings": "Выводы"}, 200),
        "recommend": (f"/api/visits/{done.pk}/recommend/", {"text": "Ещё одна",
                                                             "due_on": (today + timedelta(days=20)).isoformat()}, 201),
        "cancel": (f"/api/visits/{made['to_cancel'].pk}/cancel/", {"reason": "Карантин"}, 200),
        "execute": (f"/api/visit-recommendations/{recommendation.pk}/execute/", {"execution": "Сделано"}, 200),
        "approve": (f"/api/visit-schedules/{made['schedule'].pk}/approve/", {}, 200),
        "consult": ("/api/consultations/", {"municipality": world.municipality.pk, "audience": "heads",
                                            "topic": "Управление качеством", "organisation": world.school.pk,
                                            "held_at": (timezone.now() - timedelta(hours=1)).isoformat()}, 201),
    }
    url, data, success = posts[action]
    status = api.post(url, data, format="json").status_code
    assert status in (success, 400, 403, 404), (action, status)
    return status == success


@pytest.mark.parametrize("role", ALLOWED)
def test_each_role_does_what_its_scope_allows_on_the_pages_and_the_api(world, objects, client, role):
    user = getattr(world, role)
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    page = {action: page_outcome(client, action, objects["page"], world) for action in ACTIONS}
    through_api = {action: api_outcome(api, action, objects["api"], world) for action in ACTIONS}
    expected = {action: action in ALLOWED[role] for action in ACTIONS}
    assert page == expected
    assert through_api == expected


def test_a_hidden_visit_is_the_same_404_as_a_missing_one(world, objects, client):
    client.force_login(world.elsewhere_methodist)
    hidden = client.get(objects["page"]["done"].get_absolute_url())
    missing = client.get(reverse("visits:visit", args=[10**9]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content and "Страница не найдена" in hidden.content.decode()
    api = APIClient()
    api.force_authenticate(world.elsewhere_methodist)
    assert api.get(f"/api/visits/{objects['api']['done'].pk}/").json()["detail"] == "Не найдено."
