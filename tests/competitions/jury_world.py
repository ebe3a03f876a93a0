"""A competition ready for its rounds: a committee member, three jurors of the rounds and a reserve juror,
each of their own school, and contestants admitted (entries made directly at `admitted`: the entries'
own process is tested in test_entries*)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from accounts.models import Role, User
from competitions.models import (Aggregation, Competition, CompetitionMember, Entry, MemberRole, Round,
                                 RoundCriterion, TieBreak)
from tests.factories import (CompetitionFactory, CompetitionMemberFactory, MunicipalityFactory, OrganisationFactory,
                             UserFactory, person_with_role)


@dataclass
class JuryWorld:
    competition: Competition
    committee: User
    jurors: list[User]
    reserve: User
    contestants: list[Entry]
    rounds: list[Round] = field(default_factory=list)
    methodist: User | None = None


def member(competition: Competition, role: str, person: User | None = None) -> User:
    return CompetitionMemberFactory(competition=competition, role=role,
                                    person=person or UserFactory(organisation=OrganisationFactory(
                                        municipality=competition.municipality))).person


def make_round(competition: Competition, position: int, jurors: list[User], *, criteria=((10, "1"), (10, "2")),
               top: int | None = None, threshold: Decimal | None = None) -> Round:
    round_ = Round.objects.create(competition=competition, position=position, name=f"Тур {position}",
                                  kind=Round.Kind.ESSAY, advance_top=top, advance_threshold=threshold)
    round_.jury.set(jurors)
    for order, (maximum, weight) in enumerate(criteria, start=1):
        RoundCriterion.objects.create(round=round_, position=order, name=f"Критерий {order}", max_score=maximum,
                                      weight=Decimal(weight))
    return round_


def contestant(competition: Competition, **kwargs) -> Entry:
    school = kwargs.pop("organisation", None) or OrganisationFactory(municipality=competition.municipality)
    teacher = UserFactory(organisation=school)
    return Entry.objects.create(competition=competition, nominee=teacher, author=teacher, organisation=school,
                                status=Entry.Status.ADMITTED, consent_given_on=date(2026, 1, 10), **kwargs)


def jury_world(contestants: int = 4, *, aggregation: str = Aggregation.MEAN,
               tie_break: str = TieBreak.LAST_ROUND, rounds: int = 2, top: int | None = None) -> JuryWorld:
    municipality = MunicipalityFactory()
    competition = CompetitionFactory(municipality=municipality, aggregation=aggregation, tie_break=tie_break,
                                     status=Competition.Status.ROUNDS, winners=1, prize_winners=1)
    committee = member(competition, MemberRole.COMMITTEE)
    jurors = [member(competition, MemberRole.JURY) for _ in range(3)]
    reserve = member(competition, MemberRole.JURY)
    world = JuryWorld(competition, committee, jurors, reserve,
                      [contestant(competition) for _ in range(contestants)])
    world.rounds = [make_round(competition, position, jurors, top=top if position < rounds else None)
                    for position in range(1, rounds + 1)]
    world.methodist = person_with_role(Role.METHODIST, municipality=municipality)
    return world


def juror_membership(world: JuryWorld, juror: User) -> CompetitionMember:
    return CompetitionMember.objects.get(competition=world.competition, person=juror, role=MemberRole.JURY)
