"""Organisations, people and their roles in scope (domain.md §1)."""
from __future__ import annotations

from datetime import date
from functools import reduce
from operator import or_

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .history import audited_history

YOUNG_TEACHER_AGE_LIMIT = 35  # [002:65, 000:194] «молодой педагог — до 35 лет»


class Region(models.Model):
    name = models.CharField(_("название"), max_length=200, unique=True)
    history = audited_history()

    class Meta:
        verbose_name = _("регион")
        verbose_name_plural = _("регионы")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    region = models.ForeignKey(Region, models.PROTECT, related_name="municipalities", verbose_name=_("регион"))
    name = models.CharField(_("название"), max_length=200)
    slug = models.SlugField(_("код"), max_length=50, unique=True, help_text=_("Латиницей, например tomsk."))
    history = audited_history()

    scope_lookups = {"municipality": "pk", "region": "region"}

    class Meta:
        verbose_name = _("муниципалитет")
        verbose_name_plural = _("муниципалитеты")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("общеобразовательная организация")
        PRESCHOOL = "preschool", _("дошкольная образовательная организация")
        SUPPLEMENTARY = "supplementary", _("организация дополнительного образования")
        METHODICAL_CENTRE = "methodical_centre", _("муниципальный методический центр")
        DEPARTMENT = "department", _("управление (департамент) образования")

    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="organisations", verbose_name=_("муниципалитет")
    )
    name = models.CharField(_("полное название"), max_length=300)
    short_name = models.CharField(_("краткое название"), max_length=100)
    kind = models.CharField(_("тип"), max_length=20, choices=Kind.choices)
    is_small_school = models.BooleanField(_("малокомплектная"), default=False)
    is_low_results = models.BooleanField(_("школа с низкими результатами (ШНОР)"), default=False)
    history = audited_history()

    scope_lookups = {"organisation": "pk", "municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("образовательная организация")
        verbose_name_plural = _("образовательные организации")
        ordering = ["municipality__name", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "short_name"], name="organisation_short_name_unique"),
        ]

    def __str__(self) -> str:
        return self.short_name


