"""The arithmetic of the results against a hand-built table of scores with known answers.

Two criteria (maximum 10 each, weights 1 and 2), three jurors, two contestants:

|            | juror 1 | juror 2 | juror 3 | sum | mean  | trimmed mean |
|------------|---------|---------|---------|-----|-------|--------------|
| contestant A | 8, 9 → 26 | 7, 7 → 21 | 10, 10 → 30 | 77 | 25.67 | 26 |
| contestant B | 5, 5 → 15 | 6, 8 → 22 | 9, 6 → 21  | 58 | 19.33 | 21 |
"""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from competitions.aggregation import Ranked, advancing, aggregate, deviations, placement, rank, weighted_total
from competitions.jury import open_round
from competitions.models import Aggregation, Placement, RoundResult, TieBreak
from competitions.results import close_round, juror_deviations
from competitions.scores import own_assignments, save_scores
from tests.competitions.jury_world import jury_world, make_round

TABLE = {"A": [(8, 9), (7, 7), (10, 10)], "B": [(5, 5), (6, 8), (9, 6)]}
EXPECTED = {
    Aggregation.SUM: {"A": Decimal("77.00"), "B": Decimal("58.00")},
    Aggregation.MEAN: {"A": Decimal("25.67"), "B": Decimal("19.33")},
    Aggregation.TRIMMED_MEAN: {"A": Decimal("26.00"), "B": Decimal("21.00")},
}
WEIGHTS = {1: Decimal("1"), 2: Decimal("2")}


def totals_of(name: str) -> list[Decimal]:
    return [weighted_total({"1": first, "2": second}, WEIGHTS) for first, second in TABLE[name]]


def test_a_jurors_total_weighs_each_criterion():
    assert totals_of("A") == [Decimal(26), Decimal(21), Decimal(30)]
    assert totals_of("B") == [Decimal(15), Decimal(22), Decimal(21)]


@pytest.mark.parametrize("rule", list(Aggregation))
def test_each_aggregation_rule_gives_the_known_answer(rule):
    assert {name: aggregate(totals_of(name), rule) for name in TABLE} == EXPECTED[rule]


def test_the_trimmed_mean_drops_one_highest_and_one_lowest_score():
    assert aggregate([Decimal(10), Decimal(20), Decimal(30), Decimal(100)], Aggregation.TRIMMED_MEAN) == Decimal(25)
    assert aggregate([Decimal(10), Decimal(20)], Aggregation.TRIMMED_MEAN) == Decimal(15)  # nothing to drop


def test_each_jurors_deviation_is_their_mean_distance_from_the_panel():
    totals = {juror: {name: totals_of(name)[juror] for name in TABLE} for juror in range(3)}

    assert deviations(totals) == {0: Decimal("2.33"), 1: Decimal("3.67"), 2: Decimal("3.00")}


def rows(*pairs):
    return [Ranked(name, Decimal(score), None if key is None else Decimal(key)) for name, score, key in pairs]


def test_a_tie_is_flagged_and_broken_by_the_last_round():
    ranked = rank(rows(("a", 30, None), ("b", 25, 8), ("c", 25, 9), ("d", 20, 1)), TieBreak.LAST_ROUND)

    assert [(row.entry, row.rank, row.tied) for row in ranked] == [
        ("a", 1, False), ("c", 2, True), ("b", 3, True), ("d", 4, False)]
    assert "25" in ranked[1].note and "9" in ranked[1].note


def test_a_tie_the_rule_cannot_break_shares_the_place():
    committee = rank(rows(("a", 30, None), ("b", 25, 8), ("c", 25, 9), ("d", 20, 1)), TieBreak.COMMITTEE)
    equal = rank(rows(("b", 25, 8), ("c", 25, 8), ("d", 20, 1)), TieBreak.LAST_ROUND)

    assert [(row.entry, row.rank) for row in committee] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]
    assert [row.rank for row in equal] == [1, 1, 3] and equal[0].tied and equal[1].note


