"""The results protocol (протокол) of a competition: the committee drafts it (number, date, decision) once
every round is closed and approves it — the scores are frozen from then on, every entry's process ends as
the results left it (competitions.services.conclude_entries) and the results go public; a winner is then
forwarded to the next level's competition with their materials."""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import User
from workflows.services import CaseConflict

from .jury import refuse_if_frozen, require_committee
from .models import Competition, CompetitionMember, Entry, MemberRole, Placement, ResultsProtocol, Round, RoundResult
from .services import conclude_entries, forward_entry


def lock_competition(competition: Competition) -> None:
    Competition.objects.select_for_update().filter(pk=competition.pk).exists()
    competition.refresh_from_db()


def refuse_unless_ranked(competition: Competition) -> None:
    if competition.rounds.exclude(status=Round.Status.CLOSED).exists() or not RoundResult.objects.filter(
            round__competition=competition).exists():
        raise ValidationError({"protocol": ValidationError(_("Close every round of the competition first."),
                                                           code="rounds_open")})


def save_protocol(competition: Competition, user: User, *, number: str, date_: date | None,
                  text: str = "") -> ResultsProtocol:
    """The committee drafts the protocol (or changes its draft) once every round is closed."""
    require_committee(user, competition)
    errors = {}
    if not (number or "").strip():
        errors["number"] = _("Give the protocol's number.")
    if date_ is None:
        errors["date"] = _("Give the protocol's date.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(user):
        lock_competition(competition)
        refuse_if_frozen(competition)
        refuse_unless_ranked(competition)
        protocol, _created = ResultsProtocol.objects.update_or_create(
            competition=competition, defaults={"number": number.strip(), "date": date_, "text": text.strip()})
    return protocol


def approve_protocol(competition: Competition, user: User) -> ResultsProtocol:
    """The committee approves the protocol: scores frozen, the entries concluded, the results public."""
    require_committee(user, competition)
    with transaction.atomic(), acting_as(user):
        lock_competition(competition)
        refuse_if_frozen(competition)
        refuse_unless_ranked(competition)
        protocol = ResultsProtocol.objects.filter(competition=competition).first()
        if protocol is None:
            raise ValidationError({"protocol": ValidationError(_("Draw up the protocol first."),
                                                               code="no_protocol")})
        protocol.status, protocol.approved_by, protocol.approved_at = (
            ResultsProtocol.Status.APPROVED, user, timezone.now())
        protocol.save()
        competition.status = Competition.Status.RESULTS
        competition.save(update_fields=["status"])
        conclude_entries(competition, user)
    return protocol


def signatories(competition: Competition) -> list[CompetitionMember]:
    """Who signs the protocol: the committee, then the jury, each once."""
    members = CompetitionMember.objects.filter(competition=competition).select_related("person").order_by(
        "role", "person__last_name", "person__first_name")
    seen, signing = set(), []
    for member in sorted(members, key=lambda member: member.role != MemberRole.COMMITTEE):
        if (member.person_id, member.role) not in seen:
            seen.add((member.person_id, member.role))
            signing.append(member)
    return signing


def forward_winner(entry: Entry, user: User) -> Entry:
    """The committee sends a winner on to the next level's competition, once the results are approved."""
    competition = entry.competition
    require_committee(user, competition)
    if not ResultsProtocol.objects.filter(competition=competition, status=ResultsProtocol.Status.APPROVED).exists():
        raise ValidationError({"entry": ValidationError(_("Approve the results protocol first."),
                                                        code="not_approved")})
    if competition.next_level_id is None:
        raise ValidationError({"competition": _("The competition has no next level.")})
    if entry.placement != Placement.WINNER:
        raise ValidationError({"entry": _("Only a winner goes on to the next level.")})
    if Entry.objects.filter(forwarded_from=entry).exists():
        raise CaseConflict(_("The winner has already been forwarded."), code="already_forwarded")
    return forward_entry(entry, competition.next_level, user)
