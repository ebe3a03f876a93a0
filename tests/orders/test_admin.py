"""The admin reads orders and their history and changes none; it edits a journal's suffix, never its count."""
import pytest

from accounts.models import Role
from orders.models import OrderJournal
from tests.orders.world import signed
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_reads_a_signed_order_and_cannot_change_it(client, department):
    order = signed(department)
    admin = UserFactory(username="admin.all", is_staff=True)
    RoleAssignmentFactory(user=admin, role=Role.ADMIN)
    client.force_login(admin)
    page = client.get(f"/admin/orders/order/{order.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/orders/order/{order.pk}/change/", {"title": "Иначе"}).status_code == 403
    assert client.get(f"/admin/orders/order/{order.pk}/history/").status_code == 200
    journal = OrderJournal.objects.get()
    response = client.post(f"/admin/orders/orderjournal/{journal.pk}/change/", {
        "municipality": department.municipality.pk, "year": 2026, "suffix": "-п", "last_number": 99})
    journal.refresh_from_db()
    assert response.status_code == 302 and (journal.suffix, journal.last_number) == ("-п", 1)
