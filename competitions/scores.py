"""A juror's scores of a round (domain.md §2.5): the sheet of the contestants assigned to them, a score per
criterion saved as they go and submitted once; independent — nobody reads another juror's scores before
the round closes — and frozen once the results protocol is approved.

Scores are scoring's `Review` of the juror's `ExpertAssignment`, keyed by the `RoundCriterion` id; a saved,
unsubmitted review is the assignment still `assigned`, a submitted one `reviewed`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.history import acting_as
from accounts.models import User
from scoring.models import ExpertAssignment, Review
from workflows.services import CaseConflict

from .jury import is_juror, lock_round, refuse_if_frozen, round_assignments
from .models import Entry, Round, RoundCriterion

Status = ExpertAssignment.Status


@dataclass
class SheetRow:
    assignment: ExpertAssignment
    entry: Entry
    scores: dict[str, int]

    @property
    def submitted(self) -> bool:
        return self.assignment.status == Status.REVIEWED

    def cells(self, criteria: list[RoundCriterion]) -> list[tuple[RoundCriterion, int | None]]:
        return [(criterion, self.scores.get(str(criterion.pk))) for criterion in criteria]


def own_assignments(round_: Round, juror: User):
    return round_assignments(round_).filter(expert=juror).exclude(status=Status.DECLINED)


def sheet(round_: Round, juror: User, rows: slice | None = None) -> list[SheetRow]:
    """The juror's contestants of the round (those of `rows`, a page of the sheet) with the scores they have
    saved: two queries whatever the size (the assignments with their reviews, the entries with their people
    and organisations)."""
    assignments = own_assignments(round_, juror).select_related("review").order_by("object_id")
    assignments = list(assignments[rows] if rows is not None else assignments)
    entries = Entry.objects.filter(pk__in=[row.object_id for row in assignments]).select_related(
        "nominee", "organisation", "nomination").in_bulk()
    return [SheetRow(row, entries[row.object_id], getattr(_review_of(row), "scores", {})) for row in assignments]


def _review_of(assignment: ExpertAssignment) -> Review | None:
    try:
        return assignment.review
    except Review.DoesNotExist:
        return None


def juror_round_or_404(user: User, round_: Round) -> Round:
    """The round, if the user judges a contestant of it; else the 404 of a page that does not exist."""
    if not is_juror(user, round_.competition) or not own_assignments(round_, user).exists():
        raise Http404(_("Not found."))
    return round_


def parse(criteria: list[RoundCriterion], assignments: Mapping[int, ExpertAssignment],
          cells: Mapping) -> dict[int, dict[str, int]]:
    """The scores sent, by assignment and criterion, each a whole number from 0 to the criterion's maximum
    (an empty cell is left as it was). Errors by cell (`score_<assignment>_<criterion>`)."""
    errors: dict[str, str] = {}
    given: dict[int, dict[str, int]] = {}
    for key, scores in cells.items():
        try:
            assignment = assignments[int(key)]
        except (KeyError, TypeError, ValueError):
            errors["scores"] = _("A contestant of the sheet is not yours to score.")
            continue
        if not isinstance(scores, Mapping):
            errors["scores"] = _("Send the scores of a contestant by criterion.")
            continue
        known = {str(criterion.pk) for criterion in criteria}
        if set(map(str, scores)) - known:
            errors["scores"] = _("A criterion is not one of this round's.")
        for criterion in criteria:
            value = scores.get(str(criterion.pk), scores.get(criterion.pk))
            if value in (None, ""):
                continue
            field = f"score_{assignment.pk}_{criterion.pk}"
            try:
                value = int(str(value).strip())
            except ValueError:
                errors[field] = _("Enter a whole number.")
                continue
            if not 0 <= value <= criterion.max_score:
                errors[field] = _("The score for «%(criterion)s» must be from 0 to %(max)d.") % {
                    "criterion": criterion.name, "max": criterion.max_score}
                continue
            given.setdefault(assignment.pk, {})[str(criterion.pk)] = value
    if errors:
        raise ValidationError(errors)
    return given


def _missing(criteria: list[RoundCriterion], assignments: Mapping[int, ExpertAssignment],
             merged: Mapping[int, Mapping[str, int]]) -> dict[str, str]:
    return {f"score_{pk}_{criterion.pk}": _("Give a score for «%(criterion)s».") % {"criterion": criterion.name}
            for pk in assignments for criterion in criteria if str(criterion.pk) not in merged.get(pk, {})}


def save_scores(round_: Round, juror: User, cells: Mapping, *, submit: bool = False) -> list[SheetRow]:
    """Save the juror's scores of the round (all of them or none); with `submit` the sheet is complete and
    handed in — no change after that. Refused once the round is closed or the results approved."""
    juror_round_or_404(juror, round_)
    criteria = list(round_.criteria.all())
    with transaction.atomic(), acting_as(juror):
        refuse_if_frozen(round_.competition)
        lock_round(round_, [Round.Status.SCORING], _("The round is not being scored now."))
        assignments = {row.pk: row for row in own_assignments(round_, juror).select_for_update()}
        if cells and any(row.status == Status.REVIEWED for row in assignments.values()):
            raise CaseConflict(_("You have already submitted your scores of this round."), code="already_done")
        given = parse(criteria, assignments, cells)
        reviews = {review.assignment_id: review for review in Review.objects.filter(assignment__in=list(assignments))}
        merged = {pk: {**(reviews[pk].scores if pk in reviews else {}), **given.get(pk, {})} for pk in assignments}
        if submit:
            missing = _missing(criteria, assignments, merged)
            if missing:
                raise ValidationError(missing)
        _write(assignments, reviews, merged, given, submit)
    return sheet(round_, juror)


def _write(assignments, reviews, merged, given, submit: bool) -> None:
    now = timezone.now()
    created = [Review(assignment=assignments[pk], scores=merged[pk], total=sum(merged[pk].values()),
                      submitted_at=now) for pk in given if pk not in reviews]
    changed = []
    for pk, review in reviews.items():
        if pk in given or submit:
            review.scores, review.total, review.submitted_at = merged[pk], sum(merged[pk].values()), now
            changed.append(review)
    if created:
        bulk_create_with_history(created, Review)
    if changed:
        bulk_update_with_history(changed, Review, ["scores", "total", "submitted_at"])
    if submit:
        for assignment in assignments.values():
            assignment.status = Status.REVIEWED
        bulk_update_with_history(list(assignments.values()), ExpertAssignment, ["status"])


def progress(round_: Round) -> list[tuple[User, int, int]]:
    """Per juror, the contestants of the round they have submitted and those assigned: what the committee
    sees while the round is scored, without a score."""
    counts: dict[int, list[int]] = {}
    for expert_id, status in live_assignments(round_).values_list("expert_id", "status"):
        done, total = counts.get(expert_id, (0, 0))
        counts[expert_id] = [done + (status == Status.REVIEWED), total + 1]
    people = User.objects.in_bulk(list(counts))
    return [(people[pk], done, total) for pk, (done, total) in sorted(counts.items())]


def live_assignments(round_: Round):
    return round_assignments(round_).exclude(status=Status.DECLINED)
