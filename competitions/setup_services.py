"""Setting a competition up (domain.md §2.5; [000:195-197], [001:240-262], [002:153]): the municipality's
methodical centre and the competition's organising committee name it, its nominations, eligibility, rounds
with weighted criteria and their juries, the schedule and the deadline, how scores aggregate, and open it
for nominations. Pages, the API, the demo and tests call these."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Municipality, Role, RoleAssignment, User
from accounts.permissions import may, visible
from workflows.services import Refused

from .models import Competition, CompetitionMember, MemberRole, Nomination, Round, RoundCriterion

# The seeds' competitions [000:195-197, 002:153], suggested on the set-up form.
SUGGESTED_NAMES = ("Учитель года", "Воспитатель года", "Педагогический дебют", "Педагог-психолог года",
                   "Директор школы года", "Сердце отдаю детям", "Педагог-наставник", "Учитель здоровья",
                   "Первые шаги в профессию")
SETTINGS = ("name", "level", "year", "municipality", "description", "nominations_open_on", "nominations_deadline",
            "self_nomination", "young_teachers_only", "max_age", "min_tenure_years", "max_tenure_years", "positions",
            "aggregation", "tie_break", "winners", "prize_winners", "next_level")


@dataclass
class CriterionSpec:
    name: str
    max_score: int
    weight: Decimal = Decimal("1")


def setting_up_municipalities(user: User) -> QuerySet[Municipality]:
    """Where the user's methodical centre sets competitions up."""
    held = RoleAssignment.objects.active().filter(user=user, role=Role.METHODIST, municipality__isnull=False)
    return Municipality.objects.filter(pk__in=held.values("municipality_id"))


def is_member(user: User, competition: Competition, role: str) -> bool:
    return user.is_authenticated and CompetitionMember.objects.active().filter(
        competition=competition, person=user, role=role).exists()


def may_set_up(user: User, competition: Competition | None = None) -> bool:
    """A new competition: a municipal methodist; an existing one: its municipality's methodist or its
    organising committee."""
    if competition is None or competition.pk is None:
        return user.is_authenticated and setting_up_municipalities(user).exists()
    return may(user, "manage", competition) or is_member(user, competition, MemberRole.COMMITTEE)


def visible_competitions(user: User) -> QuerySet[Competition]:
    """The competitions the user sees: by role (methodist, officer, auditor), as a member, and those open
    for nominations to directors and teachers of their municipality."""
    seen = visible(user, "view", Competition.objects.all())
    if not user.is_authenticated:
        return seen
    municipalities = RoleAssignment.objects.active().filter(user=user, organisation__isnull=False).values(
        "organisation__municipality")
    open_here = Competition.objects.filter(status__in=(Competition.Status.NOMINATIONS, Competition.Status.ROUNDS,
                                                       Competition.Status.RESULTS),
                                           municipality__in=municipalities)
    return (seen | open_here).distinct().select_related("municipality")


def refuse_unless_setting_up(user: User, competition: Competition) -> None:
    if not may_set_up(user, competition):
        raise Refused(_("Only the organising committee and the municipality's methodical centre set the "
                        "competition up."), "not_the_committee")


def jury_members(competition: Competition) -> QuerySet[User]:
    members = CompetitionMember.objects.active().filter(competition=competition, role=MemberRole.JURY)
    return User.objects.filter(pk__in=members.values("person_id"), is_active=True).order_by("last_name", "pk")


def validate_settings(competition: Competition) -> None:
    errors: dict[str, list[str]] = {}
    try:
        competition.full_clean(exclude=["next_level"])
    except ValidationError as error:
        errors.update(error.message_dict)
    opens, deadline = competition.nominations_open_on, competition.nominations_deadline
    if opens and deadline and timezone.localtime(deadline).date() < opens:
        errors.setdefault("nominations_deadline", []).append(_("The deadline is before nominations open."))
    low, high = competition.min_tenure_years, competition.max_tenure_years
    if low is not None and high is not None and low > high:
        errors.setdefault("max_tenure_years", []).append(_("The maximum is below the minimum."))
    if competition.next_level_id and (competition.next_level_id == competition.pk or
                                      competition.next_level.year < competition.year):
        errors.setdefault("next_level", []).append(_("Choose a competition of the next level, not earlier."))
    if not isinstance(competition.positions, list) or not all(isinstance(item, str) for item in competition.positions):
        errors.setdefault("positions", []).append(_("A list of positions."))
    if errors:
        raise ValidationError(errors)


