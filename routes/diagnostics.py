"""What teachers and methodists do with diagnostics and surveys (domain.md §2.1).

Pages, commands and tests call these functions (the import of a provider's file is `diagnostics_import`); each checks the actor's permission and records the actor
in the history.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.history import acting_as
from accounts.models import Municipality, Organisation, Role, RoleAssignment, User
from accounts.permissions import may, visible

from .models import Deficit, Diagnostics, Recommendation, YoungTeacherSurvey

def teachers_for_entry(actor: User, model: type[Diagnostics | YoungTeacherSurvey]) -> models.QuerySet[User]:
    """The teachers for whom `actor` may enter records of `model`: themselves, and the teachers of every
    organisation where a rule lets them enter for others (a methodist: the municipality's schools)."""
    teachers = User.objects.filter(
        is_active=True,
        organisation__isnull=False,
        pk__in=RoleAssignment.objects.active().filter(role=Role.TEACHER).values("user_id"),
    )
    # Rules for other people's records are scoped by the teacher's organisation: one question per
    # organisation answers for all of its teachers.
    organisations = [
        organisation.pk
        for organisation in visible(actor, "view", Organisation.objects.all())
        if may(actor, "add", model(organisation=organisation))
    ]
    entered_for = models.Q(organisation__in=organisations)
    if actor.organisation_id and may(actor, "add", model(teacher=actor, organisation=actor.organisation)):
        entered_for |= models.Q(pk=actor.pk)
    return teachers.filter(entered_for)


def require(actor: User, action: str, obj: models.Model) -> None:
    if not may(actor, action, obj):
        raise PermissionDenied(_("You may not do this."))


def _check_record(record: Diagnostics | YoungTeacherSurvey, actor: User) -> None:
    """May `actor` enter this new record, or change this saved one? A saved record keeps its teacher."""
    if record.pk:
        # Judged on the record as saved, not on an edit in progress.
        stored = type(record)._default_manager.get(pk=record.pk)
        require(actor, "change", stored)
        record.teacher_id, record.organisation_id = stored.teacher_id, stored.organisation_id
        return
    if record.teacher_id and not record.teacher.organisation_id:
        raise ValidationError({"teacher": _("The teacher does not belong to any organisation.")})
    record.organisation_id = record.teacher.organisation_id if record.teacher_id else None
    record.entered_by = actor
    if record.teacher_id:
        require(actor, "add", record)


@transaction.atomic
def save_diagnostics(
    diagnostics: Diagnostics, actor: User, deficits: Iterable[Deficit] = (), removed: Iterable[Deficit] = ()
) -> Diagnostics:
    """Record a diagnostics with its deficits, or edit one: `deficits` are new or changed, `removed` go.

    The teacher enters their own; a methodist enters for a teacher of the municipality. Everything is
    validated before anything is written.
    """
    deficits, removed = list(deficits), list(removed)
    _check_record(diagnostics, actor)
    diagnostics.full_clean()
    validate_deficits(diagnostics, deficits, removed)
    with acting_as(actor):
        diagnostics.save()
        for deficit in removed:
            if deficit.pk:
                deficit.delete()
        for deficit in deficits:
            deficit.diagnostics = diagnostics
            deficit.save()
    return diagnostics


def validate_deficits(diagnostics: Diagnostics, deficits: list[Deficit], removed: list[Deficit]) -> None:
    for deficit in deficits:
        deficit.diagnostics = diagnostics
        deficit.full_clean(exclude=["diagnostics"])
    if diagnostics.pk:
        touched = {deficit.pk for deficit in deficits + removed if deficit.pk}
        kept = diagnostics.deficits.exclude(pk__in=touched)
        stray = kept.exclude(area__in=diagnostics.competence_areas).first()
        if stray:
            raise ValidationError(
                {"competence_areas": _("The deficit “%(deficit)s” is in an area that is no longer assessed.")
                 % {"deficit": stray.title}}
            )


def add_recommendation(diagnostics: Diagnostics, actor: User, text: str) -> Recommendation:
    """A methodist writes targeted recommendations to the teacher on this diagnostics [001:317]."""
    require(actor, "recommend", diagnostics)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the recommendations.")})
    with acting_as(actor):
        return Recommendation.objects.create(diagnostics=diagnostics, author=actor, text=text)


def save_survey(survey: YoungTeacherSurvey, actor: User) -> YoungTeacherSurvey:
    """Submit or correct a young teacher's survey answers for one half of the school year [002:240]."""
    _check_record(survey, actor)
    survey.full_clean()
    with acting_as(actor):
        survey.save()
    return survey


def current_survey_period(today: date | None = None) -> tuple[int, str]:
    """The school year (by its starting year) and half a survey taken today belongs to."""
    today = today or timezone.localdate()
    if today.month >= 9:
        return today.year, YoungTeacherSurvey.Half.AUTUMN
    return today.year - 1, YoungTeacherSurvey.Half.SPRING


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: User | None
    action: str
    subject: str
    changes: list[str]


UNREPORTED_FIELDS = {"updated_at"}
HISTORY_ACTIONS = {"+": gettext_lazy("created"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}


def history_of(diagnostics: Diagnostics) -> list[HistoryEntry]:
    """Who changed what in the diagnostics, its deficits and recommendations, newest first."""
    rows = [
        *((row, str(Diagnostics._meta.verbose_name)) for row in diagnostics.history.select_related("history_user")),
        *((row, f"{Deficit._meta.verbose_name}: {row.title}")
          for row in Deficit.history.filter(diagnostics_id=diagnostics.pk).select_related("history_user")),
        *((row, str(Recommendation._meta.verbose_name))
          for row in Recommendation.history.filter(diagnostics_id=diagnostics.pk).select_related("history_user")),
    ]
    entries = []
    for row, subject in rows:
        changes = []
        if row.history_type == "~" and row.prev_record is not None:
            delta = row.diff_against(row.prev_record)
            changes = [str(type(row).instance_type._meta.get_field(change.field).verbose_name)
                       for change in delta.changes if change.field not in UNREPORTED_FIELDS]
        entries.append(HistoryEntry(row.history_date, row.history_user, str(HISTORY_ACTIONS[row.history_type]),
                                    subject, changes))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def import_municipalities(actor: User) -> list[Municipality]:
    """The municipalities into which `actor` may import providers' results."""
    return [municipality for municipality in visible(actor, "view", Municipality.objects.all())
            if may(actor, "import_diagnostics", municipality)]
