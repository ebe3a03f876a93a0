"""Organisations, people and their roles in scope (domain.md §1).

A process app models the memberships it needs itself (a competition's jury and committee:
`competitions.CompetitionMember`), so nothing here points into a process app.
"""
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
from .roles import (  # noqa: F401  where the models and their users have always found them
    ROLE_SCOPES,
    YOUNG_TEACHER_AGE_LIMIT,
    Role,
    Scope,
    grant_codename,
    role_permissions,
)


class Region(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    history = audited_history()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        permissions = role_permissions(Scope.REGION)
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    region = models.ForeignKey(Region, models.PROTECT, related_name="municipalities", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("code"), max_length=50, unique=True, help_text=_("In Latin letters, e.g. tomsk."))
    history = audited_history()

    scope_lookups = {"municipality": "pk", "region": "region"}

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        permissions = role_permissions(Scope.MUNICIPALITY)
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("general education organisation")
        PRESCHOOL = "preschool", _("preschool educational organisation")
        SUPPLEMENTARY = "supplementary", _("supplementary education organisation")
        METHODICAL_CENTRE = "methodical_centre", _("municipal methodical centre")
        DEPARTMENT = "department", _("education authority (department)")

    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="organisations", verbose_name=_("municipality")
    )
    name = models.CharField(_("full name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    is_small_school = models.BooleanField(_("small school"), default=False)
    is_low_results = models.BooleanField(_("school with low educational results"), default=False)
    history = audited_history()

    scope_lookups = {"organisation": "pk", "municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("educational organisation")
        verbose_name_plural = _("educational organisations")
        permissions = role_permissions(Scope.ORGANISATION)
        ordering = ["municipality__name", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "short_name"], name="organisation_short_name_unique"),
        ]

    def __str__(self) -> str:
        return self.short_name


class Association(models.Model):
    """A methodical association or another professional community [000:325, 002:227-228]."""

    class Level(models.TextChoices):
        SCHOOL = "school", _("school (school association)")
        MUNICIPAL = "municipal", _("municipal (municipal, district or city association)")

    class Territory(models.TextChoices):
        """Which association of the municipal level it is: the seeds name all three [domain.md §1]."""

        MUNICIPAL = "municipal", _("municipal association (MunMA)")
        DISTRICT = "district", _("district association (DistMA)")
        CITY = "city", _("city association (CityMA)")

    class Kind(models.TextChoices):
        METHODICAL = "methodical", _("methodical association")
        PROFESSIONAL_COMMUNITY = "professional_community", _("professional community")
        CREATIVE_GROUP = "creative_group", _("creative problem-solving group")
        TUTOR_COMMUNITY = "tutor_community", _("tutor community")

    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    territory = models.CharField(_("municipal, district or city"), max_length=10, choices=Territory.choices,
                                 default=Territory.MUNICIPAL, blank=True,
                                 help_text=_("Only for an association of the municipal level."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.METHODICAL)
    direction = models.CharField(_("subject or area"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="associations", verbose_name=_("municipality")
    )
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="associations",
        verbose_name=_("organisation"),
        help_text=_("Only for a school association."),
    )
    head = models.ForeignKey(
        "User", models.SET_NULL, null=True, blank=True, related_name="headed_associations", verbose_name=_("head")
    )
    history = audited_history()

    scope_lookups = {
        "association": "pk",
        "organisation": "organisation",
        "municipality": "municipality",
        "region": "municipality__region",
    }

    class Meta:
        verbose_name = _("methodical association")
        verbose_name_plural = _("methodical associations")
        permissions = role_permissions(Scope.ASSOCIATION)
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.level == self.Level.SCHOOL:
            self.territory = ""
        elif self.territory not in self.Territory.values:
            raise ValidationError({"territory": _("Choose a municipal, district or city association.")})
        if self.level == self.Level.SCHOOL and not self.organisation_id:
            raise ValidationError({"organisation": _("A school association belongs to an organisation.")})
        if self.organisation_id and self.organisation.municipality_id != self.municipality_id:
            raise ValidationError({"organisation": _("The organisation is in another municipality.")})


class User(AbstractUser):
    """A person: a pedagogical worker or a staff member of the methodical service (domain.md §1)."""

    class Education(models.TextChoices):
        HIGHER_PEDAGOGICAL = "higher_pedagogical", _("higher pedagogical")
        HIGHER = "higher", _("higher")
        VOCATIONAL_PEDAGOGICAL = "vocational_pedagogical", _("vocational pedagogical")
        VOCATIONAL = "vocational", _("vocational")
        OTHER = "other", _("other")

    class Category(models.TextChoices):
        NONE = "none", _("no category")
        FIRST = "first", _("first")
        HIGHEST = "highest", _("highest")

    class TenureBand(models.TextChoices):
        # [003:253] young-teacher bands: first year, 1–3, 4–5 years
        FIRST_YEAR = "first_year", _("first year of work")
        ONE_TO_THREE = "1_3", _("1 to 3 years")
        FOUR_TO_FIVE = "4_5", _("4 to 5 years")
        OVER_FIVE = "over_5", _("over 5 years")

    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    # Issued by the municipality's (centralised) accounting, so unique within a municipality only; the staff
    # import checks it there (accounts.staff_import), as no database constraint reaches the organisation's.
    staff_number = models.CharField(_("staff number"), max_length=32, blank=True, db_index=True)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("organisation")
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    tenure_start = models.DateField(_("start of teaching experience"), null=True, blank=True)
    education = models.CharField(_("education"), max_length=30, choices=Education.choices, blank=True)
    category = models.CharField(
        _("qualification category"), max_length=10, choices=Category.choices, default=Category.NONE
    )
    teaching_load = models.DecimalField(
        _("teaching load, h/week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    history = audited_history(excluded_fields=["password", "last_login"])

    objects = UserManager()

    scope_lookups = {
        "organisation": "organisation",
        "municipality": "organisation__municipality",
        "region": "organisation__municipality__region",
    }

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
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


SCOPE_FIELDS = ("organisation", "municipality", "region", "association")


def _at_most_one_set(fields: tuple[str, ...]) -> Q:
    return reduce(or_, (Q(**{f"{other}__isnull": True for other in fields if other != kept}) for kept in fields))


def in_force(on: date | None = None) -> Q:
    """The condition on a `ValidityPeriod` to be in force on a day (today by default)."""
    on = on or timezone.localdate()
    return Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


class ValidityPeriod(models.Model):
    """Held from a date and optionally until one: a role assignment, a membership of a jury."""

    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def period_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            name=name, condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")))

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def clean(self) -> None:
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end date is before the start date.")})


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> RoleAssignmentQuerySet:
        return self.filter(in_force(on), user__is_active=True)

    def holders(self, role: str, scope: str, scope_object: models.Model) -> models.QuerySet[User]:
        """The people who hold `role` in `scope_object` today."""
        user_ids = self.active().filter(role=role, **{scope: scope_object}).values("user_id")
        return User.objects.filter(pk__in=user_ids)


class RoleAssignment(ValidityPeriod):
    """A person holds a role in one scope for a period; a person holds many at once [001:122]."""

    user = models.ForeignKey(User, models.CASCADE, related_name="role_assignments", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    municipality = models.ForeignKey(
        Municipality, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("municipality")
    )
    region = models.ForeignKey(Region, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("region"))
    association = models.ForeignKey(
        Association, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("association")
    )
    history = audited_history()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(name="role_assignment_single_scope", condition=_at_most_one_set(SCOPE_FIELDS)),
            ValidityPeriod.period_constraint("role_assignment_valid_period"),
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

    def clean(self) -> None:
        super().clean()
        filled = [field for field in SCOPE_FIELDS if getattr(self, f"{field}_id") is not None]
        if len(filled) > 1:
            raise ValidationError(_("A role assignment can have only one scope."))
        allowed = ROLE_SCOPES.get(self.role, frozenset())
        if self.role and self.scope not in allowed:
            raise ValidationError(
                _("The role “%(role)s” is assigned in scopes: %(allowed)s.")
                % {
                    "role": self.get_role_display(),
                    "allowed": ", ".join(str(Scope(scope).label) for scope in sorted(allowed)),
                }
            )