def set_members(competition: Competition, role: str, people: Iterable[User]) -> None:
    """The committee or the jury as given: newcomers from today, those left out no longer (a membership
    begun today is deleted, an older one ends yesterday)."""
    today = timezone.localdate()
    wanted = {person.pk for person in people}
    current = CompetitionMember.objects.active().filter(competition=competition, role=role)
    for member in current:
        if member.person_id in wanted:
            wanted.discard(member.person_id)
        elif member.valid_from >= today:
            member.delete()
        else:
            member.valid_until = today - timedelta(days=1)
            member.save(update_fields=["valid_until"])
    for person_id in wanted:
        CompetitionMember.objects.create(competition=competition, person_id=person_id, role=role, valid_from=today)


@transaction.atomic
def save_competition(competition: Competition, user: User, *, nominations: Sequence[str] | None = None,
                     committee: Iterable[User] | None = None, jury: Iterable[User] | None = None) -> Competition:
    """Create or change the competition's settings, its nominations (their names, in order) and its organising
    committee and jury; nothing is saved when anything is refused."""
    if competition.pk is None:
        if not may_set_up(user) or not setting_up_municipalities(user).filter(pk=competition.municipality_id).exists():
            raise Refused(_("A methodist of the municipality's methodical centre sets a competition up."),
                          "not_a_methodist")
    else:
        refuse_unless_setting_up(user, competition)
    validate_settings(competition)
    names = None
    if nominations is not None:
        names = list(dict.fromkeys(name.strip() for name in nominations if name.strip()))
        if any(len(name) > 300 for name in names):
            raise ValidationError({"nominations": _("A nomination's name is at most 300 characters.")})
    with acting_as(user):
        competition.save()
        if names is not None:
            competition.nominations.exclude(name__in=names).filter(entries__isnull=True).delete()
            for name in names:
                Nomination.objects.get_or_create(competition=competition, name=name)
        if committee is not None:
            set_members(competition, MemberRole.COMMITTEE, committee)
        if jury is not None:
            set_members(competition, MemberRole.JURY, jury)
    return competition


def validate_criteria(criteria: Sequence[CriterionSpec]) -> None:
    errors: dict[str, list[str]] = {}
    if not criteria:
        errors["criteria"] = [_("Add at least one criterion.")]
    for index, spec in enumerate(criteria):
        item = RoundCriterion(position=index + 1, name=spec.name, max_score=spec.max_score, weight=spec.weight)
        try:
            item.full_clean(exclude=["round"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors[f"criteria[{index}].{field}"] = messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_round(round_: Round, user: User, *, criteria: Sequence[CriterionSpec], jury: Iterable[User]) -> Round:
    """A round with its form, dates and place, its cut-off, its weighted criteria (replacing the earlier ones
    while nobody has scored) and its jury, of the competition's jury members."""
    competition = round_.competition
    refuse_unless_setting_up(user, competition)
    if round_.status != Round.Status.PENDING:
        raise ValidationError({"status": _("A round being scored or closed is not changed.")})
    if round_.pk is None and not round_.position:
        round_.position = (competition.rounds.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    jury = list(jury)
    errors: dict[str, list[str]] = {}
    try:
        round_.full_clean(exclude=["competition", "jury"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if round_.starts_on and round_.ends_on and round_.ends_on < round_.starts_on:
        errors.setdefault("ends_on", []).append(_("The round ends before it starts."))
    if round_.advance_top is not None and round_.advance_threshold is not None:
        errors.setdefault("advance_threshold", []).append(_("Either the top N or a threshold, not both."))
    outsiders = {person.pk for person in jury} - set(jury_members(competition).values_list("pk", flat=True))
    if outsiders:
        errors.setdefault("jury", []).append(_("Only members of the competition's jury judge a round."))
    if errors:
        raise ValidationError(errors)
    validate_criteria(criteria)
    with acting_as(user):
        round_.save()
        round_.jury.set(jury)
        round_.criteria.all().delete()
        for position, spec in enumerate(criteria, start=1):
            RoundCriterion.objects.create(round=round_, position=position, name=spec.name, max_score=spec.max_score,
                                          weight=spec.weight)
    return round_


def open_nominations(competition: Competition, user: User) -> Competition:
    """The competition accepts nominations: it has rounds with criteria and a deadline still ahead."""
    refuse_unless_setting_up(user, competition)
    errors: dict[str, str] = {}
    if competition.status != Competition.Status.SETUP:
        errors["status"] = _("The competition is no longer being set up.")
    if not competition.nominations_deadline or competition.nominations_deadline <= timezone.now():
        errors["nominations_deadline"] = _("Set a deadline for nominations still ahead.")
    rounds = list(competition.rounds.prefetch_related("criteria"))
    if not rounds:
        errors["rounds"] = _("Add at least one round.")
    elif any(not item.criteria.all() for item in rounds):
        errors["rounds"] = _("Every round needs its criteria.")
    if errors:
        raise ValidationError(errors)
    with acting_as(user):
        competition.status = Competition.Status.NOMINATIONS
        competition.save(update_fields=["status"])
    return competition
