"""The arithmetic of a competition's results, on plain values so a hand-built table can check it: a juror's
weighted total, the panel's score of a contestant by the competition's rule (sum, mean, trimmed mean), the
ranking with ties flagged and broken by the tie-break rule, advancement, placements and each juror's
deviation from the panel."""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from django.utils.translation import gettext as _

from .models import Aggregation, Placement, TieBreak

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def weighted_total(scores: Mapping[str, int], weights: Mapping[int, Decimal]) -> Decimal:
    """A juror's total of one contestant: each criterion's score times its weight (scores keyed by the
    criterion's id as a string, as `Review.scores` keeps them)."""
    return sum((weight * int(scores.get(str(pk), 0)) for pk, weight in weights.items()), Decimal(0))


def aggregate(totals: Sequence[Decimal], rule: str) -> Decimal:
    """The panel's score of a contestant from the jurors' totals. The trimmed mean drops one highest and one
    lowest total; with fewer than three jurors there is nothing to drop and it is the mean."""
    if not totals:
        return Decimal(0)
    values = sorted(Decimal(total) for total in totals)
    if rule == Aggregation.SUM:
        return cents(sum(values, Decimal(0)))
    if rule == Aggregation.TRIMMED_MEAN and len(values) >= 3:
        values = values[1:-1]
    return cents(sum(values, Decimal(0)) / len(values))


@dataclass
class Ranked:
    """A contestant in a ranking: `key` is what the tie-break compares (None: nothing to compare)."""

    entry: Hashable
    score: Decimal
    key: Decimal | None = None
    rank: int = 0
    tied: bool = False
    note: str = ""
    extra: dict = field(default_factory=dict)


def tie_break_label(rule: str) -> str:
    return str(TieBreak(rule).label)


def rank(rows: Iterable[Ranked], rule: str) -> list[Ranked]:
    """Rows ordered by score; equal scores are flagged as a tie and ordered by the tie-break key where the rule
    has one and it differs, else they share the place (the committee decides)."""
    def order(row: Ranked) -> tuple:
        key = row.key if row.key is not None and rule != TieBreak.COMMITTEE else Decimal(0)
        return -row.score, -key

    ordered = sorted(rows, key=order)
    label, position = tie_break_label(rule), 0
    for _score, equal in groupby(ordered, key=lambda row: row.score):
        group = list(equal)
        if len(group) == 1:
            group[0].rank = position + 1
        else:
            _break_tie(group, position, rule, label)
        position += len(group)
    return ordered


def _break_tie(group: list[Ranked], position: int, rule: str, label: str) -> None:
    comparable = rule != TieBreak.COMMITTEE and all(row.key is not None for row in group)
    place = position + 1
    for index, row in enumerate(group):
        row.tied = True
        if comparable and index and row.key < group[index - 1].key:
            place = position + index + 1
        row.rank = place
    shared = {row.rank for row in group}
    for row in group:
        params = {"score": row.score, "rule": label, "key": row.key}
        if len(shared) == len(group):
            row.note = _("Tie at %(score)s broken by %(rule)s: %(key)s.") % params
        elif comparable and len(shared) > 1:
            row.note = _("Tie at %(score)s partly broken by %(rule)s (%(key)s); equal places shared.") % params
        else:
            row.note = _("Tie at %(score)s: the place is shared (%(rule)s).") % params


def advancing(rows: Sequence[Ranked], top: int | None, threshold: Decimal | None) -> set[Hashable]:
    """Who goes on: the best `top` (ties at the cut all go on) and, if set, only those reaching `threshold`;
    neither set — everybody."""
    return {row.entry for row in rows
            if (top is None or row.rank <= top) and (threshold is None or row.score >= threshold)}


def placement(rank_: int, winners: int, prize_winners: int) -> str:
    if rank_ <= winners:
        return Placement.WINNER
    if rank_ <= winners + prize_winners:
        return Placement.PRIZE_WINNER
    return Placement.PARTICIPANT


def deviations(totals: Mapping[Hashable, Mapping[Hashable, Decimal]]) -> dict[Hashable, Decimal]:
    """Each juror's mean absolute difference between their totals and the panel's mean, over the contestants
    they scored: `totals[juror][entry]`."""
    by_entry: dict[Hashable, list[Decimal]] = {}
    for juror_totals in totals.values():
        for entry, total in juror_totals.items():
            by_entry.setdefault(entry, []).append(Decimal(total))
    means = {entry: sum(values, Decimal(0)) / len(values) for entry, values in by_entry.items()}
    return {juror: cents(sum((abs(Decimal(total) - means[entry]) for entry, total in juror_totals.items()),
                             Decimal(0)) / len(juror_totals))
            for juror, juror_totals in totals.items() if juror_totals}
