import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from routes.models import IndividualRoute
from tests.api import route_body

pytestmark = pytest.mark.django_db
Status = IndividualRoute.Status


def signed_in(user) -> APIClient:
    """A client that got its token from the API, as an integration would."""
    client = APIClient()
    response = client.post("/api/auth/token/", {"username": user.username, "password": "secret-password"},
                           format="json")
    assert response.status_code == 200, response.data
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    return client


def task_row(client, route_id: int, which: str = "") -> dict:
    rows = client.get("/api/tasks/", {"list": which} if which else {}).data["results"]
    matching = [row for row in rows if row["case"]["type"] == "route" and row["case"]["id"] == route_id]
    assert len(matching) == 1, rows
    return matching[0]


def route_status(client, route_id: int) -> str:
    return client.get(f"/api/routes/{route_id}/").data["status"]


def test_a_route_goes_from_draft_to_closed_through_the_api(school):
    teacher, lead, director = signed_in(school.teacher), signed_in(school.lead), signed_in(school.director)

    created = teacher.post("/api/routes/", route_body(), format="json")
    assert created.status_code == 201, created.data
    route_id = created.data["id"]
    assert created.data["status"] == Status.DRAFT and [a["action"] for a in created.data["actions"]] == ["edit", "submit"]
    assert teacher.post(f"/api/routes/{route_id}/submit/").data["status"] == Status.AGREEMENT

    row = task_row(lead, route_id)
    assert row["claimable"] and [a["action"] for a in row["actions"]] == ["claim", "decide"]
    assert row["node"] == "agreement" and row["case"]["author"] == str(school.teacher)
    claimed = lead.post(f"/api/tasks/{row['id']}/claim/")
    assert claimed.status_code == 200
    assert claimed.data["owner"]["id"] == school.lead.pk and not claimed.data["claimable"]
    returned = lead.post(f"/api/tasks/{row['id']}/complete/",
                         {"decision": "return", "comment": "Уточните сроки курсов"}, format="json")
    assert returned.status_code == 200, returned.data
    assert returned.data["status"] == "DONE" and returned.data["case"]["status"] == Status.RETURNED

    revision = task_row(teacher, route_id)
    assert revision["node"] == "revision" and [a["action"] for a in revision["actions"]] == ["edit", "submit"]
    edited = teacher.patch(f"/api/routes/{route_id}/", {"topic": "Смысловое чтение на уроках"}, format="json")
    assert edited.status_code == 200 and edited.data["topic"] == "Смысловое чтение на уроках"
    assert teacher.post(f"/api/routes/{route_id}/submit/").data["status"] == Status.AGREEMENT
    assert teacher.patch(f"/api/routes/{route_id}/", {"topic": "Другая"}, format="json").status_code == 403

    again = task_row(lead, route_id, "mine")  # back to the lead who returned it, already theirs
    assert not again["claimable"]
    assert lead.post(f"/api/tasks/{again['id']}/complete/", {"decision": "approve"}, format="json").status_code == 200
    approval = task_row(director, route_id)
    assert approval["claimable"]
    assert director.post(f"/api/tasks/{approval['id']}/complete/", {"decision": "approve"},
                         format="json").status_code == 200
    assert route_status(teacher, route_id) == Status.IMPLEMENTATION

    activity = teacher.get(f"/api/routes/{route_id}/").data["activities"][0]
    done = teacher.post(f"/api/routes/{route_id}/activities/{activity['id']}/done/",
                        {"evidence": SimpleUploadedFile("certificate.pdf", b"%PDF-1.4 test")}, format="multipart")
    assert done.status_code == 200, done.data
    assert done.data["done_at"] and done.data["evidence"].endswith(f"/files/evidence/{activity['id']}/")
    reported = teacher.post(f"/api/routes/{route_id}/report/", {
        "self_analysis": "Самоанализ", "product": "Серия уроков", "presentations": "Выступление на ММО"}, format="json")
    assert reported.status_code == 200 and reported.data["status"] == Status.EVALUATION

    evaluation = task_row(lead, route_id)
    assert evaluation["node"] == "evaluation"
    evaluated = lead.post(f"/api/tasks/{evaluation['id']}/complete/", {"decision": "approve", "result": "completed"},
                          format="json")
    assert evaluated.status_code == 200, evaluated.data

    route = teacher.get(f"/api/routes/{route_id}/").data
    assert route["status"] == Status.CLOSED and route["result"] == "completed"
    timeline = teacher.get(f"/api/routes/{route_id}/timeline/").data
    assert [event["kind"] for event in timeline] == ["submitted", "returned", "resubmitted", "approved", "approved",
                                                     "activity_done", "report", "evaluated", "closed"]
    assert timeline[1]["actor"]["id"] == school.lead.pk and timeline[1]["comment"] == "Уточните сроки курсов"

