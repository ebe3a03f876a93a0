"""What authors, methodists and experts do with a methodical material. Pages, the API and tests call these."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from viewflow.workflow.models import Task

from accounts.history import acting_as
from accounts.models import Role, User
from accounts.permissions import holds, may

from workflows import drafts
from workflows.models import CaseEvent
from scoring import case_steps
from scoring import services as scoring
from scoring.case_steps import ExpertiseWords
from scoring.models import ExpertAssignment, Review
# The pages, the API and the bench reach the assessment of a material through this module.
from scoring.services import conflict_of_interest, criteria, expertise_rules, propose_experts  # noqa: F401
from .flows import MaterialFlow
from .models import Material, MaterialFile, PracticeStage
from workflows.services import (ACTIVE, CaseConflict, Refused, active_task, can_act_on, decide,  # noqa: F401
    lock_case_at, open_tasks, submit_case)
from workflows.uploads import validate_upload

Status = Material.Status
MATERIAL_EXTENSIONS = {".pdf", ".docx", ".pptx", ".zip"}


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
    if material.pk and not may(user, "edit", material):
        raise Refused(_("The material can be edited by its author only in draft or when returned."), "not_editable")
    if not material.pk:
        if not may_submit_materials(user):
            raise Refused(_("Only teachers submit methodical materials."), "not_a_teacher")
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


def submit(material: Material, user, reply: str = "") -> Material:
    """Send the material for the completeness check, or the revised material (and the `reply`) back."""
    if not may(user, "submit", material):
        raise Refused(_("Only the author submits the material."), "not_author")
    with acting_as(user), transaction.atomic():
        # A second click waits here, then finds the material submitted.
        lock_case_at(material, (Status.DRAFT, Status.RETURNED, Status.REVISION),
                     _("The material has already been submitted."), "already_submitted")
        if not material.files.filter(version=material.version).exists():
            raise ValidationError({"files": ValidationError(_("Attach the material's files."), code="required")})
        submit_case(material, user, MaterialFlow,
                    "revision" if material.status == Status.RETURNED else "revise", reply)
    material.refresh_from_db()
    return material


def check(material: Material, user, decision: str, comment: str = "") -> CaseEvent:
    """The completeness check: accept for expertise, return or reject."""
    with acting_as(user):
        return decide(active_task(material, "check"), user, decision, comment)


def experts_of(material: Material):
    """The experts of the material's municipality, whom the methodist chooses from."""
    return scoring.experts_of(material.municipality)


# The experts' steps are every scoring process's (`scoring.case_steps`), in the words of a material.
WORDS = ExpertiseWords(
    already_assigned=gettext_lazy("Experts have already been assigned to this material."),
    already_reviewed=gettext_lazy("You have already reviewed this material."),
    already_declined=gettext_lazy("You have declined to review this material."),
    no_review=gettext_lazy("You have no review to do on this material."),
)


def assign_experts(material: Material, user, experts: Iterable[User]) -> list[ExpertAssignment]:
    """The methodist assigns independent experts (at least as many as the municipality requires)."""
    return case_steps.assign_panel(material, user, experts, WORDS)


def expert_task(material: Material, expert: User) -> tuple[Task, ExpertAssignment]:
    return case_steps.expert_task(material, expert, WORDS)


def decline(material: Material, expert: User, reason: str) -> CaseEvent:
    """The expert declines, with a reason; the methodist then assigns another."""
    return case_steps.decline(material, expert, reason, WORDS)


def replace_expert(material: Material, user, expert: User) -> ExpertAssignment:
    """The methodist assigns another expert in place of one who declined."""
    return case_steps.replace(material, user, expert, WORDS)


def submit_review(material: Material, expert: User, scores: dict, text: str, recommendation: str) -> Review:
    """The expert's review: a score for every criterion within its maximum, the text, a recommendation."""
    return case_steps.score(material, expert, criteria(material.municipality), scores, text, recommendation, WORDS)


def final_decision(material: Material, user, decision: str, comment: str = "") -> CaseEvent:
    """Publish to the bank (approve), return for revision or reject."""
    with acting_as(user):
        return decide(active_task(material, "decision"), user, decision, comment,
                      approved=pgettext("decision", "published"))


def refuse_revision(material: Material, user) -> None:
    """Who may revise, and whether the material is where a revision is sent: its author, saying so when it is
    no longer returned (published, rejected, in expertise) rather than «only the author»."""
    if may(user, "revise", material):
        return
    if user.pk in {author.pk for author in material.authors()}:
        if material.status == Status.PUBLISHED:
            raise CaseConflict(_("The material is published: it is no longer revised."), code="published")
        raise CaseConflict(_("The material is not returned for revision now."), code="not_returned")
    raise Refused(_("Only the author revises a material returned to them."), "not_author")


def revise(material: Material, user, files: Iterable[UploadedFile], reply: str = "") -> Material:
    """The author uploads the revised version; earlier versions are kept."""
    material.refresh_from_db()
    refuse_revision(material, user)
    files = list(files)
    if not files:
        raise ValidationError({"files": ValidationError(_("Attach the revised files."), code="required")})
    with transaction.atomic():
        # A second click finds the revision sent, and the version is raised once.
        lock_case_at(material, (Status.REVISION, Status.RETURNED), _("The revised material has already been sent."),
                     "already_submitted")
        if material.status == Status.REVISION:
            material.version += 1
            material.save(update_fields=["version", "updated_at"])
        save_material(material, user, files)
        return submit(material, user, reply)


def visible_reviews(material: Material, user) -> list[dict]:
    """The reviews `user` may read: blind to the other experts while the round is open, none for the
    authors until the expertise is over (`scoring.visible_reviews`)."""
    return scoring.visible_reviews(material, user, round_open=material.status == Status.EXPERTISE,
                                   authors_wait=material.status in (Status.EXPERTISE, Status.EXPERT_ASSIGNMENT))


# What a person may do with a material, as the page's buttons and the API's verbs name it.
ACTIONS = ("edit", "submit", "check", "assign_experts", "replace_expert", "review", "decide", "revise",
           "manage_practice")


def available_actions(material: Material, user) -> set[str]:
    """What `user` may do with the material now: the buttons of its page."""
    actions: set[str] = set()
    if may(user, "edit", material):
        # Under revision the author sends a new version; before the check, the content itself.
        actions |= {"revise"} if material.status == Status.REVISION else {"edit", "submit"}
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
        raise Refused(_("Only the municipal methodist manages the bank's practices."), "not_a_methodist")
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
    return holds(user, Role.TEACHER)


def visible_events(material: Material, user) -> list[CaseEvent]:
    """The timeline as `user` may read it: the authors never learn who the experts are."""
    return case_steps.timeline_without_experts(material, user)


def delete_draft(material: Material, user) -> None:
    """The author deletes a material they never sent (`workflows.drafts`)."""
    drafts.delete_draft(material, user, _("Only the author deletes their draft material."))
