"""The jury of a round (domain.md §2.5): who may act on a competition's rounds, and the opening of a round —
every contestant still in the competition gets the round's jurors as scoring assignments (scoring's
`ExpertAssignment`, `round` = the round's position), a juror with a conflict of interest excluded and
replaced.

A conflict is the juror being the contestant or who nominated them, working in the contestant's
organisation, or having declared the contestant a relative (`JurorDeclaration`). The excluded juror's
assignment is kept, declined with the reason, so the committee sees it; the replacement is another
juror of the competition (the round's jury or the competition's reserve) without a conflict and not yet
on that contestant, the least loaded first.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.bulk_history import update_recorded
from accounts.history import acting_as
from accounts.models import User
from accounts.permissions import may
from scoring.models import ExpertAssignment
from workflows.services import CaseConflict, Refused

from .models import Competition, CompetitionMember, Entry, JurorDeclaration, MemberRole, ResultsProtocol, Round
from .services import admitted_entries

Status = ExpertAssignment.Status


def is_committee(user, competition: Competition) -> bool:
    """A member of the competition's organising committee (the grant their membership carries)."""
    return may(user, "act_as_committee_in", competition)


def is_juror(user, competition: Competition) -> bool:
    return may(user, "act_as_jury_in", competition)


def require_committee(user, competition: Competition) -> None:
    if not is_committee(user, competition):
        raise Refused(_("Only the organising committee of the competition may do this."), code="not_committee")


def frozen(competition: Competition) -> bool:
    """The results protocol is approved: no score, round or result of the competition changes any more."""
    return ResultsProtocol.objects.filter(competition=competition, status=ResultsProtocol.Status.APPROVED).exists()


def refuse_if_frozen(competition: Competition) -> None:
    if frozen(competition):
        raise CaseConflict(_("The results protocol is approved: the scores are frozen."), code="scores_frozen")


def entry_type() -> ContentType:
    return ContentType.objects.get_for_model(Entry)


def round_assignments(round_: Round) -> QuerySet[ExpertAssignment]:
    """The round's assignments to the competition's entries."""
    entries = Entry.objects.filter(competition_id=round_.competition_id).values("pk")
    return ExpertAssignment.objects.filter(content_type=entry_type(), round=round_.position, object_id__in=entries)


def lock_round(round_: Round, statuses: Iterable[str], already: str) -> None:
    Round.objects.select_for_update().filter(pk=round_.pk).exists()
    round_.refresh_from_db()
    if round_.status not in statuses:
        raise CaseConflict(already, code="round_state")


def conflict(juror: User, entry: Entry, declared: set[tuple[int, int]]) -> str | None:
    """Why `juror` may not judge `entry`, or None."""
    if juror.pk in (entry.nominee_id, entry.author_id):
        return _("%(juror)s is the contestant or nominated them.") % {"juror": juror}
    if juror.organisation_id and juror.organisation_id in (entry.organisation_id, entry.nominee.organisation_id):
        return _("%(juror)s works in the contestant's organisation.") % {"juror": juror}
    if (juror.pk, entry.nominee_id) in declared:
        return _("%(juror)s declared the contestant a relative.") % {"juror": juror}
    return None


@dataclass
class Opening:
    """What opening a round did: assignments made, and each conflict with its replacement (or none)."""

    assigned: int
    conflicts: list[tuple[Entry, User, str, User | None]]


def reserve(competition: Competition) -> list[User]:
    members = CompetitionMember.objects.active().filter(competition=competition, role=MemberRole.JURY)
    return list(User.objects.filter(pk__in=members.values("person_id"), is_active=True).order_by("pk"))


