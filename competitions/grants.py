"""Jury and committee memberships mirrored into guardian grants on the competition.

A member holds `competitions.act_as_<role>_in_competition` (what Viewflow's task queue will read to
offer a jury's task) and `competitions.view_competition` (what `may` and `visible` read) on their
competition while the membership is valid; `accounts.grants` rebuilds them with the role grants.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet

from accounts.grants import GrantMirror, mirror_grants
from accounts.models import User

from .models import Competition, CompetitionMember, MemberRole, member_grant_codename

VIEW = "view_competition"


def wanted_grants(user: User, on: date | None = None) -> Iterator[tuple[str, int]]:
    for role, competition in CompetitionMember.objects.active(on).filter(person=user).values_list(
            "role", "competition_id"):
        yield member_grant_codename(role), competition
        yield VIEW, competition


def held(user: User, today: date) -> QuerySet[CompetitionMember]:
    return CompetitionMember.objects.filter(person=user).exclude(valid_until__lt=today).select_related("competition")


def members() -> QuerySet[User]:
    return User.objects.filter(competition_memberships__isnull=False)


MEMBERSHIP_GRANTS = GrantMirror(
    model=Competition,
    codenames=frozenset({VIEW, *(member_grant_codename(role) for role in MemberRole)}),
    wanted=wanted_grants,
    people=members,
    held=held,
)

mirror_grants(MEMBERSHIP_GRANTS)
