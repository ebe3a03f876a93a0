"""Reads of orders: the journal a person may see, filtered, and one order with what it corrects and is
corrected by."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import Municipality, User
from accounts.permissions import active_assignments, may, visible

from .models import Order


@dataclass(frozen=True)
class JournalFilter:
    """What the journal is narrowed to; None or "" means any."""

    year: int | None = None
    subject: str = ""
    status: str = ""
    search: str = ""


def orders_queryset() -> QuerySet[Order]:
    return Order.objects.select_related("municipality", "signatory", "prepared_by", "corrects", "issuer")


def journal(user: User, filters: JournalFilter = JournalFilter()) -> QuerySet[Order]:
    """The orders `user` may read, newest first, narrowed by `filters` (the number or the title by `search`)."""
    orders = visible(user, "view", orders_queryset())
    if filters.year:
        orders = orders.filter(year=filters.year)
    if filters.subject:
        orders = orders.filter(subject=filters.subject)
    if filters.status:
        orders = orders.filter(status=filters.status)
    if filters.search:
        orders = orders.filter(Q(number__icontains=filters.search) | Q(title__icontains=filters.search))
    return orders.order_by("-date", "-pk")


def years_of(user: User) -> list[int]:
    """The years the person's journal has orders of, newest first: the choices of the year filter."""
    return list(visible(user, "view", Order.objects.all()).order_by("-year").values_list("year", flat=True)
                .distinct())


def municipalities_to_prepare(user: User) -> list[Municipality]:
    """The municipalities whose orders `user` prepares (an officer's or a methodist's), as the rules say."""
    held = {assignment.municipality_id for assignment in active_assignments(user) if assignment.municipality_id}
    return [municipality for municipality in Municipality.objects.filter(pk__in=held).order_by("name")
            if may(user, "prepare", Order(municipality=municipality))]
