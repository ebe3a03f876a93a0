"""Diagnostics of professional deficits and the young-teacher survey (domain.md §2.1)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history

__all__ = [
    "CompetenceArea",
    "Deficit",
    "Diagnostics",
    "Difficulty",
    "Provider",
    "Recommendation",
    "Severity",
    "YoungTeacherSurvey",
    "school_year_label",
]

SCOPE_LOOKUPS = {
    "organisation": "organisation",
    "municipality": "organisation__municipality",
    "region": "organisation__municipality__region",
}


def _through_diagnostics(lookups: dict[str, str]) -> dict[str, str]:
    return {scope: f"diagnostics__{path}" for scope, path in lookups.items()}


class Provider(models.TextChoices):
    """Who carried out the diagnostics [003:241]."""

    CNPPM = "cnppm", _("CNPPM (centre for continuous professional development)")
    YA_UCHITEL = "ya_uchitel", _("“Ya-uchitel” platform")
    COURSES = "courses", _("diagnostics at further training courses")
    SCHOOL = "school", _("self-diagnosis at the school")
    OTHER = "other", _("other provider")


class CompetenceArea(models.TextChoices):
    """Areas of professional competence [000:156], with digital competence [003:243]."""

    SUBJECT = "subject", _("subject competences")
    METHODICAL = "methodical", _("methodical competences")
    PSYCHOLOGICAL = "psychological", _("psychological and pedagogical competences")
    COMMUNICATIVE = "communicative", _("communicative competences")
    DIGITAL = "digital", _("digital competences (ICT)")


class Severity(models.IntegerChoices):
    LOW = 1, _("minor deficit")
    MEDIUM = 2, _("moderate deficit")
    HIGH = 3, _("pronounced deficit")


class Difficulty(models.TextChoices):
    """Difficulties a young teacher may name in the survey [002:240]."""

    PLANNING = "planning", _("planning lessons")
    DISCIPLINE = "discipline", _("discipline in the classroom")
    MOTIVATION = "motivation", _("motivating pupils")
    INDIVIDUAL = "individual", _("individual work, pupils with special needs")
    ASSESSMENT = "assessment", _("assessing pupils' results")
    PARENTS = "parents", _("working with parents")
    DOCUMENTS = "documents", _("paperwork")
    WORKLOAD = "workload", _("workload and time management")
    COLLEAGUES = "colleagues", _("relations with colleagues and the administration")
    DIGITAL = "digital", _("digital tools")


def _validate_choices(values, choices: type[models.TextChoices]) -> None:
    # An empty list is refused by the field itself where it is required (blank=False).
    if not isinstance(values, list) or any(value not in choices.values for value in values):
        raise ValidationError(_("Choose from the list."))


class TeacherRecord(models.Model):
    """A record about one teacher: the teacher, their organisation when it was made (so the record stays
    where it was made if the teacher later moves to another school), who entered it and when. It is seen
    in that organisation and above it (`SCOPE_LOOKUPS`)."""

    teacher = models.ForeignKey(
        "accounts.User", models.PROTECT, related_name="%(class)s_records", verbose_name=_("teacher")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="+", editable=False, verbose_name=_("organisation")
    )
    entered_by = models.ForeignKey(
        "accounts.User", models.PROTECT, related_name="+", editable=False, verbose_name=_("entered by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    scope_lookups = SCOPE_LOOKUPS

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.organisation_id and self.teacher_id:
            self.organisation_id = self.teacher.organisation_id
        super().save(*args, **kwargs)

    # The list fields of the record, each with the enum its items come from.
    choice_lists: dict[str, type[models.TextChoices]] = {}

    def clean(self) -> None:
        errors = self.record_errors()
        for field, choices in self.choice_lists.items():
            try:
                _validate_choices(getattr(self, field), choices)
            except ValidationError as error:
                errors[field] = error
        # A teacher of no organisation: the record could not be placed anywhere.
        if self.teacher_id and not self.teacher.organisation_id:
            errors["teacher"] = _("The teacher does not belong to any organisation.")
        if errors:
            raise ValidationError(errors)

    def record_errors(self) -> dict:
        """The refusals of the record's own fields, by field."""
        return {}


