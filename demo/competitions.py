"""Professional competitions of the demo region, driven through the product's own services as the people of
each step (domain.md §2.5; seeds [000:195-197], [001:222,240-262], [002:153], [003:269], [004:62]).

Each municipality has last year's competition finished with an approved protocol (a winner, a prize-winner
and a participant, shown on the public results page), this year's competition in its rounds (the first round
closed with one contestant eliminated, an entry refused and one withdrawn) and a second one of this year
taking nominations (a draft, one under admission, one returned for a missing document). A competition
that already holds entries is left as it is: a second run adds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Municipality, Role, User
from competitions import services
from competitions.jury import open_round
from competitions.models import Competition, Entry, MemberRole, Round
from competitions.protocol import approve_protocol, save_protocol
from competitions.results import close_round
from competitions.scores import own_assignments, save_scores
from competitions.setup_services import (
    CriterionSpec,
    open_nominations,
    save_competition,
    save_round,
)

NOMINATIONS = ("Учитель основной школы", "Учитель начальных классов")
OPEN_NAME = "Сердце отдаю детям"  # [000:196]
ROUNDS = (
    ("Заочный тур: портфолио", Round.Kind.PORTFOLIO,
     (CriterionSpec("Актуальность педагогического опыта", 10), CriterionSpec("Результативность", 10, Decimal(2)))),
    ("Открытый урок", Round.Kind.OPEN_LESSON,
     (CriterionSpec("Методическая грамотность", 10), CriterionSpec("Творческий подход", 10))),
    ("Мастер-класс", Round.Kind.MASTER_CLASS, (CriterionSpec("Оригинальность и практическая значимость", 10),)),
)


@dataclass(frozen=True)
class Cast:
    methodist: User
    director: User
    committee: User
    jurors: list[User]
    nominees: list[User]  # teachers of the director's school, the best first


def cast_of(slug: str) -> Cast:
    people = {user.username: user for user in User.objects.filter(username__endswith=f".{slug}")}

    def one(word: str) -> User:
        return people[f"{word}.{slug}"]

    return Cast(one(Role.METHODIST), one(Role.DIRECTOR), one(MemberRole.COMMITTEE),
                [one(MemberRole.JURY), one(Role.EXPERT)], [one(Role.TEACHER), one(Role.MENTOR), one(Role.LEAD)])


def set_up_competition(competition: Competition, cast: Cast, rounds: int,
                       advance_top: int | None = None) -> list[Round]:
    """Nominations, committee, jury, rounds with criteria, the schedule; then open for nominations."""
    today = timezone.localdate()
    competition.nominations_open_on = today - timedelta(days=20)
    competition.nominations_deadline = timezone.now() + timedelta(days=14)
    competition.description = "Положение о конкурсе утверждено приказом управления образования."
    save_competition(competition, cast.methodist, nominations=NOMINATIONS, committee=[cast.committee],
                     jury=cast.jurors)
    made = []
    for position, (name, kind, criteria) in enumerate(ROUNDS[:rounds], start=1):
        starts = today + timedelta(days=20 + 10 * position)
        round_ = Round(competition=competition, position=position, name=name, kind=kind, starts_on=starts,
                       ends_on=starts + timedelta(days=2), place=competition.municipality.name,
                       advance_top=advance_top if position == 1 else None)
        made.append(save_round(round_, cast.methodist, criteria=criteria, jury=cast.jurors))
    open_nominations(competition, cast.methodist)
    return made


def _nominate(competition: Competition, cast: Cast, nominee: User, *, consent: bool = True) -> Entry:
    entry = Entry(competition=competition, nominee=nominee, nomination=competition.nominations.first(),
                  about=f"{nominee.position}, {nominee.subject}",
                  consent_given_on=timezone.localdate() - timedelta(days=15) if consent else None)
    return services.save_entry(entry, cast.director)


def _admitted(competition: Competition, cast: Cast, nominee: User) -> Entry:
    entry = services.submit(_nominate(competition, cast, nominee), cast.director)
    services.admit(entry, cast.committee, "approve")
    return entry


def _score_and_close(round_: Round, cast: Cast, scores: dict[int, int]) -> None:
    """Each juror scores every contestant they have, the committee closes the round."""
    open_round(round_, cast.committee)
    for offset, juror in enumerate(cast.jurors):
        criteria = list(round_.criteria.all())
        cells = {row.pk: {criterion.pk: max(scores[row.object_id] - offset, 0) for criterion in criteria}
                 for row in own_assignments(round_, juror)}
        if cells:
            save_scores(round_, juror, cells, submit=True)
    close_round(round_, cast.committee)


def _finished(municipality: Municipality, name: str, cast: Cast) -> None:
    """Last year's competition: three contestants through two rounds, the protocol approved."""
    year = timezone.localdate().year - 1
    competition, _created = Competition.objects.get_or_create(municipality=municipality, name=name, year=year)
    if competition.entries.exists():
        return
    competition.prize_winners = 1  # the third contestant finishes as a participant
    rounds = set_up_competition(competition, cast, rounds=2)
    entries = [_admitted(competition, cast, nominee) for nominee in cast.nominees]
    for round_, base in zip(rounds, (9, 8)):
        _score_and_close(round_, cast, {entry.pk: base - index for index, entry in enumerate(entries)})
    save_protocol(competition, cast.committee, number="12", date_=date(year, 3, 20),
                  text="Утвердить итоги конкурса и наградить победителя и призёра.")
    approve_protocol(competition, cast.committee)
    # Held last year: its schedule says so.
    Competition.objects.filter(pk=competition.pk).update(
        nominations_open_on=date(year, 1, 15), nominations_deadline=timezone.make_aware(
            timezone.datetime(year, 2, 10, 18)))
    for round_, month in zip(rounds, (2, 3)):
        Round.objects.filter(pk=round_.pk).update(starts_on=date(year, month, 1), ends_on=date(year, month, 3))


