"""Keeping the register of associations: founding one, its head, its members (domain.md §1; [000:325],
[002:227]). Every service asks `may` before it reads the body, then refuses bad input by field with
nothing saved, and records who acted (history)."""
from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Municipality, Organisation, User
from accounts.permissions import may

from .models import Association, Membership
from .rules import may_keep

Level = Association.Level


def belongs_to(person: User, association: Association) -> bool:
    """Is the person's workplace within the association's reach: its school for a ШМО, its municipality
    for a municipal one?"""
    organisation = person.organisation
    if organisation is None:
        return False
    if association.level == Level.SCHOOL:
        return organisation.pk == association.organisation_id
    return organisation.municipality_id == association.municipality_id


def found_association(user: User, *, municipality: Municipality, level: str, name: str, direction: str,
                      organisation: Organisation | None = None, head: User | None = None,
                      kind: str = Association.Kind.METHODICAL,
                      territory: str = Association.Territory.MUNICIPAL) -> Association:
    """A new association: a school's ШМО by its director or methodical lead (or the methodist), a
    municipal one (ММО, or a district's РМО, a city's ГМО: `territory`) by the methodist."""
    school = level == Level.SCHOOL and organisation is not None
    if not may(user, "found_association", organisation if school else municipality):
        raise PermissionDenied(_("You may not found associations here."))
    association = Association(municipality=municipality, level=level, kind=kind, territory=territory, name=name.strip(),
                              direction=direction.strip(), organisation=organisation if school else None,
                              head=head)
    errors = {}
    if head is not None and not belongs_to(head, association):
        errors["head"] = _("The head works outside the association's school or municipality.")
    try:
        association.full_clean()
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        association.save()
    return association


def name_head(user: User, association: Association, head: User | None) -> Association:
    """The association's keepers name (or clear) its head, who then keeps the association."""
    if not may(user, "keep", association):
        raise PermissionDenied(_("You may not change this association."))
    if head is not None and not belongs_to(head, association):
        raise ValidationError({"head": _("The head works outside the association's school or municipality.")})
    with acting_as(user), transaction.atomic():
        association.head = head
        association.save(update_fields=["head"])
    return association


def add_member(user: User, association: Association, person: User, *, role: str = Membership.Role.MEMBER,
               valid_from: date | None = None) -> Membership:
    """A teacher of the association's school (ШМО) or municipality joins it from a date."""
    if not may_keep(user, association):
        raise PermissionDenied(_("You may not change this association."))
    errors = {}
    if not belongs_to(person, association):
        errors["person"] = _("This person works outside the association's school or municipality.")
    elif association.memberships.filter(person=person, valid_until__isnull=True).exists():
        errors["person"] = _("This person is already a member of the association.")
    if role not in Membership.Role.values:
        errors["role"] = _("Choose the role from the list.")
    if errors:
        raise ValidationError(errors)
    membership = Membership(association=association, person=person, role=role, added_by=user,
                            valid_from=valid_from or timezone.localdate())
    try:
        with acting_as(user), transaction.atomic():
            membership.save()
    except IntegrityError:  # the same person added twice at once
        raise ValidationError({"person": _("This person is already a member of the association.")}) from None
    return membership


def end_membership(user: User, membership: Membership, valid_until: date | None = None) -> Membership:
    """A member leaves the association on a day (today by default); the membership and its history stay."""
    if not may_keep(user, membership.association):
        raise PermissionDenied(_("You may not change this association."))
    valid_until = valid_until or timezone.localdate()
    if membership.valid_until is not None:
        raise ValidationError({"valid_until": _("This membership has already ended.")})
    if valid_until < membership.valid_from:
        raise ValidationError({"valid_until": _("The end date is before the start date.")})
    with acting_as(user), transaction.atomic():
        membership.valid_until = valid_until
        membership.save(update_fields=["valid_until"])
    return membership