def test_advancement_by_top_keeps_a_tie_at_the_cut_and_by_threshold():
    ranked = rank(rows(("a", 30, None), ("b", 25, None), ("c", 25, None), ("d", 20, None)), TieBreak.COMMITTEE)

    assert advancing(ranked, 2, None) == {"a", "b", "c"}
    assert advancing(ranked, None, Decimal(26)) == {"a"}
    assert advancing(ranked, None, None) == {"a", "b", "c", "d"}


def test_placements_follow_the_competitions_counts():
    assert [placement(rank_, 1, 2) for rank_ in (1, 2, 3, 4)] == [
        Placement.WINNER, Placement.PRIZE_WINNER, Placement.PRIZE_WINNER, Placement.PARTICIPANT]


@pytest.mark.django_db
@pytest.mark.parametrize("rule", list(Aggregation))
def test_closing_a_round_computes_the_table_by_the_competitions_rule(rule):
    world = jury_world(contestants=2, aggregation=rule, rounds=1)
    world.rounds[0].delete()
    round_ = make_round(world.competition, 1, world.jurors, criteria=((10, "1"), (10, "2")))
    first, second = round_.criteria.all()
    a, b = world.contestants
    open_round(round_, world.committee)
    for index, juror in enumerate(world.jurors):
        assignments = {row.object_id: row.pk for row in own_assignments(round_, juror)}
        save_scores(round_, juror, {
            assignments[entry.pk]: {first.pk: TABLE[name][index][0], second.pk: TABLE[name][index][1]}
            for name, entry in (("A", a), ("B", b))}, submit=True)

    close_round(round_, world.committee)

    scores = dict(RoundResult.objects.filter(round=round_).values_list("entry_id", "score"))
    assert scores == {a.pk: EXPECTED[rule]["A"], b.pk: EXPECTED[rule]["B"]}
    deviation = {row.juror: row.deviation for row in juror_deviations(round_)}
    assert deviation == {world.jurors[0]: Decimal("2.33"), world.jurors[1]: Decimal("3.67"),
                         world.jurors[2]: Decimal("3.00")}


@pytest.mark.django_db
def test_the_overall_ranking_breaks_a_tie_by_the_top_criterion_of_the_last_round_and_records_it_in_history():
    world = jury_world(contestants=2, tie_break=TieBreak.TOP_CRITERION, rounds=1)
    round_ = world.rounds[0]
    light, heavy = round_.criteria.order_by("weight")  # weights 1 and 2: the heavier is the top criterion
    a, b = world.contestants
    open_round(round_, world.committee)
    for juror in world.jurors:
        assignments = {row.object_id: row.pk for row in own_assignments(round_, juror)}
        # A: 4 + 2×3 = 10, B: 2 + 2×4 = 10 — equal totals, B higher on the top criterion.
        save_scores(round_, juror, {assignments[a.pk]: {light.pk: 4, heavy.pk: 3},
                                    assignments[b.pk]: {light.pk: 2, heavy.pk: 4}}, submit=True)

    close_round(round_, world.committee)

    a.refresh_from_db(), b.refresh_from_db()
    assert (b.rank, b.total, b.placement) == (1, Decimal("10.00"), Placement.WINNER)
    assert (a.rank, a.total, a.placement) == (2, Decimal("10.00"), Placement.PRIZE_WINNER)
    assert RoundResult.objects.get(entry=b).top_criterion == Decimal("8.00")
    last = b.history.latest()
    assert (last.history_type, last.history_user, last.rank, last.placement) == (
        "~", world.committee, 1, Placement.WINNER)
    created = RoundResult.history.filter(entry_id=a.pk).get()
    assert (created.history_type, created.history_user, created.rank) == ("+", world.committee, 2)


@pytest.mark.django_db
def test_a_round_nobody_can_score_a_contestant_in_does_not_open():
    world = jury_world(contestants=2, rounds=1)
    round_ = world.rounds[0]
    a = world.contestants[0]
    for juror in [*world.jurors, world.reserve]:  # every juror works at the contestant's school
        juror.organisation = a.organisation
        juror.save(update_fields=["organisation"])

    with pytest.raises(ValidationError) as refused:
        open_round(round_, world.committee)

    assert "конфликта интересов" in str(refused.value)
    round_.refresh_from_db()
    assert round_.status == round_.Status.PENDING and not own_assignments(round_, world.jurors[0]).exists()
