"""The pairs a director's signed order names become active."""
from orders.models import Order

from . import services


def activate_pairs(sender, order: Order, **kwargs) -> None:
    services.activate_named(order)
