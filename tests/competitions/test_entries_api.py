"""An entry over the API, following each answer's actions: nominate → submit (no consent refused in Russian by
field) → the committee returns it through the task list → completed and resubmitted → admitted; withdrawal."""
import pytest

from competitions.models import Entry
from tests.api import token_client
from tests.competitions.entries_world import entries  # noqa: F401  the `entries` fixture

pytestmark = pytest.mark.django_db


def action(detail: dict, name: str) -> dict:
    return next(item for item in detail["actions"] if item["action"] == name)


def test_an_entry_from_nomination_to_admission_over_the_api(entries):
    director, committee = token_client(entries.director), token_client(entries.committee)
    created = director.post("/api/competition-entries/", {
        "competition": entries.competition.pk, "nominee": entries.school.teacher.pk,
        "nomination": entries.nomination.pk, "about": "Стаж 3 года"}, format="json")
    assert created.status_code == 201, created.content
    detail = created.json()
    refused = director.post(action(detail, "submit")["url"])
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "consent_given_on"
    assert "152-ФЗ" in refused.json()["errors"][0]["message"] and "согласие" in refused.json()["detail"]
    patched = director.patch(action(detail, "edit")["url"], {"consent_given_on": "2026-01-20"}, format="json")
    assert patched.status_code == 200, patched.content
    submitted = director.post(action(patched.json(), "submit")["url"])
    assert submitted.json()["status"] == "admission"
    seen = committee.get(detail["url"]).json()
    admit = action(seen, "admit")
    assert admit["request"] == "AdmissionRequest" and "/api/tasks/" in admit["url"]
    returned = committee.post(admit["url"], {"decision": "return", "comment": "Нет эссе"}, format="json")
    assert returned.status_code == 200, returned.content
    again = director.get(detail["url"]).json()
    assert again["status"] == "returned" and {"edit", "submit"} <= {item["action"] for item in again["actions"]}
    assert director.post(action(again, "submit")["url"]).json()["status"] == "admission"
    admitted = committee.post(f"/api/competition-entries/{detail['id']}/admit/", {"decision": "approve"},
                              format="json")
    assert admitted.json()["status"] == "admitted"
    twice = committee.post(f"/api/competition-entries/{detail['id']}/admit/", {"decision": "approve"}, format="json")
    assert twice.status_code == 400


def test_the_same_teacher_twice_is_a_russian_error_at_the_nominee(entries):
    director = token_client(entries.director)
    body = {"competition": entries.competition.pk, "nominee": entries.school.teacher.pk,
            "nomination": entries.nomination.pk}
    assert director.post("/api/competition-entries/", body, format="json").status_code == 201
    twice = director.post("/api/competition-entries/", body, format="json")
    assert twice.status_code == 400 and twice.json()["errors"][0]["field"] == "nominee"
    assert "уже выдвинут" in twice.json()["errors"][0]["message"]
    assert Entry.objects.count() == 1


def test_the_contestant_withdraws_over_the_api_and_an_auditor_is_refused_before_the_body(entries):
    director = token_client(entries.director)
    created = director.post("/api/competition-entries/", {
        "competition": entries.competition.pk, "nominee": entries.school.teacher.pk,
        "nomination": entries.nomination.pk, "consent_given_on": "2026-01-20"}, format="json").json()
    director.post(action(created, "submit")["url"])
    auditor = token_client(entries.school.auditor).post(f"/api/competition-entries/{created['id']}/withdraw/",
                                                        {"reason": ["not a string"]}, format="json")
    assert auditor.status_code == 403
    teacher = token_client(entries.school.teacher)
    mine = teacher.get(created["url"]).json()
    withdrawn = teacher.post(action(mine, "withdraw")["url"], {"reason": "Переезд"}, format="json")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
