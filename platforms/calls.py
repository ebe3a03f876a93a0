"""The department's calls for site projects (приём заявок): announcing one with its criteria, and who
sees which. Pages, the API, the demo and tests come here."""
from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Municipality, Role, RoleAssignment
from accounts.permissions import may, visible
from scoring.models import Criterion
from scoring.services import criteria
from workflows.services import Refused

from .models import Call, SiteKind


def call_criteria(call: Call) -> list[Criterion]:
    """What the expert council scores the call's projects against: the call's own, the defaults on first use."""
    return criteria(call.municipality, call.criteria_purpose)


def municipalities_announcing(user) -> QuerySet[Municipality]:
    """The municipalities whose calls `user` may announce or prepare (the department, the methodical centre)."""
    held = RoleAssignment.objects.active().filter(user=user, role__in=(Role.OFFICER, Role.METHODIST),
                                                  municipality__isnull=False)
    return Municipality.objects.filter(pk__in=held.values("municipality_id"))


def validate_call(call: Call) -> None:
    call.full_clean(exclude=["created_by"])
    errors = {}
    if not call.kinds or any(kind not in SiteKind.values for kind in call.kinds):
        errors["kinds"] = _("Choose the kinds of sites the call accepts.")
    if call.deadline and call.opens_on and timezone.localdate(call.deadline) < call.opens_on:
        errors["deadline"] = _("The deadline cannot be before the call opens.")
    if errors:
        raise ValidationError(errors)


def parse_criteria(text: str) -> list[tuple[str, int]]:
    """«name; maximum score», one a line, as the call's form takes them; blank lines are ignored."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, maximum = line.rpartition(";")
        try:
            score = int(maximum.strip())
        except ValueError:
            score = 0
        if not name.strip() or not 1 <= score <= 100:
            raise ValidationError({"criteria": _("Line %(line)d: write «criterion; maximum score from 1 to 100».") % {
                "line": number}})
        found.append((name.strip(), score))
    return found


@transaction.atomic
def save_call(call: Call, user, given_criteria: Sequence[tuple[str, int]] | None = None) -> Call:
    """Announce or edit a call of the municipality: its kinds, terms, dates and the council's criteria
    (the municipality's defaults unless `given_criteria` names them)."""
    if not call.municipality_id or not may(user, "manage", call):
        raise Refused(_("Only the department of education or the methodical centre announces calls."), "not_an_officer")
    validate_call(call)
    if not call.pk:
        call.created_by = user
    with acting_as(user):
        call.save()
        if given_criteria:
            Criterion.objects.filter(municipality=call.municipality, purpose=call.criteria_purpose).delete()
            for order, (name, maximum) in enumerate(given_criteria, start=1):
                Criterion.objects.create(municipality=call.municipality, purpose=call.criteria_purpose, order=order,
                                         name=name, max_score=maximum)
        else:
            call_criteria(call)
    return call


def directed_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities of the organisations `user` heads: their calls are the director's to answer."""
    held = RoleAssignment.objects.active().filter(user=user, role=Role.DIRECTOR, organisation__isnull=False)
    return Municipality.objects.filter(organisations__in=held.values("organisation_id"))


def visible_calls(user) -> QuerySet[Call]:
    """The calls `user` may read: the municipality's staff and auditors by role, directors of its
    organisations too (a call is announced to them); the open ones first, then by deadline."""
    now = timezone.now()
    calls = Call.objects.filter(Q(pk__in=visible(user, "view", Call.objects.all()).values("pk"))
                                | Q(municipality__in=directed_municipalities(user)))
    return calls.select_related("municipality").annotate(open_first=Case(
        When(opens_on__lte=timezone.localdate(now), deadline__gte=now, then=Value(0)), default=Value(1))).order_by(
        "open_first", "-deadline", "pk")


def open_calls_for(user) -> QuerySet[Call]:
    now = timezone.now()
    return visible_calls(user).filter(opens_on__lte=timezone.localdate(now), deadline__gte=now)
