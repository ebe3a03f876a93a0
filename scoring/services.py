"""Parallel assessment of a case by independent experts, as every scoring process runs it (domain.md §2.3).

A case assessed here is any model with `municipality`, `expertise_round` and `authors()` (and a
`subject`, if experts are matched by it). The process's own services decide when a round opens and
closes and complete its tasks; these functions keep the experts, their reviews and the rules:
proposing experts by subject and load, the conflict of interest, assigning with the grant on the case,
decline and replacement, the score-gap rule, totals and blind-until-complete reading.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from accounts.models import Role, RoleAssignment, User
from workflows.services import CaseConflict

from .models import Criterion, ExpertAssignment, ExpertiseRules, Review

Status = ExpertAssignment.Status
DEFAULT_CRITERIA = [  # domain.md §2.3: relevance, novelty, methodological soundness, practical value, presentation
    (_("relevance"), 10), (_("novelty"), 10), (_("methodological soundness"), 10), (_("practical value"), 10),
    (_("quality of presentation"), 10),
]


def criteria(municipality, purpose: str = "material") -> list[Criterion]:
    """The municipality's criteria of a process, the defaults on first use."""
    found = list(Criterion.objects.filter(municipality=municipality, purpose=purpose))
    if not found:
        found = [Criterion.objects.create(municipality=municipality, purpose=purpose, order=order, name=name,
                                          max_score=maximum)
                 for order, (name, maximum) in enumerate(DEFAULT_CRITERIA, start=1)]
    return found


def expertise_rules(municipality) -> ExpertiseRules:
    return ExpertiseRules.objects.get_or_create(municipality=municipality)[0]


def assignments_of(case: models.Model) -> QuerySet[ExpertAssignment]:
    return ExpertAssignment.objects.filter(content_type=ContentType.objects.get_for_model(case), object_id=case.pk)


def current_round(case: models.Model) -> QuerySet[ExpertAssignment]:
    return assignments_of(case).filter(round=case.expertise_round)


def conflict_of_interest(case: models.Model, expert: User) -> str | None:
    """Why `expert` may not review the case, or None: never an author, never from an author's organisation."""
    authors = case.authors()
    if expert in authors:
        return _("%(expert)s is an author of the material.") % {"expert": expert}
    if expert.organisation_id in {author.organisation_id for author in authors}:
        return _("%(expert)s works in the same organisation as an author.") % {"expert": expert}
    return None


def experts_of(municipality) -> QuerySet[User]:
    holders = RoleAssignment.objects.active().filter(role=Role.EXPERT, municipality=municipality)
    return User.objects.filter(pk__in=holders.values("user_id"), is_active=True)


def propose_experts(case: models.Model, count: int) -> list[User]:
    """Experts free of conflict and not yet on this round, by subject first, then by current load."""
    candidates = (experts_of(case.municipality).exclude(pk__in=current_round(case).values("expert_id"))
                  .annotate(load=Count("expert_assignments", filter=Q(expert_assignments__status=Status.ASSIGNED)))
                  .order_by("load", "pk"))
    fitting = [expert for expert in candidates if conflict_of_interest(case, expert) is None]
    subject = getattr(case, "subject", "").lower()
    fitting.sort(key=lambda expert: expert.subject.lower() != subject)
    return fitting[:count]


def validate_experts(case: models.Model, experts: Iterable[User]) -> list[User]:
    experts = list(dict.fromkeys(experts))
    allowed = set(experts_of(case.municipality))
    for expert in experts:
        if expert not in allowed:
            raise ValidationError({"experts": _("%(user)s is not an expert of the municipality.") % {"user": expert}})
        reason = conflict_of_interest(case, expert)
        if reason:
            raise ValidationError({"experts": ValidationError(
                _("Conflict of interest: %(reason)s") % {"reason": reason}, code="conflict_of_interest")})
    return experts


def validate_panel(case: models.Model, experts: Iterable[User]) -> list[User]:
    """The experts of a first round: each admissible, at least as many as the municipality requires."""
    experts = validate_experts(case, experts)
    needed = expertise_rules(case.municipality).experts
    if len(experts) < needed:
        raise ValidationError({"experts": _("Assign at least %(count)d experts.") % {"count": needed}})
    return experts


def assign(case: models.Model, experts: Iterable[User], further: bool = False) -> list[ExpertAssignment]:
    """Experts on the case's current round, each granted the right to view the case."""
    assignments = [ExpertAssignment.objects.create(case=case, expert=expert, round=case.expertise_round,
                                                   further=further) for expert in experts]
    for assignment in assignments:
        assign_perm(f"view_{case._meta.model_name}", assignment.expert, case)
    return assignments


def already_done() -> CaseConflict:
    return CaseConflict(_("You have already submitted your review of this material or declined it."),
                        code="already_done")


def hold_assignment(assignment: ExpertAssignment) -> None:
    """Wait for the expert's assignment row: of two simultaneous reviews (or a review and a decline) by
    one expert the second finds the assignment done, inside the caller's transaction."""
    assignment.refresh_from_db()
    ExpertAssignment.objects.select_for_update().filter(pk=assignment.pk).exists()
    assignment.refresh_from_db(fields=["status"])
    if assignment.status != Status.ASSIGNED:
        raise already_done()


