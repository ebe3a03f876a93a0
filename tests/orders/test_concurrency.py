"""Orders numbered at the same moment, each on its own PostgreSQL connection, as simultaneous requests."""
import pytest

from orders.models import Order
from tests.orders.world import draft
from tests.races import at_once

pytestmark = pytest.mark.django_db(transaction=True)
AT_ONCE = 8


def test_simultaneous_drafts_take_consecutive_numbers_with_no_gap_and_no_repeat(department):
    def prepare(n):
        return draft(department).number

    outcomes = at_once(AT_ONCE, prepare)

    assert sorted(outcomes, key=lambda number: int(number.split("-")[0])) == [f"{n}-од" for n in
                                                                             range(1, AT_ONCE + 1)], outcomes


def test_of_two_simultaneous_orders_typing_one_number_one_is_refused_on_its_field(department):
    def prepare(n):
        try:
            return draft(department, number="5-од").number
        except Exception as error:
            return getattr(error, "message_dict", error)

    outcomes = at_once(2, prepare)

    assert sorted(map(str, outcomes)) == sorted(["5-од", str({"number": ["Номер 5-од уже занят приказом 2026 года."]})])
    assert Order.objects.count() == 1
