"""Sent once an order's signing is committed, for the processes that act on what it grants or revokes."""
from django.dispatch import Signal

# sender=Order, order=the signed order
order_signed = Signal()
