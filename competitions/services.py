"""What directors, contestants and the organising committee do with competition entries (domain.md §2.5).

Pages, the API, the demo and tests call these; the jury's scoring and the results (competitions.jury*,
competitions.results*) call `admitted_entries`, `conclude_entries` and `forward_entry`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.history import acting_as
from accounts.models import Role, User
from accounts.permissions import holds, may
from workflows import drafts
from workflows.models import CaseEvent
from workflows.services import Refused, active_task, can_act_on, decide, lock_case_at, submit_case
from workflows.uploads import validate_upload

from .entries_eligibility import eligibility_problems, nominating_organisations
from .flows import EntryFlow, committee_of
from .models import Competition, Entry, EntryMaterial, Nomination, Placement, Round

Status = Entry.Status
LIVE = (Status.DRAFT, Status.ADMISSION, Status.RETURNED, Status.ADMITTED, Status.ELIMINATED, Status.FINISHED)
# Until the committee approves the results the contestant may leave the competition.
WITHDRAWABLE = (Status.DRAFT, Status.ADMISSION, Status.RETURNED, Status.ADMITTED)


def twice_message(entry: Entry) -> str:
    return _("%(person)s is already nominated for «%(competition)s».") % {
        "person": entry.nominee, "competition": entry.competition}


def validate_materials(entry: Entry, materials: Mapping[int | None, Iterable[UploadedFile]]) -> dict:
    """Each file by the workflows.uploads rules, each round of the entry's competition."""
    rounds = {item.pk: item for item in entry.competition.rounds.all()}
    checked: dict = {}
    for round_id, files in materials.items():
        if round_id is not None and round_id not in rounds:
            raise ValidationError({"materials": _("The round is not one of this competition's.")})
        for upload in files:
            try:
                validate_upload(upload)
            except ValidationError as error:
                raise ValidationError({"materials": error.messages}) from error
            checked.setdefault(rounds.get(round_id), []).append(upload)
    return checked


def refuse_unless_nominating(entry: Entry, user: User) -> None:
    """A director nominates a teacher of the organisation they head; a teacher nominates themself where the
    competition allows it."""
    nominee = entry.nominee
    if nominee.pk == user.pk:
        if not entry.competition.self_nomination:
            raise ValidationError({"nominee": _("This competition does not accept self-nominations: your "
                                                "director nominates you.")})
        return
    if not nominee.organisation_id or not nominating_organisations(user).filter(pk=nominee.organisation_id).exists():
        raise Refused(_("A director nominates only teachers of the organisation they head."), "not_the_director")


def refuse_unless_accepting(competition: Competition) -> None:
    """Nominations go in while the competition accepts them and its deadline has not passed."""
    deadline = competition.nominations_deadline
    if deadline is not None and timezone.now() > deadline:
        raise ValidationError({"competition": ValidationError(_(
            "The deadline for nominations to «%(competition)s» has passed (%(deadline)s).") % {
            "competition": competition, "deadline": timezone.localtime(deadline).strftime("%d.%m.%Y %H:%M")},
            code="deadline_passed")})
    if competition.status != Competition.Status.NOMINATIONS:
        raise ValidationError({"competition": ValidationError(
            _("«%(competition)s» does not accept nominations now.") % {"competition": competition},
            code="not_accepting")})


@transaction.atomic
def save_entry(entry: Entry, user: User, *, materials: Mapping[int | None, Iterable[UploadedFile]] | None = None
               ) -> Entry:
    """Draw up or complete the entry: who nominates, in draft or when returned. Nothing is saved when
    anything is refused (the same teacher twice in one competition included)."""
    if entry.pk:
        if not may(user, "edit", entry):
            raise Refused(_("The entry is completed by whoever nominated, in draft or when returned."),
                          "not_editable")
    else:
        entry.author = user
        refuse_unless_accepting(entry.competition)
    refuse_unless_nominating(entry, user)
    entry.organisation_id = entry.nominee.organisation_id
    if entry.nomination_id and entry.nomination.competition_id != entry.competition_id:
        raise ValidationError({"nomination": _("The nomination is not one of this competition's.")})
    checked = validate_materials(entry, materials or {})
    entry.full_clean(exclude=["number", "author", "organisation", "municipality"], validate_constraints=False)
    if Entry.objects.filter(competition=entry.competition_id, nominee=entry.nominee_id, status__in=LIVE).exclude(
            pk=entry.pk).exists():
        raise ValidationError({"nominee": twice_message(entry)})
    with acting_as(user):
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError as error:  # a nomination of the same teacher saved meanwhile
            raise ValidationError({"nominee": twice_message(entry)}) from error
        for round_, files in checked.items():
            for upload in files:
                EntryMaterial.objects.create(entry=entry, round=round_, file=upload, name=upload.name,
                                             size=upload.size)
    return entry


def refuse_unless_complete(entry: Entry) -> None:
    """No consent, no submission; the nomination where the competition has them; an eligible nominee."""
    errors: dict[str, list[str]] = {}
    if not entry.consent_given_on:
        errors["consent_given_on"] = [_("The contestant's consent to the processing of personal data "
                                        "(152-ФЗ) with its date is required to submit the entry.")]
    if not entry.nomination_id and entry.competition.nominations.exists():
        errors["nomination"] = [_("Choose the nomination.")]
    problems = eligibility_problems(entry.competition, entry.nominee)
    if problems:
        errors["nominee"] = [_("The contestant is not eligible: %(reasons)s.") % {"reasons": "; ".join(problems)}]
    if errors:
        raise ValidationError(errors)


