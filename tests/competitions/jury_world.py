"""A competition ready for its rounds: a committee member, three jurors of the rounds and a reserve juror,
each of their own school, and contestants admitted (entries made directly at `admitted`: the entries'
own process is tested in test_entries*)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from accounts.models import Role, User
from competitions.models import (Aggregation, Competition, CompetitionMember, Entry, MemberRole, Round,
                                 RoundCriterion, TieBreak)
from competitions.scores import own_assignments, save_scores
from tests.competitions.entries_world import admitted, entries, membership, school  # noqa: F401  the fixtures
from tests.factories import (CompetitionFactory, CompetitionMemberFactory, MunicipalityFactory, OrganisationFactory,
                             UserFactory, person_with_role)
from tests.school import person


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
    kwargs.setdefault("status", Entry.Status.ADMITTED)
    return Entry.objects.create(competition=competition, nominee=teacher, author=teacher, organisation=school,
                                consent_given_on=date(2026, 1, 10), **kwargs)


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


@pytest.fixture
def contest(entries):  # noqa: F811  through the entries' own process
    """Three admitted contestants (two of the first school, one of the other), three jurors of a third school
    and one of the first school, the competition's reserve juror of the other school."""
    world = entries
    school = world.school
    competition = world.competition
    Competition.objects.filter(pk=competition.pk).update(winners=1, prize_winners=1)
    third = OrganisationFactory(municipality=school.organisation.municipality)
    jurors = [membership(competition, person(f"jury.{index}", Role.TEACHER, third), MemberRole.JURY)
              for index in (1, 2)]
    jurors.append(membership(competition, person("jury.same", Role.TEACHER, school.organisation), MemberRole.JURY))
    first = competition.rounds.get(position=1)
    first.advance_top = 2
    first.save()
    first.jury.set(jurors)
    second = Round.objects.create(competition=competition, position=2, name="Открытый урок",
                                  kind=Round.Kind.OPEN_LESSON)
    RoundCriterion.objects.create(round=second, position=1, name="Методика", max_score=10, weight=Decimal("2"))
    second.jury.set(jurors)
    a = admitted(world)
    b = admitted(world, nominee=school.mentor)
    c = admitted(world, nominee=school.other_teacher, by=school.other_director)
    Competition.objects.filter(pk=competition.pk).update(status=Competition.Status.ROUNDS)
    competition.refresh_from_db()
    return world, jurors, [first, second], [a, b, c]


def score_all(round_, people, values: dict) -> None:
    """Each juror submits `values[entry]` on every criterion of the round for each contestant they have."""
    criteria = list(round_.criteria.all())
    for juror in people:
        mine = list(own_assignments(round_, juror))
        if mine:
            save_scores(round_, juror, {row.pk: {c.pk: values[row.object_id] for c in criteria} for row in mine},
                        submit=True)


