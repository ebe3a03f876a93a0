"""The jury's benchmark: a competition of 500 contestants × 10 jurors × 3 rounds, the jury's scoring page
and the results computation (closing a round: the aggregation, ranking, advancement, deviations), each
timed over repeated requests with its SQL count, against the target p95 ≤ 100 ms.

    tests/postgres_harness.py -- sh -c '.venv/bin/python manage.py migrate -v0 && .venv/bin/python -m bench.competitions'

The computation is timed inside a transaction rolled back after each run, so every run closes the same
round from the same scores.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from decimal import Decimal


def build(contestants: int, jurors: int, rounds: int):
    from django.contrib.auth.hashers import make_password

    from accounts.models import Municipality, Organisation, Region, User
    from competitions.models import Competition, CompetitionMember, Entry, MemberRole, Round, RoundCriterion

    region = Region.objects.create(name="Бенчмарк")
    municipality = Municipality.objects.create(region=region, name="Конкурсный район", slug="bench-contest")
    schools = Organisation.objects.bulk_create([Organisation(municipality=municipality, name=f"Школа {index}",
                                                             short_name=f"Школа {index}") for index in range(50)])
    password = make_password(None)
    people = User.objects.bulk_create([User(username=f"contest.{index}", password=password, last_name="Участник",
                                            first_name=str(index), organisation=schools[index % 40])
                                       for index in range(contestants + jurors + 1)])
    competition = Competition.objects.create(name="Учитель года", year=2026, municipality=municipality,
                                             status=Competition.Status.ROUNDS)
    panel, committee = people[contestants:contestants + jurors], people[-1]
    for index, juror in enumerate(panel):
        juror.organisation = schools[40 + index % 10]
    User.objects.bulk_update(panel, ["organisation"])
    CompetitionMember.objects.bulk_create([CompetitionMember(competition=competition, person=person, role=role,
                                                             valid_from=date(2020, 1, 1))
                                           for person, role in [*((juror, MemberRole.JURY) for juror in panel),
                                                                (committee, MemberRole.COMMITTEE)]])
    from accounts.grants import sync_role_grants

    for person in [*panel, committee]:
        sync_role_grants(person)
    for index, teacher in enumerate(people[:contestants]):
        Entry.objects.create(competition=competition, nominee=teacher, author=teacher, organisation=teacher.organisation,
                             status=Entry.Status.ADMITTED, consent_given_on=date(2026, 1, 10))
    made = []
    for position in range(1, rounds + 1):
        round_ = Round.objects.create(competition=competition, position=position, name=f"Тур {position}",
                                      kind=Round.Kind.ESSAY, advance_top=contestants if position < rounds else None)
        round_.jury.set(panel)
        for order in range(1, 6):
            RoundCriterion.objects.create(round=round_, position=order, name=f"Критерий {order}", max_score=10,
                                          weight=Decimal(order))
        made.append(round_)
    return competition, panel, committee, made


def score(round_, panel) -> None:
    from competitions.scores import own_assignments, save_scores

    criteria = list(round_.criteria.all())
    for juror in panel:
        save_scores(round_, juror, {row.pk: {criterion.pk: (row.object_id * 7 + juror.pk + criterion.pk) % 11
                                             for criterion in criteria}
                                    for row in own_assignments(round_, juror)}, submit=True)


class Rollback(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contestants", type=int, default=500)
    parser.add_argument("--jurors", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from competitions.jury import open_round
    from competitions.results import close_round

    from .measure import count_queries, percentile, timed

    competition, panel, committee, rounds = build(args.contestants, args.jurors, args.rounds)
    for round_ in rounds[:-1]:
        open_round(round_, committee)
        score(round_, panel)
        close_round(round_, committee)
    last = rounds[-1]
    open_round(last, committee)
    score(last, panel)
    client = Client()
    client.force_login(panel[0])
    url = reverse("results:sheet", args=[last.pk])

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def compute():
        try:
            with transaction.atomic():
                close_round(last, committee)
                raise Rollback
        except Rollback:
            last.refresh_from_db()

    rows = []
    for name, call in (("Jury's scoring page", page), ("Results computation (closing a round)", compute)):
        times = timed(call, args.requests, 3)
        rows.append((name, percentile(times, 0.5), percentile(times, 0.95), count_queries(call)))
    print(f"competition: {args.contestants} contestants × {args.jurors} jurors × {args.rounds} rounds")
    print("| | median ms | p95 ms | SQL | target p95 ≤ 100 ms |")
    print("|---|---:|---:|---:|---|")
    for name, median, p95, queries in rows:
        print(f"| {name} | {median:.0f} | {p95:.0f} | {queries} | {'PASS' if p95 <= 100 else 'MISS'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
