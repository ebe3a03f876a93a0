"""The internship endpoints: the whole path with the actions each answer offers, problem details in Russian,
refusals before the body is read, places and filters."""
from __future__ import annotations

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from platforms.models import Internship
from tests.platforms.internships_world import after_the_programme, applied, in_days, site_world  # noqa: F401

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def follow(client: APIClient, answer: dict, action: str, body: dict | None = None):
    """Take the step the answer offers, at the URL it names."""
    offered = {item["action"]: item for item in answer["actions"]}
    assert action in offered, offered
    return client.post(offered[action]["url"], body or {}, format="json")


def test_the_whole_path_over_the_api_following_the_offered_actions(site_world, make_route):
    school = site_world.school
    director = api(school.director)
    created = director.post("/api/internship-programmes/", {
        "site": site_world.site.pk, "topic": "Формирующее оценивание", "hours": 18, "capacity": 2,
        "starts_on": in_days(3).isoformat(), "ends_on": in_days(4).isoformat(), "publish": True}, format="json")
    assert created.status_code == 201, created.data
    assert created.data["places_left"] == 2 and created.data["published"] and created.data["description"] is None

    teacher = api(school.other_teacher)
    programme = teacher.get(f"/api/internship-programmes/{created.data['id']}/").data
    assert [item["action"] for item in programme["actions"]] == ["apply"]
    assert programme["actions"][0]["request"] == "InternshipApplyRequest"
    internship = follow(teacher, programme, "apply", {"motivation": "Освоить оценивание"})
    assert internship.status_code == 201 and internship.data["status"] == "applied"
    assert internship.data["outcome"] is None and internship.data["agreed_by"] is None

    agreed = follow(api(school.other_director), api(school.other_director).get(
        f"/api/internships/{internship.data['id']}/").data, "agree")
    assert agreed.data["status"] == "agreed" and agreed.data["agreed_by"]["id"] == school.other_director.pk
    accepted = follow(director, director.get(f"/api/internships/{internship.data['id']}/").data, "accept")
    assert accepted.data["status"] == "accepted"
    after_the_programme(Internship.objects.get().programme)
    completed = follow(director, accepted.data, "complete", {"outcome": "completed", "note": ""})
    assert completed.status_code == 200 and completed.data["outcome_display"] == "программа освоена"

    activity = make_route(school.other_teacher).activities.first()
    mine = teacher.get("/api/internships/", {"list": "mine"}).data["results"][0]
    linked = follow(teacher, mine, "link", {"activity": activity.pk})
    assert linked.status_code == 200 and linked.data["route_activity"]["id"] == activity.pk


def test_an_auditor_posting_a_bad_body_is_told_403_before_the_body_is_read(site_world):
    internship = applied(site_world)

    for path in (f"/api/internships/{internship.pk}/decline/", f"/api/internships/{internship.pk}/complete/"):
        response = api(site_world.school.auditor).post(path, {"reason": ["not", "text"]}, format="json")
        assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 403


def test_bad_input_is_a_russian_problem_by_field_and_nothing_is_saved(site_world):
    director = api(site_world.school.director)

    response = director.post("/api/internship-programmes/", {
        "site": site_world.site.pk, "topic": "Формирующее оценивание", "hours": 0, "capacity": 2,
        "starts_on": in_days(5).isoformat(), "ends_on": in_days(3).isoformat()}, format="json")

    problem = response.json()
    assert response.status_code == 400 and problem["title"] == "Неверный запрос"
    fields = {error["field"]: error["message"] for error in problem["errors"]}
    assert "больше либо равно 1" in fields["hours"]
    assert not site_world.site.programmes.filter(topic="Формирующее оценивание").exists()

    response = director.post("/api/internship-programmes/", {
        "site": site_world.site.pk, "topic": "Формирующее оценивание", "hours": 4, "capacity": 2,
        "starts_on": in_days(5).isoformat(), "ends_on": in_days(3).isoformat()}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "ends_on", "code": "invalid",
                                          "message": "Программа заканчивается раньше, чем начинается."}]


def test_the_last_place_taken_is_a_409_and_a_step_done_twice_too(site_world, school):
    site_world.programme.capacity = 1
    site_world.programme.save()
    applied(site_world)

    full = api(site_world.elsewhere_teacher).post(f"/api/internship-programmes/{site_world.programme.pk}/apply/",
                                                 {"motivation": "Хочу"}, format="json")
    assert full.status_code == 409 and full.json()["code"] == "full"
    assert full.json()["detail"] == "Свободных мест на программе нет."

    internship = Internship.objects.get()
    director = api(school.other_director)
    assert director.post(f"/api/internships/{internship.pk}/agree/").status_code == 200
    again = director.post(f"/api/internships/{internship.pk}/agree/")
    assert again.status_code == 409 and again.json()["code"] == "step_done"


def test_filters_are_checked_and_an_internship_of_someone_else_is_the_404(site_world):
    teacher = api(site_world.elsewhere_teacher)
    internship = applied(site_world)

    assert teacher.get("/api/internship-programmes/", {"starts_from": "2026-02-30"}).status_code == 400
    assert teacher.get("/api/internships/", {"list": "everything"}).status_code == 400
    found = teacher.get("/api/internship-programmes/", {"topic": "смысловое", "open_only": "true"}).data
    assert [row["id"] for row in found["results"]] == [site_world.programme.pk]
    missing = teacher.get(f"/api/internships/{internship.pk}/")
    assert missing.status_code == 404 and missing.json()["detail"] == "Не найдено."
    assert teacher.get("/api/internships/").data["results"] == []
