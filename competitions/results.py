"""The results of a competition's rounds (domain.md §2.5; [000:261]): closing a round once every score is in
computes each contestant's score by the competition's aggregation, the ranking with ties flagged and broken
by the tie-break rule, who goes on and who is eliminated, and each juror's deviation from the panel; the
last round's closing ranks the contestants overall (the further they got, the higher; then the sum of
their rounds) and sets their placements.

Every computation reads one query per table (criteria, reviews, the previous results) and writes in bulk:
a round of 500 contestants scored by 10 jurors is a handful of statements.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.bulk_history import create_recorded, update_recorded, update_values
from accounts.history import acting_as
from accounts.models import User
from scoring.models import ExpertAssignment

from .aggregation import Ranked, advancing, aggregate, deviations, placement, rank, weighted_total
from .jury import lock_round, refuse_if_frozen, require_committee, round_assignments
from .models import Competition, Entry, Placement, Round, RoundResult, TieBreak

# A juror whose totals differ from the panel's mean by more than this share of the round's maximum is flagged.
DEVIATION_SHARE = Decimal("0.15")


def weights(round_: Round) -> dict[int, Decimal]:
    return dict(round_.criteria.values_list("pk", "weight"))


def submitted_scores(round_: Round) -> list[tuple[int, int, dict]]:
    """`(juror, entry, scores)` of every submitted sheet line of the round (one query)."""
    return list(round_assignments(round_).filter(status=ExpertAssignment.Status.REVIEWED).values_list(
        "expert_id", "object_id", "review__scores"))


def juror_totals(round_: Round, weights_: dict[int, Decimal],
                 rows: list[tuple[int, int, dict]] | None = None) -> dict[int, dict[int, Decimal]]:
    """`totals[juror][entry]`: each juror's weighted total of each contestant they scored (submitted)."""
    totals: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for juror, entry, scores in submitted_scores(round_) if rows is None else rows:
        totals[juror][entry] = weighted_total(scores or {}, weights_)
    return totals


def criterion_keys(round_: Round, rule: str, top: dict[int, Decimal]) -> dict[int, Decimal]:
    """What the tie-break compares in the round: the panel's score on the criterion of the highest weight
    (TOP_CRITERION), or the contestant's score in the previous round (LAST_ROUND)."""
    if rule == TieBreak.TOP_CRITERION:
        return top
    if rule == TieBreak.LAST_ROUND:
        return dict(RoundResult.objects.filter(round__competition_id=round_.competition_id,
                                               round__position=round_.position - 1).values_list("entry_id", "score"))
    return {}


# Each juror's weighted total and top-criterion score of each contestant, computed by PostgreSQL from the
# sheets' JSON: a large round's 5 000 sheet lines come back as short rows, not as decoded documents.
TOTALS_SQL = """
SELECT assignment.expert_id, assignment.object_id, {total}, {top}
FROM scoring_expertassignment assignment JOIN scoring_review review ON review.assignment_id = assignment.id
WHERE assignment.id IN ({assignments})
"""
CELL_SQL = "%s * COALESCE((review.scores ->> %s)::numeric, 0)"


def sheet_totals(round_: Round, weights_: dict[int, Decimal]) -> list[tuple[int, int, Decimal, Decimal]]:
    """`(juror, entry, weighted total, weighted score on the top criterion)` of every submitted sheet line."""
    top = max(weights_, key=lambda pk: (weights_[pk], -pk)) if weights_ else None
    if connection.vendor == "postgresql":
        assignments, params = round_assignments(round_).filter(
            status=ExpertAssignment.Status.REVIEWED).values("pk").query.sql_with_params()
        cells = [[weight, str(pk)] for pk, weight in weights_.items()]
        sql = TOTALS_SQL.format(total=" + ".join([CELL_SQL] * len(cells)) or "0",
                                top=CELL_SQL if top else "0", assignments=assignments)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*(value for cell in cells for value in cell),
                                 *([weights_[top], str(top)] if top else []), *params])
            return cursor.fetchall()
    key = str(top)
    return [(juror, entry, weighted_total(scores or {}, weights_),
             weights_[top] * int((scores or {}).get(key, 0)) if top else Decimal(0))
            for juror, entry, scores in submitted_scores(round_)]


def compute(round_: Round) -> tuple[list[Ranked], set[int], dict[int, Decimal]]:
    """The round's ranking, who goes on and each contestant's top-criterion score, from the submitted scores
    (nothing written)."""
    competition = round_.competition
    by_entry: dict[int, list[Decimal]] = defaultdict(list)
    by_entry_top: dict[int, list[Decimal]] = defaultdict(list)
    for _juror, entry, total, top_score in sheet_totals(round_, weights(round_)):
        by_entry[entry].append(total)
        by_entry_top[entry].append(top_score)
    top = {entry: aggregate(values, competition.aggregation) for entry, values in by_entry_top.items()}
    keys = criterion_keys(round_, competition.tie_break, top)
    ranked = rank([Ranked(entry, aggregate(values, competition.aggregation), keys.get(entry))
                   for entry, values in by_entry.items()], competition.tie_break)
    last = not competition.rounds.filter(position__gt=round_.position).exists()
    going_on = set() if last else advancing(ranked, round_.advance_top, round_.advance_threshold)
    return ranked, going_on, top