def grant_committee(entry: Entry) -> None:
    """The organising committee reads every submitted entry of its competition."""
    for member in committee_of(entry):
        assign_perm("view_entry", member, entry)


def submit(entry: Entry, user: User, reply: str = "") -> Entry:
    """Send the entry to the organising committee before the deadline, or the completed one (with the `reply`
    to the return comment) back to it; a returned entry was sent in time."""
    if not may(user, "submit", entry):
        raise Refused(_("Only whoever nominated submits the entry."), "not_author")
    with acting_as(user), transaction.atomic():
        lock_case_at(entry, (Status.DRAFT, Status.RETURNED), _("The entry has already been submitted."),
                     "already_submitted")
        if entry.status == Status.DRAFT:
            refuse_unless_accepting(entry.competition)
        refuse_unless_complete(entry)
        submit_case(entry, user, EntryFlow, "completion", reply)
        grant_committee(entry)
    entry.refresh_from_db()
    return entry


def admission_task(entry: Entry, user: User):
    """The open admission the user may decide on (403 otherwise: a juror, an auditor, the contestant)."""
    task = active_task(entry, "admission")
    if not can_act_on(task, user):
        raise Refused(_("Only the organising committee admits entries."), "not_your_step")
    return task


def admit(entry: Entry, user: User, decision: str, comment: str = "") -> CaseEvent:
    """The committee admits the entry, returns it for missing documents (comment required) or refuses it
    with the reason."""
    task = admission_task(entry, user)
    with acting_as(user):
        return decide(task, user, decision, comment)


def may_self_nominate(user: User) -> bool:
    """Teachers nominate themselves where a competition accepting nominations allows it."""
    return holds(user, Role.TEACHER) and Competition.objects.filter(
        status=Competition.Status.NOMINATIONS, self_nomination=True).exists()


def refuse_unless_withdrawable(entry: Entry, user: User) -> None:
    if not may(user, "withdraw", entry):
        raise Refused(_("Only the contestant withdraws the entry, before the results."), "not_withdrawable")


def withdraw(entry: Entry, user: User, reason: str = "") -> Entry:
    """The contestant leaves the competition before the results: the process ends, the timeline says who and
    when."""
    refuse_unless_withdrawable(entry, user)
    with acting_as(user), transaction.atomic():
        lock_case_at(entry, WITHDRAWABLE, _("The entry can no longer be withdrawn."), "not_withdrawable")
        if entry.process_id:
            CaseEvent.objects.create(process=entry.process, kind=CaseEvent.Kind.CLOSED, actor=user,
                                     step_title=_("Withdrawal"), comment=reason.strip())
            EntryFlow.instance.cancel(entry.process)
        entry.status, entry.withdrawn_at = Status.WITHDRAWN, timezone.now()
        entry.current_step, entry.assignee, entry.due_at = "", None, None
        entry.save()
    return entry


def delete_draft(entry: Entry, user: User) -> None:
    drafts.delete_draft(entry, user, _("Only whoever nominated deletes a draft entry."))


# The interface of the rounds and the results (competitions.jury*, competitions.results*)

def admitted_entries(competition: Competition) -> QuerySet[Entry]:
    """The entries admitted to the competition's rounds, not withdrawn."""
    return Entry.objects.filter(competition=competition, status=Status.ADMITTED, withdrawn_at__isnull=True)


def conclude_entries(competition: Competition, user: User) -> int:
    """The results are approved: every admitted or eliminated entry's process ends, as the results left it
    (finished or eliminated, its placement kept). Returns how many were concluded."""
    concluded = 0
    with acting_as(user), transaction.atomic():
        entries = Entry.objects.filter(competition=competition, status__in=(Status.ADMITTED, Status.ELIMINATED),
                                       process__isnull=False)
        for entry in entries:
            task = Task.objects.filter(process_id=entry.process_id, flow_task=EntryFlow.results,
                                       status=STATUS.NEW).first()
            if task is not None:
                EntryFlow.results.run(task)
                concluded += 1
    return concluded


def forward_entry(entry: Entry, next_competition: Competition, user: User) -> Entry:
    """A winner goes on to the next level's competition: a new draft entry there, nominated as before, with
    the same nomination (by name), consent and materials (each to the round of the same position)."""
    if next_competition.pk != entry.competition.next_level_id:
        raise ValidationError({"competition": _("The competition is not the next level of «%(competition)s».") % {
            "competition": entry.competition}})
    if entry.placement != Placement.WINNER:
        raise ValidationError({"entry": _("Only a winner goes on to the next level.")})
    nomination = Nomination.objects.filter(competition=next_competition, name=entry.nomination.name).first() \
        if entry.nomination_id else None
    rounds = {item.position: item for item in Round.objects.filter(competition=next_competition)}
    forwarded = Entry(competition=next_competition, nominee=entry.nominee, author=entry.author, nomination=nomination,
                      about=entry.about, consent_given_on=entry.consent_given_on, prepared_by=entry.prepared_by,
                      forwarded_from=entry, organisation_id=entry.organisation_id)
    with acting_as(user), transaction.atomic():
        if Entry.objects.filter(competition=next_competition, nominee=entry.nominee_id, status__in=LIVE).exists():
            raise ValidationError({"nominee": twice_message(forwarded)})
        forwarded.save()
        for material in entry.materials.select_related("round"):
            material.file.open("rb")
            try:
                copy = ContentFile(material.file.read(), name=material.name)
            finally:
                material.file.close()
            EntryMaterial.objects.create(entry=forwarded, round=rounds.get(material.round.position)
                                         if material.round_id else None, file=copy, name=material.name,
                                         size=material.size)
    return forwarded
