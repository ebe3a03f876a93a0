"""What authors, methodists and experts do with a methodical material. Pages, the API and tests call these."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm
from viewflow.workflow.models import Task

from accounts.history import acting_as
from accounts.models import Role, RoleAssignment, User
from accounts.permissions import may

from workflows.models import CaseEvent, ProcessKind
from .models import Criterion, ExpertAssignment, ExpertiseRules, Material, MaterialFile, PracticeStage, Review
from workflows.services import (ACTIVE, CaseConflict, active_task, can_act_on, complete_task, decide, lock_case,
    open_tasks, start_case)
from workflows.uploads import validate_upload

Status = Material.Status
MATERIAL_EXTENSIONS = {".pdf", ".docx", ".pptx", ".zip"}
DEFAULT_CRITERIA = [  # domain.md §2.3: relevance, novelty, methodological soundness, practical value, presentation
    (_("relevance"), 10), (_("novelty"), 10), (_("methodological soundness"), 10), (_("practical value"), 10),
    (_("quality of presentation"), 10),
]


def criteria(municipality) -> list[Criterion]:
    """The municipality's criteria, the defaults on first use."""
    found = list(Criterion.objects.filter(municipality=municipality))
    if not found:
        found = [Criterion.objects.create(municipality=municipality, order=order, name=name, max_score=maximum)
                 for order, (name, maximum) in enumerate(DEFAULT_CRITERIA, start=1)]
    return found


def expertise_rules(municipality) -> ExpertiseRules:
    return ExpertiseRules.objects.get_or_create(municipality=municipality)[0]


def validate_material_file(upload: UploadedFile) -> None:
    if Path(upload.name).suffix.lower() not in MATERIAL_EXTENSIONS:
        raise ValidationError(_("Files of type %(ext)s are not accepted. Allowed: %(allowed)s.") % {
            "ext": Path(upload.name).suffix.lower() or "?", "allowed": ", ".join(sorted(MATERIAL_EXTENSIONS))})
    validate_upload(upload)


@transaction.atomic
def save_material(material: Material, user, files: Iterable[UploadedFile] = (),
                  co_authors: Iterable[User] | None = None) -> Material:
    """Create or edit the material; its author only, in draft, when returned or when revising."""
    files = list(files)
    for upload in files:
        validate_material_file(upload)
    if material.pk and not (material.author_id == user.pk and material.is_editable):
        raise PermissionDenied(_("The material can be edited by its author only in draft or when returned."))
    if not material.pk:
        if not may_submit_materials(user):
            raise PermissionDenied(_("Only teachers submit methodical materials."))
        material.author, material.organisation = user, user.organisation
    material.full_clean(exclude=["number", "author", "organisation", "municipality"])
    with acting_as(user):
        material.save()
        if co_authors is not None:
            material.co_authors.set(co_authors)
        for upload in files:
            MaterialFile.objects.create(material=material, version=material.version, file=upload,
                                        name=upload.name, size=upload.size)
    return material


def submit(material: Material, user) -> Material:
    """Send the material for the completeness check, or the revised material back to the checker."""
    from .flows import MaterialFlow

    if material.author_id != user.pk:
        raise PermissionDenied(_("Only the author submits the material."))
    with acting_as(user), transaction.atomic():
        lock_case(material)  # a second click waits here, then finds the material submitted
        if material.status not in (Status.DRAFT, Status.RETURNED, Status.REVISION):
            raise CaseConflict(_("The material has already been submitted."))
        if not material.files.filter(version=material.version).exists():
            raise ValidationError({"files": _("Attach the material's files.")})
        if material.status == Status.DRAFT:
            start_case(material, MaterialFlow, ProcessKind.MATERIAL, user)
        else:
            node = "revision" if material.status == Status.RETURNED else "revise"
            complete_task(active_task(material, node), user, CaseEvent.Kind.RESUBMITTED)
    material.refresh_from_db()
    return material


def check(material: Material, user, decision: str, comment: str = "") -> CaseEvent:
    """The completeness check: accept for expertise, return or reject."""
    with acting_as(user):
        return decide(active_task(material, "check"), user, decision, comment)


def conflict_of_interest(material: Material, expert: User) -> str | None:
    """Why `expert` may not review the material, or None: never an author, never from an author's organisation."""
    authors = material.authors()
    if expert in authors:
        return _("%(expert)s is an author of the material.") % {"expert": expert}
    if expert.organisation_id in {author.organisation_id for author in authors}:
        return _("%(expert)s works in the same organisation as an author.") % {"expert": expert}
    return None


def experts_of(material: Material):
    holders = RoleAssignment.objects.active().filter(role=Role.EXPERT, municipality=material.municipality)
    return User.objects.filter(pk__in=holders.values("user_id"), is_active=True)


def propose_experts(material: Material, count: int) -> list[User]:
    """Experts free of conflict and not yet on this round, by subject first, then by current load."""
    taken = material.assignments.filter(round=material.expertise_round).values("expert_id")
    candidates = (experts_of(material).exclude(pk__in=taken)
                  .annotate(load=Count("expert_assignments", filter=Q(
                      expert_assignments__status=ExpertAssignment.Status.ASSIGNED)))
                  .order_by("load", "pk"))
    fitting = [expert for expert in candidates if conflict_of_interest(material, expert) is None]
    fitting.sort(key=lambda expert: expert.subject.lower() != material.subject.lower())
    return fitting[:count]