def close_round(round_: Round, user: User) -> list[RoundResult]:
    """The committee closes the round once every juror has submitted: its results are written, those not
    going on are eliminated, and after the last round the contestants are ranked overall."""
    competition = round_.competition
    require_committee(user, competition)
    with transaction.atomic(), acting_as(user):
        refuse_if_frozen(competition)
        lock_round(round_, [Round.Status.SCORING], _("The round is not being scored now."))
        waiting = round_assignments(round_).filter(status=ExpertAssignment.Status.ASSIGNED).count()
        if waiting:
            raise ValidationError({"round": ValidationError(
                _("%(count)d scoring sheets are not submitted yet.") % {"count": waiting}, code="scores_missing")})
        rows, going_on, top = compute(round_)
        results = create_recorded([
            RoundResult(round=round_, entry_id=row.entry, score=row.score, rank=row.rank, tied=row.tied,
                        tie_break_note=row.note, advanced=row.entry in going_on, top_criterion=top.get(row.entry))
            for row in rows], user)
        if competition.rounds.filter(position__gt=round_.position).exists():
            out = list(Entry.objects.filter(pk__in=[row.entry for row in rows if row.entry not in going_on]))
            for entry in out:
                entry.status = Entry.Status.ELIMINATED
            update_recorded(out, ["status"], user)
        else:
            rank_overall(competition, user)
        round_.status, round_.closed_at = Round.Status.CLOSED, timezone.now()
        round_.save(update_fields=["status", "closed_at"])
    return results


def rank_overall(competition: Competition, user: User) -> list[Ranked]:
    """Every contestant who took part, ranked: the rounds they reached, then the sum of their round scores,
    ties broken by the competition's rule on their last round — its score (LAST_ROUND) or its top criterion
    (TOP_CRITERION) — or shared (COMMITTEE); the placements by the competition's counts."""
    rounds: dict[int, dict[int, tuple[Decimal, Decimal | None]]] = defaultdict(dict)
    for entry, position, score, top in RoundResult.objects.filter(round__competition=competition).values_list(
            "entry_id", "round__position", "score", "top_criterion"):
        rounds[entry][position] = (score, top)
    groups: dict[int, list[Ranked]] = defaultdict(list)
    for entry, by_position in rounds.items():
        reached = max(by_position)
        score, top = by_position[reached]
        key = {TieBreak.LAST_ROUND: score, TieBreak.TOP_CRITERION: top}.get(competition.tie_break)
        groups[reached].append(Ranked(entry, sum((score for score, _top in by_position.values()), Decimal(0)), key))
    ordered: list[Ranked] = []
    rule = competition.tie_break
    for reached_ in sorted(groups, reverse=True):
        offset = len(ordered)
        for row in rank(groups[reached_], rule):
            row.rank += offset
            ordered.append(row)
    update_values(Entry, ["total", "rank", "placement"], {
        row.entry: (row.score, row.rank, placement(row.rank, competition.winners, competition.prize_winners))
        for row in ordered}, user)
    return ordered


@dataclass
class RoundRow:
    """A line of a round's results as pages, the API and the protocol show them."""

    entry: Entry
    score: Decimal
    rank: int
    tied: bool
    tie_break_note: str
    advanced: bool


def round_table(round_: Round) -> list[RoundRow]:
    """The round's results in rank order (one query)."""
    return [RoundRow(result.entry, result.score, result.rank, result.tied, result.tie_break_note, result.advanced)
            for result in RoundResult.objects.filter(round=round_).select_related(
                "entry__nominee", "entry__organisation").order_by("rank", "entry__number")]


@dataclass
class JurorDeviation:
    juror: User
    deviation: Decimal
    scored: int
    flagged: bool


def juror_deviations(round_: Round) -> list[JurorDeviation]:
    """Each juror's mean absolute difference from the panel's mean, flagged above `DEVIATION_SHARE` of the
    round's maximum weighted total: for the committee."""
    weights_ = weights(round_)
    maximum = sum((criterion.max_score * criterion.weight for criterion in round_.criteria.all()), Decimal(0))
    totals = juror_totals(round_, weights_)
    figures = deviations(totals)
    people = User.objects.in_bulk(list(figures))
    return [JurorDeviation(people[juror], figure, len(totals[juror]), figure > maximum * DEVIATION_SHARE)
            for juror, figure in sorted(figures.items(), key=lambda item: -item[1])]


@dataclass
class FinalRow:
    entry: Entry
    rounds: list[Decimal | None]
    total: Decimal | None
    rank: int | None
    placement: str


def final_table(competition: Competition) -> list[FinalRow]:
    """The overall ranking with each round's score (two queries)."""
    positions = list(competition.rounds.order_by("position").values_list("position", flat=True))
    scores = {(entry, position): score for entry, position, score in RoundResult.objects.filter(
        round__competition=competition).values_list("entry_id", "round__position", "score")}
    entries = Entry.objects.filter(competition=competition, rank__isnull=False).select_related(
        "nominee", "organisation", "prepared_by").order_by("rank", "number")
    return [FinalRow(entry, [scores.get((entry.pk, position)) for position in positions], entry.total, entry.rank,
                     entry.placement or Placement.PARTICIPANT) for entry in entries]