class Diagnostics(TeacherRecord):
    """One diagnostics of a teacher's professional deficits on one date by one provider [002:88, 003:237]."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("entered by hand")
        IMPORTED = "imported", _("imported from the provider's file")

    date = models.DateField(_("date of diagnostics"))
    provider = models.CharField(_("diagnostics provider"), max_length=20, choices=Provider.choices)
    competence_areas = models.JSONField(
        _("competence areas assessed"), default=list, help_text=_("The areas the diagnostics covered.")
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL, editable=False
    )
    import_batch = models.UUIDField(_("import batch"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = audited_history()

    choice_lists = {"competence_areas": CompetenceArea}

    class Meta:
        verbose_name = _("diagnostics of professional deficits")
        verbose_name_plural = _("diagnostics of professional deficits")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "date", "provider"],
                name="diagnostics_unique_per_teacher_date_provider",
                violation_error_message=_("This teacher already has a diagnostics by this provider on this date."),
            ),
            models.CheckConstraint(
                name="diagnostics_import_batch_iff_imported",
                condition=Q(source="imported", import_batch__isnull=False)
                | Q(source="manual", import_batch__isnull=True),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.date:%d.%m.%Y}, {self.get_provider_display()}"

    def record_errors(self) -> dict:
        if self.date and self.date > timezone.localdate():
            return {"date": _("The date of diagnostics cannot be in the future.")}
        return {}

    def get_competence_areas_display(self) -> list[str]:
        return [str(CompetenceArea(area).label) for area in self.competence_areas if area in CompetenceArea.values]

    @property
    def highest_severity(self) -> Severity | None:
        levels = [deficit.severity for deficit in self.deficits.all()]
        return Severity(max(levels)) if levels else None


class Deficit(models.Model):
    """A professional deficit found by the diagnostics, with its severity."""

    diagnostics = models.ForeignKey(
        Diagnostics, models.CASCADE, related_name="deficits", verbose_name=_("diagnostics")
    )
    area = models.CharField(_("competence area"), max_length=20, choices=CompetenceArea.choices)
    title = models.CharField(_("deficit"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices)
    history = audited_history()

    scope_lookups = _through_diagnostics(SCOPE_LOOKUPS)

    class Meta:
        verbose_name = _("professional deficit")
        verbose_name_plural = _("professional deficits")
        ordering = ["diagnostics", "-severity", "pk"]
        constraints = [
            models.CheckConstraint(name="deficit_severity_known", condition=Q(severity__in=Severity.values)),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_severity_display()})"

    def clean(self) -> None:
        diagnostics = self.diagnostics if self.diagnostics_id or Deficit.diagnostics.is_cached(self) else None
        if diagnostics and self.area and self.area not in diagnostics.competence_areas:
            raise ValidationError({"area": _("This area is not among the areas assessed by the diagnostics.")})


class Recommendation(models.Model):
    """Targeted recommendations (адресные рекомендации) of a methodist on a diagnostics [001:317]."""

    diagnostics = models.ForeignKey(
        Diagnostics, models.CASCADE, related_name="recommendations", verbose_name=_("diagnostics")
    )
    author = models.ForeignKey(
        "accounts.User", models.PROTECT, related_name="+", editable=False, verbose_name=_("author")
    )
    text = models.TextField(_("recommendations"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = _through_diagnostics(SCOPE_LOOKUPS)

    class Meta:
        verbose_name = _("targeted recommendation")
        verbose_name_plural = _("targeted recommendations")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}, {timezone.localtime(self.created_at):%d.%m.%Y}"


class YoungTeacherSurvey(TeacherRecord):
    """The twice-yearly survey of a young teacher: difficulties and emotional comfort [002:240]."""

    class Half(models.TextChoices):
        AUTUMN = "autumn", _("autumn")
        SPRING = "spring", _("spring")

    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the school year starts: 2025 for 2025/2026."),
    )
    half = models.CharField(_("survey period"), max_length=10, choices=Half.choices)
    difficulties = models.JSONField(_("difficulties"), default=list, blank=True)
    other_difficulties = models.TextField(_("other difficulties"), blank=True)
    comfort = models.PositiveSmallIntegerField(
        _("emotional comfort"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (very uncomfortable) to 5 (fully comfortable)."),
    )
    wants_mentor = models.BooleanField(_("would like a mentor"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    history = audited_history()

    choice_lists = {"difficulties": Difficulty}

    class Meta:
        verbose_name = _("young teacher survey")
        verbose_name_plural = _("young teacher surveys")
        ordering = ["-school_year", "-half", "teacher"]
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "school_year", "half"],
                name="young_teacher_survey_once_per_half_year",
                violation_error_message=_("This teacher has already answered the survey for this period."),
            ),
            models.CheckConstraint(
                name="young_teacher_survey_comfort_1_to_5", condition=Q(comfort__gte=1, comfort__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.period}"

    @property
    def school_year_display(self) -> str:
        return school_year_label(self.school_year)

    @property
    def period(self) -> str:
        return f"{self.get_half_display()} {self.school_year_display}"

    def get_difficulties_display(self) -> list[str]:
        return [str(Difficulty(code).label) for code in self.difficulties if code in Difficulty.values]


def school_year_label(start_year: int) -> str:
    return f"{start_year}/{start_year + 1}"
