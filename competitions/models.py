"""Professional competitions (domain.md §4): the competition, its level, its organising municipality, and the
people on its jury and organising committee."""
from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.models import Municipality, User, ValidityPeriod, in_force


class Level(models.TextChoices):
    """Levels of events and competitions (domain.md §4)."""

    ORGANISATION = "organisation", _("organisation")
    MUNICIPAL = "municipal", _("municipal")
    INTERMUNICIPAL = "intermunicipal", _("intermunicipal")
    REGIONAL = "regional", _("regional")
    FEDERAL = "federal", _("federal")
    INTERNATIONAL = "international", _("international")


class MemberRole(models.TextChoices):
    """What a person is in one competition; the value names the task-queue grant `act_as_<role>_in_competition`."""

    JURY = "jury", _("jury member")
    COMMITTEE = "committee", _("organising committee member")


def member_grant_codename(role: str) -> str:
    return f"act_as_{role}_in_competition"


class Competition(models.Model):
    """A professional competition [000:195-197, 002:153], e.g. «Учитель года»."""

    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.MUNICIPAL)
    year = models.PositiveSmallIntegerField(_("year"))
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="competitions", verbose_name=_("organising municipality")
    )
    history = audited_history()

    scope_lookups = {"municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        # Guardian grants mirroring the memberships (competitions.grants), for Viewflow's task queue.
        permissions = [(member_grant_codename(role), f"acts as {role.value}") for role in MemberRole]
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name", "year"], name="competition_unique_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.year}"


class CompetitionMemberQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> CompetitionMemberQuerySet:
        return self.filter(in_force(on), person__is_active=True)


class CompetitionMember(ValidityPeriod):
    """A person on the jury or the organising committee of one competition, for a period [000:197, 002:153]."""

    competition = models.ForeignKey(
        Competition, models.CASCADE, related_name="members", verbose_name=_("competition")
    )
    person = models.ForeignKey(
        User, models.CASCADE, related_name="competition_memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    history = audited_history()

    objects = CompetitionMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("competition member")
        verbose_name_plural = _("competition members")
        ordering = ["competition", "role", "person"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "person", "role", "valid_from"],
                                    name="competition_member_unique"),
            ValidityPeriod.period_constraint("competition_member_valid_period"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()} ({self.competition})"

    @property
    def scope_object(self) -> Competition:
        return self.competition

    def get_scope_display(self) -> str:
        return str(Competition._meta.verbose_name)