def declining_reason(reason: str) -> str:
    """The reason an expert gives for declining: required."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining.")})
    return reason.strip()


def decline(assignment: ExpertAssignment, reason: str) -> str:
    """The expert declines, with a reason (returned cleaned); inside the caller's transaction."""
    reason = declining_reason(reason)
    hold_assignment(assignment)
    assignment.status, assignment.decline_reason = Status.DECLINED, reason
    assignment.save(update_fields=["status", "decline_reason"])
    return reason


def refuse_second_assignment(case: models.Model, expert: User) -> None:
    if current_round(case).filter(expert=expert).exists():
        raise ValidationError({"experts": _("%(user)s already reviews this material.") % {"user": expert}})


def replace_declined(case: models.Model, expert: User) -> ExpertAssignment:
    """Another expert (validated, not on the round) in place of the round's declined one; inside the
    caller's transaction, with the case locked."""
    declined = current_round(case).filter(replacement__isnull=True, status=Status.DECLINED).first()
    (assignment,) = assign(case, [expert])
    declined.replacement = assignment
    declined.save(update_fields=["replacement"])
    return assignment


def validate_scores(criteria_: Iterable[Criterion], scores: dict, text: str, recommendation: str) -> dict[str, int]:
    """A score for every criterion within its maximum, the text, a recommendation; the scores by criterion."""
    errors = {}
    given = {}
    for criterion in criteria_:
        value = scores.get(criterion.pk, scores.get(str(criterion.pk)))
        try:
            value = int(value)
        except (TypeError, ValueError):
            errors[f"score_{criterion.pk}"] = _("Give a score for «%(criterion)s».") % {"criterion": criterion.name}
            continue
        if not 0 <= value <= criterion.max_score:
            errors[f"score_{criterion.pk}"] = _("The score for «%(criterion)s» must be from 0 to %(max)d.") % {
                "criterion": criterion.name, "max": criterion.max_score}
        given[str(criterion.pk)] = value
    if not text.strip():
        errors["text"] = _("Write the review.")
    if recommendation not in Review.Recommendation.values:
        errors["recommendation"] = _("Choose a recommendation.")
    if errors:
        raise ValidationError(errors)
    return given


def record_review(assignment: ExpertAssignment, given: dict[str, int], text: str, recommendation: str) -> Review:
    """The assignment's one review (scores from `validate_scores`); inside the caller's transaction."""
    hold_assignment(assignment)
    try:
        with transaction.atomic():  # the assignment's one review, should any writer bypass the lock
            review = Review.objects.create(assignment=assignment, scores=given, total=sum(given.values()),
                                           text=text.strip(), recommendation=recommendation)
    except IntegrityError as error:
        raise already_done() from error
    assignment.status = Status.REVIEWED
    assignment.save(update_fields=["status"])
    return review


def pending(case: models.Model) -> QuerySet[ExpertAssignment]:
    """The round's assignments still to review: one parallel branch each."""
    return current_round(case).filter(status=Status.ASSIGNED)


def round_totals(case: models.Model) -> list[int]:
    return list(current_round(case).filter(review__isnull=False).values_list("review__total", flat=True))


def needs_further_expert(case: models.Model) -> bool:
    """The round's totals differ by more than the municipality allows and a free expert exists; once a round."""
    if current_round(case).filter(further=True).exists():
        return False
    totals = round_totals(case)
    gap = max(totals) - min(totals) if totals else 0
    return gap > expertise_rules(case.municipality).score_gap and bool(propose_experts(case, 1))


def add_further_expert(case: models.Model) -> ExpertAssignment:
    (assignment,) = assign(case, propose_experts(case, 1), further=True)
    return assignment


def carry_over(case: models.Model) -> None:
    """The experts who reviewed the last round review the next one (the case's round already raised)."""
    previous = assignments_of(case).filter(round=case.expertise_round - 1, status=Status.REVIEWED)
    ExpertAssignment.objects.bulk_create([
        ExpertAssignment(case=case, expert_id=assignment.expert_id, round=case.expertise_round)
        for assignment in previous])


def expert_ids(case: models.Model) -> set[int]:
    return set(assignments_of(case).values_list("expert_id", flat=True))


def visible_reviews(case: models.Model, user, *, round_open: bool, authors_wait: bool) -> list[dict]:
    """The reviews `user` may read, as the page and the API show them.

    Experts read the others' reviews of a round only once all of it is in (`round_open` while it is
    not); the authors read them without the experts' names, and none while `authors_wait`; the
    methodist and other readers of the case read everything.
    """
    reviews = Review.objects.filter(assignment__in=assignments_of(case)).select_related(
        "assignment__expert").order_by("assignment__round", "pk")
    is_author = user.pk in {author.pk for author in case.authors()}
    own_rounds = set(assignments_of(case).filter(expert=user).values_list("round", flat=True))
    shown = []
    for number, review in enumerate(reviews, start=1):
        assignment = review.assignment
        if own_rounds and not is_author:
            blind = round_open and assignment.round == case.expertise_round
            if assignment.expert_id != user.pk and (blind or assignment.round not in own_rounds | {
                    case.expertise_round - 1}):
                continue
        elif is_author and authors_wait:
            continue
        shown.append({
            "round": assignment.round,
            "expert": _("Expert %(number)d") % {"number": number} if is_author else str(assignment.expert),
            "total": review.total, "scores": review.scores, "text": review.text,
            "recommendation": review.get_recommendation_display(), "recommendation_code": review.recommendation,
        })
    return shown