def _in_rounds(competition: Competition, cast: Cast) -> None:
    """This year's: a refusal and a withdrawal, three admitted, the first round closed with one eliminated."""
    if competition.entries.exists():
        return
    rounds = set_up_competition(competition, cast, rounds=3, advance_top=2)
    teacher = cast.nominees[0]
    refused = services.submit(_nominate(competition, cast, teacher), cast.director)
    services.admit(refused, cast.committee, "reject", "Стаж работы не соответствует положению о конкурсе.")
    withdrawn = services.submit(_nominate(competition, cast, cast.nominees[2]), cast.director)
    services.withdraw(withdrawn, cast.nominees[2], "Участвую в региональном этапе другого конкурса.")
    entries = [_admitted(competition, cast, nominee) for nominee in cast.nominees]
    _score_and_close(rounds[0], cast, {entry.pk: 9 - index for index, entry in enumerate(entries)})


def _taking_nominations(municipality: Municipality, cast: Cast) -> None:
    """This year's second competition: a draft, one under admission, one returned."""
    competition, _created = Competition.objects.get_or_create(municipality=municipality, name=OPEN_NAME,
                                                              year=timezone.localdate().year)
    if competition.entries.exists():
        return
    set_up_competition(competition, cast, rounds=2)
    teacher, mentor, lead = cast.nominees
    _nominate(competition, cast, teacher, consent=False)
    services.submit(_nominate(competition, cast, mentor), cast.director)
    returned = services.submit(_nominate(competition, cast, lead), cast.director)
    services.admit(returned, cast.committee, "return", "Приложите копию диплома о профессиональной переподготовке.")


def seed_competitions(cases: bool = True) -> None:
    """Every municipality's competitions at every stage (`load_demo` made this year's with its members)."""
    if not cases:
        return
    year = timezone.localdate().year
    for municipality in Municipality.objects.order_by("pk"):
        current = Competition.objects.filter(municipality=municipality, year=year).exclude(name=OPEN_NAME).first()
        if current is None:
            continue
        cast = cast_of(municipality.slug)
        _finished(municipality, current.name, cast)
        _in_rounds(current, cast)
        _taking_nominations(municipality, cast)
