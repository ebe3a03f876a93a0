"""Mentoring pairs of the demo's first school in every municipality, set by its director's own orders
(domain.md §2.6; [004:28,75], [001:183]), driven through `mentoring.services` as the people who act:
pairs of the first order ended with the evaluation of their term, pairs of the second order active, and
reverse-mentoring pairs proposed and waiting for an order. A school that has pairs is left alone, so a
second run adds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Municipality, User
from mentoring import services
from mentoring.models import Mentorship
from orders.services import sign_order

WORDS = ("director", "mentor", "teacher", "lead")


@dataclass(frozen=True)
class PairPlan:
    mentor: str  # the demo person's role word
    mentee: str
    kind: str
    competence: str = ""


ENDED = [PairPlan("lead", "teacher", Mentorship.Kind.YOUNG_SPECIALIST),
         PairPlan("mentor", "teacher", Mentorship.Kind.DIFFICULTIES)]
ACTIVE = [PairPlan("mentor", "teacher", Mentorship.Kind.YOUNG_SPECIALIST),
          PairPlan("lead", "mentor", Mentorship.Kind.COMPETENCE, "Формирующее оценивание на уроках математики")]
PROPOSED = [PairPlan("teacher", "mentor", Mentorship.Kind.REVERSE),
            PairPlan("teacher", "lead", Mentorship.Kind.REVERSE)]
EVALUATIONS = {
    Mentorship.Kind.YOUNG_SPECIALIST: (Mentorship.Result.SUFFICIENT, "Молодой специалист освоил планирование уроков "
                                       "и ведение документации; рекомендовано продолжить наставничество."),
    Mentorship.Kind.DIFFICULTIES: (Mentorship.Result.HIGH, "Затруднения в организации групповой работы преодолены: "
                                   "открытый урок проведён на высоком уровне."),
}


def seed_mentoring(cases: bool = True) -> int:
    """The first school's mentoring pairs in every demo municipality; how many pairs were added."""
    if not cases:
        return 0
    made = 0
    today = timezone.localdate()
    for municipality in Municipality.objects.exclude(slug="").order_by("pk"):
        people = {word: User.objects.filter(username=f"{word}.{municipality.slug}").first() for word in WORDS}
        if None in people.values() or Mentorship.objects.filter(organisation=people["director"].organisation).exists():
            continue
        made += live_in_mentoring(people, today)
    return made


def live_in_mentoring(people: dict[str, User], today: date) -> int:
    director = people["director"]
    school = director.organisation
    # The demo's roles start on 1 September of last year: the director's first order is of that day.
    first = date(today.year - 1, 9, 1)
    term_end = min(date(first.year + 1, 5, 31), today)
    ended = _set_by_order(people, ENDED, first, date(first.year + 1, 5, 31))
    for pair in ended:
        result, evaluation = EVALUATIONS[pair.kind]
        services.end_pair(pair, director, ended_on=term_end, result=result, evaluation=evaluation,
                          end_reason="Срок наставничества истёк" if term_end.month == 5 and term_end.day == 31
                          else "Наставник назначен в другую пару")
    start = max(first, date(today.year if today.month >= 9 else today.year - 1, 9, 1))
    _set_by_order(people, ACTIVE, start, date(start.year + 1, 5, 31))
    for plan in PROPOSED:
        _propose(people, plan, start + timedelta(days=30), date(start.year + 1, 5, 31))
    return Mentorship.objects.filter(organisation=school).count()


def _propose(people: dict[str, User], plan: PairPlan, starts_on: date, ends_on: date) -> Mentorship:
    director = people["director"]
    return services.propose_pair(director, director.organisation, mentor=people[plan.mentor],
                                 mentee=people[plan.mentee], kind=plan.kind, competence=plan.competence,
                                 starts_on=starts_on, ends_on=ends_on)


def _set_by_order(people: dict[str, User], plans: list[PairPlan], on: date, ends_on: date) -> list[Mentorship]:
    """The pairs proposed and set by the director's order of `on`, signed; active at once rather than when the
    demo's transaction commits, so that the demo can go on to end them."""
    director = people["director"]
    pairs = [_propose(people, plan, on, ends_on) for plan in plans]
    order = sign_order(services.issue_order(director, director.organisation, pairs, date=on), director)
    services.activate_named(order)
    return [Mentorship.objects.get(pk=pair.pk) for pair in pairs]