def validate_experts(material: Material, experts: Iterable[User]) -> list[User]:
    experts = list(dict.fromkeys(experts))
    allowed = set(experts_of(material))
    for expert in experts:
        if expert not in allowed:
            raise ValidationError({"experts": _("%(user)s is not an expert of the municipality.") % {"user": expert}})
        reason = conflict_of_interest(material, expert)
        if reason:
            raise ValidationError({"experts": _("Conflict of interest: %(reason)s") % {"reason": reason}})
    return experts


def assign_experts(material: Material, user, experts: Iterable[User]) -> list[ExpertAssignment]:
    """The methodist assigns independent experts (at least as many as the municipality requires)."""
    experts = validate_experts(material, experts)
    needed = expertise_rules(material.municipality).experts
    if len(experts) < needed:
        raise ValidationError({"experts": _("Assign at least %(count)d experts.") % {"count": needed}})
    with acting_as(user), transaction.atomic():
        lock_case(material)  # two methodists at once: the second finds the experts assigned
        if material.status != Status.EXPERT_ASSIGNMENT:
            raise CaseConflict(_("Experts have already been assigned to this material."))
        task = active_task(material, "assign_experts")
        material.expertise_round = 1
        material.status = Status.EXPERTISE
        material.save(update_fields=["expertise_round", "status", "updated_at"])
        assignments = [ExpertAssignment.objects.create(material=material, expert=expert, round=1)
                       for expert in experts]
        for expert in experts:
            assign_perm("workflows.view_material", expert, material)
        complete_task(task, user, CaseEvent.Kind.COMMENT, _("Experts assigned: %(count)d") % {"count": len(experts)})
    return assignments


def expert_task(material: Material, expert: User) -> tuple[Task, ExpertAssignment]:
    for task in open_tasks(material).filter(owner=expert):
        if task.flow_task.name == "expert_review":
            return task, ExpertAssignment.objects.get(pk=task.data["assignment"])
    if material.assignments.filter(expert=expert, round=material.expertise_round).exclude(
            status=ExpertAssignment.Status.ASSIGNED).exists():
        raise CaseConflict(_("You have already submitted your review of this material or declined it."))
    raise PermissionDenied(_("You have no review to do on this material."))


def hold_assignment(assignment: ExpertAssignment) -> None:
    """Wait for the expert's assignment row: of two simultaneous reviews (or a review and a decline) by
    one expert the second finds the assignment done, inside the caller's transaction."""
    assignment.refresh_from_db()
    ExpertAssignment.objects.select_for_update().filter(pk=assignment.pk).exists()
    assignment.refresh_from_db(fields=["status"])
    if assignment.status != ExpertAssignment.Status.ASSIGNED:
        raise CaseConflict(_("You have already submitted your review of this material or declined it."))


def decline(material: Material, expert: User, reason: str) -> CaseEvent:
    """The expert declines, with a reason; the methodist then assigns another."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining.")})
    task, assignment = expert_task(material, expert)
    with acting_as(expert), transaction.atomic():
        hold_assignment(assignment)
        assignment.status, assignment.decline_reason = ExpertAssignment.Status.DECLINED, reason.strip()
        assignment.save(update_fields=["status", "decline_reason"])
        return complete_task(task, expert, CaseEvent.Kind.COMMENT, _("An expert declined: %(reason)s") % {
            "reason": reason.strip()})


def replace_expert(material: Material, user, expert: User) -> ExpertAssignment:
    """The methodist assigns another expert in place of one who declined."""
    (expert,) = validate_experts(material, [expert])
    with acting_as(user), transaction.atomic():
        lock_case(material)  # two methodists at once: the second finds the replacement made
        if material.assignments.filter(round=material.expertise_round, expert=expert).exists():
            raise ValidationError({"experts": _("%(user)s already reviews this material.") % {"user": expert}})
        task = active_task(material, "replace_expert")
        declined = material.assignments.filter(round=material.expertise_round, replacement__isnull=True,
                                               status=ExpertAssignment.Status.DECLINED).first()
        assignment = ExpertAssignment.objects.create(material=material, expert=expert, round=material.expertise_round)
        assign_perm("workflows.view_material", expert, material)
        declined.replacement = assignment
        declined.save(update_fields=["replacement"])
        complete_task(task, user, CaseEvent.Kind.COMMENT, _("Another expert assigned."),
                      task_data={"replacement": assignment.pk})
    return assignment


def submit_review(material: Material, expert: User, scores: dict, text: str, recommendation: str) -> Review:
    """The expert's review: a score for every criterion within its maximum, the text, a recommendation."""
    task, assignment = expert_task(material, expert)
    errors = {}
    given = {}
    for criterion in criteria(material.municipality):
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
    with acting_as(expert), transaction.atomic():
        hold_assignment(assignment)
        try:
            with transaction.atomic():  # the assignment's one review, should any writer bypass the lock
                review = Review.objects.create(assignment=assignment, scores=given, total=sum(given.values()),
                                               text=text.strip(), recommendation=recommendation)
        except IntegrityError as error:
            raise CaseConflict(_("You have already submitted your review of this material or declined it.")) \
                from error
        assignment.status = ExpertAssignment.Status.REVIEWED
        assignment.save(update_fields=["status"])
        complete_task(task, expert, CaseEvent.Kind.COMMENT, _("A review is submitted."))
    return review


