"""Who may read and keep the register of methodical associations (domain.md §1; [001:435-445]).

The municipality's methodist and officer read every association of their municipality, auditors read in
their scope and change nothing; a school's director, methodical lead and teachers read their school's
ШМО. The methodist keeps the municipality's associations (founds them, names heads, members, plans and
meetings); the director and the methodical lead keep their school's ШМО; the head of an association keeps
their own association whatever their other roles. Members read the association they belong to.
"""
from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Municipality, Organisation, Role, User, in_force
from accounts.permissions import allow, allow_owner, may, visible

from .models import Association, Membership

CENTRE = [Role.METHODIST, Role.OFFICER]
SCHOOL_KEEPERS = [Role.DIRECTOR, Role.LEAD]
READERS = [*CENTRE, Role.AUDITOR, *SCHOOL_KEEPERS, Role.TEACHER, Role.MENTOR, Role.TUTOR]

allow(Association, ["view", "view_history"], READERS)
allow(Association, ["keep"], [Role.METHODIST, *SCHOOL_KEEPERS])
allow_owner(Association, ["lead"], "head")
allow(Municipality, ["found_association"], [Role.METHODIST])
allow(Organisation, ["found_association"], [Role.METHODIST, *SCHOOL_KEEPERS])


def may_keep(user: User, association: Association) -> bool:
    """May the person change the association's members, plans and meetings: its keepers by role, or its head."""
    return may(user, "keep", association) or may(user, "lead", association)


def _taking_part(user: User) -> Q:
    members = Membership.objects.filter(in_force(), person=user).values("association_id")
    return Q(head=user) | Q(pk__in=members)


def readable(user: User, associations: QuerySet[Association]) -> QuerySet[Association]:
    """The associations the person reads: by role in scope, and the ones they head or belong to."""
    if not user.is_authenticated:
        return associations.none()
    return associations.filter(Q(pk__in=visible(user, "view", Association.objects.all()).values("pk"))
                               | _taking_part(user))


def may_read(user: User, association: Association) -> bool:
    """Does the person read the association, its members, plans and meetings?"""
    return may(user, "view", association) or (
        user.is_authenticated and (association.head_id == user.pk or association.memberships.filter(
            in_force(timezone.localdate()), person=user).exists()))
