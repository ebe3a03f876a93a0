"""A director reads the signed orders that name their organisation: guardian grants `orders.view_order`,
mirrored from their director roles and the signed orders' items, rebuilt with the role grants (an
assignment changing, daily) and, in the signing's transaction, for the directors of the organisations named.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet

from accounts.grants import GrantMirror, mirror_grants, sync_role_grants
from accounts.models import Role, RoleAssignment, User

from .models import Order

VIEW = "view_order"


def wanted_grants(user: User, on: date | None = None) -> Iterator[tuple[str, int]]:
    organisations = RoleAssignment.objects.active(on).filter(user=user, role=Role.DIRECTOR).values(
        "organisation")
    for pk in Order.objects.filter(status=Order.Status.SIGNED, items__organisation__in=organisations).values_list(
            "pk", flat=True).distinct():
        yield VIEW, pk


def directors() -> QuerySet[User]:
    return User.objects.filter(role_assignments__role=Role.DIRECTOR)


def grant_to_named_directors(order: Order) -> None:
    """The directors of the organisations a newly signed order names may read it from now on."""
    named = order.items.exclude(organisation=None).values("organisation")
    for user in User.objects.filter(pk__in=RoleAssignment.objects.active().filter(
            role=Role.DIRECTOR, organisation__in=named).values("user")):
        sync_role_grants(user)


DIRECTOR_GRANTS = GrantMirror(model=Order, codenames=frozenset({VIEW}), wanted=wanted_grants, people=directors)

mirror_grants(DIRECTOR_GRANTS)