def open_round(round_: Round, user: User) -> Opening:
    """The committee opens the round for scoring: each admitted contestant gets the round's jurors.
    Every earlier round must be closed, the round must have a jury and criteria."""
    competition = round_.competition
    require_committee(user, competition)
    with transaction.atomic(), acting_as(user):
        refuse_if_frozen(competition)
        lock_round(round_, [Round.Status.PENDING], _("The round has already been opened."))
        if competition.rounds.filter(position__lt=round_.position).exclude(status=Round.Status.CLOSED).exists():
            raise ValidationError({"round": _("Close the earlier rounds first.")})
        jurors = list(round_.jury.filter(is_active=True).order_by("pk"))
        if not jurors:
            raise ValidationError({"jury": _("The round has no jury.")})
        if not round_.criteria.exists():
            raise ValidationError({"criteria": _("The round has no criteria.")})
        entries = list(admitted_entries(competition).select_related("nominee"))
        if not entries:
            raise ValidationError({"round": _("No contestant is admitted to the round.")})
        opening = _assign(round_, entries, jurors, reserve(competition))
        for entry in entries:
            entry.expertise_round = round_.position
        update_recorded(entries, ["expertise_round"], user)
        round_.status = Round.Status.SCORING
        round_.save(update_fields=["status"])
        if competition.status != Competition.Status.ROUNDS:
            competition.status = Competition.Status.ROUNDS
            competition.save(update_fields=["status"])
    return opening


def _assign(round_: Round, entries: list[Entry], jurors: list[User], spare: list[User]) -> Opening:
    declared = set(JurorDeclaration.objects.filter(competition_id=round_.competition_id).values_list(
        "juror_id", "person_id"))
    content_type, now = entry_type(), timezone.now()
    candidates = list(dict.fromkeys([*jurors, *spare]))
    load: Counter[int] = Counter()
    made, excluded, conflicts = [], [], []
    for entry in entries:
        panel = {juror.pk for juror in jurors}
        for juror in jurors:
            reason = conflict(juror, entry, declared)
            if reason is None:
                made.append(ExpertAssignment(content_type=content_type, object_id=entry.pk, expert=juror,
                                             round=round_.position, assigned_at=now))
                load[juror.pk] += 1
                continue
            free = sorted((other for other in candidates if other.pk not in panel
                           and conflict(other, entry, declared) is None), key=lambda other: load[other.pk])
            replacement = free[0] if free else None
            if replacement is not None:
                panel.add(replacement.pk)
                load[replacement.pk] += 1
                made.append(ExpertAssignment(content_type=content_type, object_id=entry.pk, expert=replacement,
                                             round=round_.position, assigned_at=now))
            excluded.append((ExpertAssignment(content_type=content_type, object_id=entry.pk, expert=juror,
                                              round=round_.position, assigned_at=now, status=Status.DECLINED,
                                              decline_reason=_("Conflict of interest: %(reason)s") % {
                                                  "reason": reason}), replacement))
            conflicts.append((entry, juror, reason, replacement))
        if not any(assignment.object_id == entry.pk for assignment in made[-len(jurors):]):
            raise ValidationError({"jury": ValidationError(_(
                "Nobody on the jury or in its reserve can score %(entry)s without a conflict of interest: add a "
                "juror.") % {"entry": entry}, code="no_juror")})
    bulk_create_with_history(made, ExpertAssignment)
    if excluded:
        _record_exclusions(round_, excluded)
    return Opening(assigned=len(made), conflicts=conflicts)


def _record_exclusions(round_: Round, excluded: list[tuple[ExpertAssignment, User | None]]) -> None:
    # bulk_create sets the new rows' keys (PostgreSQL and SQLite return them): link each excluded juror
    # to the assignment that replaced them.
    bulk_create_with_history([assignment for assignment, _replacement in excluded], ExpertAssignment)
    made = {(row.object_id, row.expert_id): row.pk for row in round_assignments(round_).filter(
        status=Status.ASSIGNED).only("pk", "object_id", "expert_id")}
    linked = []
    for assignment, replacement in excluded:
        if replacement is not None:
            assignment.replacement_id = made[(assignment.object_id, replacement.pk)]
            linked.append(assignment)
    if linked:
        bulk_update_with_history(linked, ExpertAssignment, ["replacement"])


def exclusions(round_: Round) -> QuerySet[ExpertAssignment]:
    """The round's jurors excluded for a conflict of interest, with who replaced them, for the committee."""
    return round_assignments(round_).filter(status=Status.DECLINED).select_related(
        "expert", "replacement__expert").order_by("object_id", "pk")
