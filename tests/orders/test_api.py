"""The orders' API: a draft with its items, errors by field and row in problem details, signing, 409 once
signed, a correction, the print form."""
import pytest
from rest_framework.test import APIClient

from orders.models import Order
from tests.orders.test_permissions import api_body
from tests.orders.world import draft, signed

pytestmark = pytest.mark.django_db


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_draft_is_created_numbered_by_the_journal_and_read_back_with_its_items(department):
    response = as_user(department.methodist).post("/api/orders/", api_body(department), format="json")
    body = response.json()
    assert response.status_code == 201, body
    assert body["number"] == "1-од" and body["status"] == "draft" and body["status_display"] == "черновик"
    assert body["items"] == [{"position": 1, "action": "grant", "action_display": "присвоить",
                              "organisation": {"id": department.school.pk, "name": str(department.school)},
                              "text": "Присвоить статус", "starts_on": None, "ends_on": None, "record": None}]
    assert body["corrects"] is None and body["corrections"] == [] and body["text"] is None


def test_a_used_number_is_a_problem_on_the_number_field_and_nothing_is_saved(department):
    draft(department, number="3-од")
    response = as_user(department.officer).post("/api/orders/", {**api_body(department), "number": "3-од"},
                                                format="json")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [{"field": "number", "code": "invalid",
                                          "message": "Номер 3-од уже занят приказом 2026 года."}]
    assert Order.objects.count() == 1


def test_a_bad_item_is_named_by_its_row(department):
    body = api_body(department)
    body["items"].append({"action": "grant", "text": "Второй", "starts_on": "2026-05-01", "ends_on": "2026-01-01"})
    response = as_user(department.officer).post("/api/orders/", body, format="json")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["items[1].ends_on"]


def test_a_signed_order_is_409_on_change_and_on_a_second_signing(department):
    order = signed(department)
    officer = as_user(department.officer)
    changed = officer.patch(f"/api/orders/{order.pk}/", {"title": "Иначе"}, format="json")
    assert changed.status_code == 409 and changed.json()["code"] == "signed"
    assert officer.post(f"/api/orders/{order.pk}/sign/").status_code == 409
    order.refresh_from_db()
    assert order.title != "Иначе"


def test_an_auditor_posting_a_bad_body_is_told_403_before_the_body_is_read(department):
    order = draft(department)
    auditor = as_user(department.auditor)
    assert auditor.patch(f"/api/orders/{order.pk}/", {"date": "нет"}, format="json").status_code == 403
    assert auditor.post("/api/orders/", {"items": "нет"}, format="json").status_code == 403


def test_a_draft_is_changed_and_signed_over_the_api(department):
    order = draft(department, by=department.methodist)
    methodist, officer = as_user(department.methodist), as_user(department.officer)
    changed = methodist.patch(f"/api/orders/{order.pk}/", {"title": "Об утверждении", "items": [
        {"action": "approve", "organisation": None, "text": "Утвердить положение"}]}, format="json")
    assert changed.status_code == 200 and changed.json()["items"][0]["action"] == "approve"
    assert methodist.post(f"/api/orders/{order.pk}/sign/").json()["code"] == "not_allowed"
    response = officer.post(f"/api/orders/{order.pk}/sign/")
    assert response.status_code == 200 and response.json()["status"] == "signed"


def test_a_correction_over_the_api_cites_the_old_order(department):
    old = signed(department)
    response = as_user(department.officer).post(f"/api/orders/{old.pk}/correct/")
    assert response.status_code == 201 and response.json()["corrects"] == old.pk
    assert as_user(department.officer).get(f"/api/orders/{old.pk}/").json()["corrections"] == [response.json()["id"]]


def test_the_journal_filters_and_refuses_a_bad_filter_in_russian(department):
    signed(department)
    draft(department, title="Об итогах мониторинга", subject=Order.Subject.MONITORING)
    auditor = as_user(department.auditor)
    assert auditor.get("/api/orders/").json()["count"] == 2
    assert auditor.get("/api/orders/?status=draft&subject=monitoring").json()["count"] == 1
    assert auditor.get("/api/orders/?q=1-од&year=2026").json()["count"] == 1
    bad = auditor.get("/api/orders/?year=abc")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "year"


def test_the_pdf_over_the_api(department):
    order = signed(department)
    response = as_user(department.auditor).get(f"/api/orders/{order.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