class Association(models.Model):
    """A methodical association or another professional community [000:325, 002:227-228]."""

    class Level(models.TextChoices):
        SCHOOL = "school", _("школьное (ШМО)")
        MUNICIPAL = "municipal", _("муниципальное (ММО/РМО/ГМО)")

    class Kind(models.TextChoices):
        METHODICAL = "methodical", _("методическое объединение")
        PROFESSIONAL_COMMUNITY = "professional_community", _("профессиональное сообщество")
        CREATIVE_GROUP = "creative_group", _("проблемно-творческая группа")
        TUTOR_COMMUNITY = "tutor_community", _("тьюторское сообщество")

    name = models.CharField(_("название"), max_length=300)
    level = models.CharField(_("уровень"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("вид"), max_length=30, choices=Kind.choices, default=Kind.METHODICAL)
    direction = models.CharField(_("предмет или направление"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="associations", verbose_name=_("муниципалитет")
    )
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="associations",
        verbose_name=_("организация"),
        help_text=_("Только для школьного объединения."),
    )
    head = models.ForeignKey(
        "User", models.SET_NULL, null=True, blank=True, related_name="headed_associations", verbose_name=_("руководитель")
    )
    history = audited_history()

    scope_lookups = {
        "association": "pk",
        "organisation": "organisation",
        "municipality": "municipality",
        "region": "municipality__region",
    }

    class Meta:
        verbose_name = _("методическое объединение")
        verbose_name_plural = _("методические объединения")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.level == self.Level.SCHOOL and not self.organisation_id:
            raise ValidationError({"organisation": _("Школьное объединение относится к организации.")})
        if self.organisation_id and self.organisation.municipality_id != self.municipality_id:
            raise ValidationError({"organisation": _("Организация из другого муниципалитета.")})


class User(AbstractUser):
    """A person: a pedagogical worker or a staff member of the methodical service (domain.md §1)."""

    class Education(models.TextChoices):
        HIGHER_PEDAGOGICAL = "higher_pedagogical", _("высшее педагогическое")
        HIGHER = "higher", _("высшее")
        VOCATIONAL_PEDAGOGICAL = "vocational_pedagogical", _("среднее профессиональное педагогическое")
        VOCATIONAL = "vocational", _("среднее профессиональное")
        OTHER = "other", _("другое")

    class Category(models.TextChoices):
        NONE = "none", _("без категории")
        FIRST = "first", _("первая")
        HIGHEST = "highest", _("высшая")

    class TenureBand(models.TextChoices):
        # [003:253] young-teacher bands: first year, 1–3, 4–5 years
        FIRST_YEAR = "first_year", _("первый год работы")
        ONE_TO_THREE = "1_3", _("от 1 до 3 лет")
        FOUR_TO_FIVE = "4_5", _("от 4 до 5 лет")
        OVER_FIVE = "over_5", _("более 5 лет")

    patronymic = models.CharField(_("отчество"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("организация")
    )
    position = models.CharField(_("должность"), max_length=200, blank=True)
    subject = models.CharField(_("предмет"), max_length=200, blank=True)
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    tenure_start = models.DateField(_("начало педагогического стажа"), null=True, blank=True)
    education = models.CharField(_("образование"), max_length=30, choices=Education.choices, blank=True)
    category = models.CharField(
        _("квалификационная категория"), max_length=10, choices=Category.choices, default=Category.NONE
    )
    teaching_load = models.DecimalField(
        _("учебная нагрузка, ч/нед"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    history = audited_history(excluded_fields=["password", "last_login"])

    objects = UserManager()

    scope_lookups = {
        "organisation": "organisation",
        "municipality": "organisation__municipality",
        "region": "organisation__municipality__region",
    }

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")
        ordering = ["last_name", "first_name", "patronymic"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        """ФИО: surname, name, patronymic."""
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    def age(self, on: date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        on = on or timezone.localdate()
        return on.year - self.birth_date.year - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))

    def is_young_teacher(self, on: date | None = None) -> bool:
        age = self.age(on)
        return age is not None and age < YOUNG_TEACHER_AGE_LIMIT

    def tenure_years(self, on: date | None = None) -> int | None:
        if self.tenure_start is None:
            return None
        on = on or timezone.localdate()
        start = self.tenure_start
        return max(0, on.year - start.year - ((on.month, on.day) < (start.month, start.day)))

    def tenure_band(self, on: date | None = None) -> TenureBand | None:
        years = self.tenure_years(on)
        if years is None:
            return None
        if years < 1:
            return self.TenureBand.FIRST_YEAR
        if years <= 3:
            return self.TenureBand.ONE_TO_THREE
        if years <= 5:
            return self.TenureBand.FOUR_TO_FIVE
        return self.TenureBand.OVER_FIVE

    @property
    def municipality(self) -> Municipality | None:
        return self.organisation.municipality if self.organisation_id else None


class Role(models.TextChoices):
    """Roles of domain.md §1; the value is the word used in demo user names (`teacher.tomsk`)."""

    TEACHER = "teacher", _("педагог")
    MENTOR = "mentor", _("наставник")
    TUTOR = "tutor", _("тьютор")
    LEAD = "lead", _("руководитель методической службы школы")
    DIRECTOR = "director", _("руководитель образовательной организации")
    METHODIST = "methodist", _("методист муниципального методического центра")
    EXPERT = "expert", _("эксперт")
    JURY = "jury", _("член жюри")
    COMMITTEE = "committee", _("член оргкомитета")
    OFFICER = "officer", _("специалист управления образования")
    AUDITOR = "auditor", _("контроль (только чтение)")
    ADMIN = "admin", _("администратор")


class Scope(models.TextChoices):
    ORGANISATION = "organisation", _("организация")
    MUNICIPALITY = "municipality", _("муниципалитет")
    REGION = "region", _("регион")
    ASSOCIATION = "association", _("методическое объединение")
    COMPETITION = "competition", _("конкурс")
    INSTALLATION = "installation", _("вся система")


# Which scopes each role may be held in (domain.md §1, the role table).
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.TEACHER: frozenset({Scope.ORGANISATION}),
    Role.MENTOR: frozenset({Scope.ORGANISATION, Scope.MUNICIPALITY}),
    Role.TUTOR: frozenset({Scope.ORGANISATION, Scope.MUNICIPALITY}),
    Role.LEAD: frozenset({Scope.ORGANISATION, Scope.ASSOCIATION}),
    Role.DIRECTOR: frozenset({Scope.ORGANISATION}),
    Role.METHODIST: frozenset({Scope.MUNICIPALITY}),
    Role.EXPERT: frozenset({Scope.MUNICIPALITY}),
    Role.JURY: frozenset({Scope.COMPETITION}),
    Role.COMMITTEE: frozenset({Scope.COMPETITION}),
    Role.OFFICER: frozenset({Scope.MUNICIPALITY}),
    Role.AUDITOR: frozenset({Scope.MUNICIPALITY, Scope.REGION}),
    Role.ADMIN: frozenset({Scope.INSTALLATION}),
}

SCOPE_FIELDS = ("organisation", "municipality", "region", "association", "competition")


def _at_most_one_set(fields: tuple[str, ...]) -> Q:
    return reduce(or_, (Q(**{f"{other}__isnull": True for other in fields if other != kept}) for kept in fields))


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__lte=on), Q(valid_until__isnull=True) | Q(valid_until__gte=on), user__is_active=True
        )


class RoleAssignment(models.Model):
    """A person holds a role in one scope for a period; a person holds many at once [001:122]."""

    user = models.ForeignKey(User, models.CASCADE, related_name="role_assignments", verbose_name=_("пользователь"))
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("организация")
    )
    municipality = models.ForeignKey(
        Municipality, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("муниципалитет")
    )
    region = models.ForeignKey(Region, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("регион"))
    association = models.ForeignKey(
        Association, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("объединение")
    )
    competition = models.ForeignKey(
        "workflows.Competition", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("конкурс")
    )
    valid_from = models.DateField(_("действует с"), default=timezone.localdate)
    valid_until = models.DateField(_("действует по"), null=True, blank=True)
    history = audited_history()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("назначение роли")
        verbose_name_plural = _("назначения ролей")
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(name="role_assignment_single_scope", condition=_at_most_one_set(SCOPE_FIELDS)),
            models.CheckConstraint(
                name="role_assignment_valid_period",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} ({self.scope_object or self.get_scope_display()})"

    @property
    def scope(self) -> str:
        for field in SCOPE_FIELDS:
            if getattr(self, f"{field}_id") is not None:
                return field
        return Scope.INSTALLATION

    def get_scope_display(self) -> str:
        return Scope(self.scope).label

    @property
    def scope_object(self) -> models.Model | None:
        return getattr(self, self.scope) if self.scope != Scope.INSTALLATION else None

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def clean(self) -> None:
        filled = [field for field in SCOPE_FIELDS if getattr(self, f"{field}_id") is not None]
        if len(filled) > 1:
            raise ValidationError(_("У назначения роли может быть только одна область действия."))
        allowed = ROLE_SCOPES.get(self.role, frozenset())
        if self.role and self.scope not in allowed:
            raise ValidationError(
                _("Роль «%(role)s» назначается в области: %(allowed)s.")
                % {
                    "role": self.get_role_display(),
                    "allowed": ", ".join(str(Scope(scope).label) for scope in sorted(allowed)),
                }
            )
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Дата окончания раньше даты начала.")})
