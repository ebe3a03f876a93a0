"""Who may do what to orders, on the pages and over the API: one table, role × action → allowed.

The order of the table names the school of `director`; `other_director` runs a school of the same
municipality it does not name; `stranger` and `stranger_methodist` work in another municipality.
"""
import pytest
from rest_framework.test import APIClient

from orders.models import Order
from tests.orders.test_pages import form_data
from tests.orders.world import draft, signed

pytestmark = pytest.mark.django_db

ROLES = ["officer", "methodist", "auditor", "director", "other_director", "teacher", "stranger", "stranger_methodist"]
READERS = {"officer", "methodist", "auditor", "director"}
DRAFT_READERS = {"officer", "methodist", "auditor"}
PREPARERS = {"officer", "methodist"}

# action: (who may, on which order); an action names a signed order or a draft of the department
TABLE = [
    ("list", READERS, "signed"),
    ("list", DRAFT_READERS, "draft"),
    ("view", READERS, "signed"),
    ("view", DRAFT_READERS, "draft"),
    ("create", PREPARERS, None),
    ("edit", PREPARERS, "draft"),
    ("edit", set(), "signed"),
    ("sign", {"officer"}, "draft"),
    ("sign", set(), "signed"),
    ("pdf", READERS, "signed"),
    ("pdf", DRAFT_READERS, "draft"),
]


def api_body(department) -> dict:
    return {"municipality": department.municipality.pk, "date": "2026-03-02", "subject": "site_status",
            "title": "О присвоении статуса", "signatory": department.officer.pk,
            "items": [{"action": "grant", "organisation": department.school.pk, "text": "Присвоить статус"}]}


def page(client, department, action: str, order: Order | None) -> bool:
    if action == "list":
        return f'href="/orders/{order.pk}/"' in client.get("/orders/").content.decode()
    if action == "view":
        return client.get(f"/orders/{order.pk}/").status_code == 200
    if action == "create":
        return client.post("/orders/new/", form_data(department)).status_code == 302
    if action == "edit":
        return client.post(f"/orders/{order.pk}/edit/", form_data(department, title="Иначе")).status_code == 302
    if action == "sign":
        response = client.post(f"/orders/{order.pk}/sign/")
        return response.status_code == 302 and Order.objects.get(pk=order.pk).is_signed and not order.is_signed
    if action == "pdf":
        return client.get(f"/orders/{order.pk}/pdf/").status_code == 200
    raise AssertionError(action)


def api(client, department, action: str, order: Order | None) -> bool:
    if action == "list":
        return order.pk in [row["id"] for row in client.get("/api/orders/").json()["results"]]
    if action == "view":
        return client.get(f"/api/orders/{order.pk}/").status_code == 200
    if action == "create":
        return client.post("/api/orders/", api_body(department), format="json").status_code == 201
    if action == "edit":
        return client.patch(f"/api/orders/{order.pk}/", {"title": "Иначе"}, format="json").status_code == 200
    if action == "sign":
        return client.post(f"/api/orders/{order.pk}/sign/").status_code == 200
    if action == "pdf":
        return client.get(f"/api/orders/{order.pk}/pdf/").status_code == 200
    raise AssertionError(action)


@pytest.mark.parametrize("channel", [page, api], ids=["page", "api"])
@pytest.mark.parametrize(("action", "allowed", "target"), TABLE, ids=[f"{a}-{t}" for a, _, t in TABLE])
def test_permission_matrix(department, monkeypatch, channel, action, allowed, target):
    monkeypatch.setattr("orders.views.order_pdf", lambda order: b"%PDF-1.7")
    monkeypatch.setattr("orders.api.order_pdf", lambda order: b"%PDF-1.7")
    outcome = {}
    for role in ROLES:
        order = {"signed": signed, "draft": draft}[target](department) if target else None
        before = Order.objects.values_list("pk", "status", "title").order_by("pk")
        before = list(before)
        client = APIClient()
        client.force_login(getattr(department, role))
        outcome[role] = channel(client, department, action, order)
        if not outcome[role]:
            assert list(Order.objects.values_list("pk", "status", "title").order_by("pk")) == before, role
    assert {role for role, done in outcome.items() if done} == allowed


@pytest.mark.parametrize("url", ["/orders/{pk}/", "/orders/{pk}/pdf/", "/orders/{pk}/edit/", "/api/orders/{pk}/",
                                 "/api/orders/{pk}/pdf/"])
def test_another_municipality_is_told_not_found_as_for_a_missing_order(client, department, url):
    order = signed(department)
    client.force_login(department.stranger)
    hidden = client.get(url.format(pk=order.pk))
    missing = client.get(url.format(pk=order.pk + 1000))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content.decode().replace(str(order.pk + 1000), str(order.pk)) == missing.content.decode().replace(
        str(order.pk + 1000), str(order.pk))
    assert "Не найдено" in hidden.content.decode() or "Страница не найдена" in hidden.content.decode()


def test_a_director_reads_an_order_naming_their_school_from_the_day_they_become_director(department):
    from accounts.models import Role
    from tests.factories import RoleAssignmentFactory, UserFactory

    order = signed(department)
    newcomer = UserFactory(organisation=department.school)
    client = APIClient()
    client.force_login(newcomer)
    assert client.get(f"/api/orders/{order.pk}/").status_code == 404
    RoleAssignmentFactory(user=newcomer, role=Role.DIRECTOR, organisation=department.school)
    assert client.get(f"/api/orders/{order.pk}/").status_code == 200
