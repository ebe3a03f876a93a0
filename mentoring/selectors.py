"""Reads of mentoring pairs: the pairs a person may see, filtered; the organisations whose pairs they propose."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Organisation, User
from accounts.permissions import may, organisations_in_scope, visible

from .models import Mentorship


def pairs_queryset() -> QuerySet[Mentorship]:
    return Mentorship.objects.select_related("organisation", "mentor", "mentee", "order", "evaluated_by")


def visible_pairs(user: User, *, kind: str = "", status: str = "") -> QuerySet[Mentorship]:
    """The pairs `user` may read, newest first, narrowed by kind and status ("" means any)."""
    pairs = visible(user, "view", pairs_queryset())
    if kind:
        pairs = pairs.filter(kind=kind)
    if status:
        pairs = pairs.filter(status=status)
    return pairs.order_by("-starts_on", "-pk")


def pairs_of_person(user: User) -> QuerySet[Mentorship]:
    """The pairs the person is the mentor or the mentee of: what their own page lists."""
    return pairs_queryset().filter(Q(mentor=user) | Q(mentee=user)).exclude(status=Mentorship.Status.PROPOSED)


def organisations_to_propose(user: User) -> list[Organisation]:
    """The organisations whose pairs `user` proposes (a director's own)."""
    return [organisation for organisation in organisations_in_scope(user).order_by("name")
            if may(user, "propose_mentorships", organisation)]


def people_of(organisation: Organisation) -> QuerySet[User]:
    """Who a pair of the organisation may join: its active people."""
    return User.objects.filter(organisation=organisation, is_active=True).order_by("last_name", "first_name")


def proposed_pairs(organisation: Organisation) -> QuerySet[Mentorship]:
    """The organisation's proposed pairs no order names yet: what «issue the order» would name."""
    return pairs_queryset().filter(organisation=organisation, status=Mentorship.Status.PROPOSED, order__isnull=True)