def final_decision(material: Material, user, decision: str, comment: str = "") -> CaseEvent:
    """Publish to the bank (approve), return for revision or reject."""
    with acting_as(user):
        return decide(active_task(material, "decision"), user, decision, comment)


def revise(material: Material, user, files: Iterable[UploadedFile]) -> Material:
    """The author uploads the revised version; earlier versions are kept."""
    material.refresh_from_db()
    if material.author_id != user.pk or material.status not in (Status.REVISION, Status.RETURNED):
        raise PermissionDenied(_("Only the author revises a material returned to them."))
    files = list(files)
    if not files:
        raise ValidationError({"files": _("Attach the revised files.")})
    with transaction.atomic():
        lock_case(material)  # a second click finds the revision sent, and the version is raised once
        if material.status not in (Status.REVISION, Status.RETURNED):
            raise CaseConflict(_("The revised material has already been sent."))
        if material.status == Status.REVISION:
            material.version += 1
            material.save(update_fields=["version", "updated_at"])
        save_material(material, user, files)
        return submit(material, user)


def visible_reviews(material: Material, user) -> list[dict]:
    """The reviews `user` may read, as the page and the API show them.

    Experts read the others' reviews of a round only once all of it is in; the author reads them
    without the experts' names; the methodist and other readers of the case read everything.
    """
    reviews = Review.objects.filter(assignment__material=material).select_related("assignment__expert").order_by(
        "assignment__round", "pk")
    is_author = user.pk in {author.pk for author in material.authors()}
    own_rounds = set(material.assignments.filter(expert=user).values_list("round", flat=True))
    round_open = material.status == Status.EXPERTISE
    shown = []
    for number, review in enumerate(reviews, start=1):
        assignment = review.assignment
        if own_rounds and not is_author:
            blind = round_open and assignment.round == material.expertise_round
            if assignment.expert_id != user.pk and (blind or assignment.round not in own_rounds | {
                    material.expertise_round - 1}):
                continue
        elif is_author and material.status in (Status.EXPERTISE, Status.EXPERT_ASSIGNMENT):
            continue
        shown.append({
            "round": assignment.round,
            "expert": _("Expert %(number)d") % {"number": number} if is_author else str(assignment.expert),
            "total": review.total, "scores": review.scores, "text": review.text,
            "recommendation": review.get_recommendation_display(),
        })
    return shown


def available_actions(material: Material, user) -> set[str]:
    """What `user` may do with the material now: the buttons of its page."""
    actions: set[str] = set()
    if material.author_id == user.pk and material.status in (Status.DRAFT, Status.RETURNED):
        actions |= {"edit", "submit"}
    if material.author_id == user.pk and material.status == Status.REVISION:
        actions.add("revise")
    if not material.process_id:
        return actions
    for task in open_tasks(material):
        if not can_act_on(task, user):
            continue
        actions.add({"check": "check", "decision": "decide", "assign_experts": "assign_experts",
                     "replace_expert": "replace_expert", "expert_review": "review"}.get(task.flow_task.name, ""))
    if material.status == Status.PUBLISHED and may(user, "manage_practice", material):
        actions.add("manage_practice")
    actions.discard("")
    return actions


def manage_practice(material: Material, user, stage: str = "", adopted_by=None) -> Material:
    """The methodist advances the practice through its lifecycle and records who adopted it [000:244]."""
    if not may(user, "manage_practice", material):
        raise PermissionDenied(_("Only the municipal methodist manages the bank's practices."))
    if material.status != Status.PUBLISHED:
        raise ValidationError(_("Only published practices have a lifecycle."))
    with acting_as(user), transaction.atomic():
        if stage:
            if stage not in PracticeStage.values:
                raise ValidationError({"stage": _("Choose a stage.")})
            material.practice_stage = stage
            material.save(update_fields=["practice_stage", "updated_at"])
        if adopted_by is not None:
            material.adopted_by.add(adopted_by)
    return material


def may_submit_materials(user) -> bool:
    return RoleAssignment.objects.active().filter(user=user, role=Role.TEACHER).exists()


def visible_events(material: Material, user) -> list[CaseEvent]:
    """The timeline as `user` may read it: the authors never learn who the experts are."""
    if not material.process_id:
        return []
    events = list(CaseEvent.objects.filter(process_id=material.process_id).select_related("actor"))
    if user.pk in {author.pk for author in material.authors()}:
        experts = set(material.assignments.values_list("expert_id", flat=True))
        for event in events:
            if event.actor_id in experts:
                event.actor = None
    return events
