"""Professional competitions (domain.md §2.5): the competition, its level, its organising municipality, its
settings, and the people on its jury and organising committee."""
from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.levels import Level  # noqa: F401  (re-exported: competitions.models.Level)
from accounts.models import Municipality, User, ValidityPeriod, in_force


class MemberRole(models.TextChoices):
    """What a person is in one competition; the value names the task-queue grant `act_as_<role>_in_competition`."""

    JURY = "jury", _("jury member")
    COMMITTEE = "committee", _("organising committee member")


def member_grant_codename(role: str) -> str:
    return f"act_as_{role}_in_competition"


class Aggregation(models.TextChoices):
    """How the jury's scores of a contestant make the contestant's score in a round."""

    SUM = "sum", _("sum of the jurors' scores")
    MEAN = "mean", _("mean of the jurors' scores")
    TRIMMED_MEAN = "trimmed_mean", _("mean without the highest and the lowest score")


class TieBreak(models.TextChoices):
    """Which contestant ranks higher when their totals are equal."""

    LAST_ROUND = "last_round", _("the higher score in the last round")
    TOP_CRITERION = "top_criterion", _("the higher score on the criterion of the highest weight")
    COMMITTEE = "committee", _("the committee's decision (shared place until then)")


class Competition(models.Model):
    """A professional competition [000:195-197, 002:153], e.g. «Учитель года», set up by its organising
    committee: nominations, eligibility, rounds with criteria and juries, deadlines, how scores aggregate."""

    class Status(models.TextChoices):
        SETUP = "setup", _("being set up")
        NOMINATIONS = "nominations", _("accepting nominations")
        ROUNDS = "rounds", _("rounds under way")
        RESULTS = "results", _("results approved")

    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.MUNICIPAL)
    year = models.PositiveSmallIntegerField(_("year"))
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="competitions", verbose_name=_("organising municipality")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SETUP)
    description = models.TextField(_("regulation of the competition"), blank=True)
    nominations_open_on = models.DateField(_("nominations from"), null=True, blank=True)
    nominations_deadline = models.DateTimeField(_("deadline for nominations"), null=True, blank=True)
    self_nomination = models.BooleanField(_("self-nomination allowed"), default=False)
    # Eligibility, checked automatically at admission and shown to the committee.
    young_teachers_only = models.BooleanField(_("young teachers only"), default=False)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    min_tenure_years = models.PositiveSmallIntegerField(_("minimum teaching experience, years"), null=True,
                                                        blank=True)
    max_tenure_years = models.PositiveSmallIntegerField(_("maximum teaching experience, years"), null=True,
                                                        blank=True)
    positions = models.JSONField(_("positions admitted"), default=list, blank=True,
                                 help_text=_("Empty: any position."))
    aggregation = models.CharField(_("aggregation of the jury's scores"), max_length=20,
                                   choices=Aggregation.choices, default=Aggregation.MEAN)
    tie_break = models.CharField(_("tie-break rule"), max_length=20, choices=TieBreak.choices,
                                 default=TieBreak.LAST_ROUND)
    winners = models.PositiveSmallIntegerField(_("winners"), default=1)
    prize_winners = models.PositiveSmallIntegerField(_("prize-winners"), default=2)
    # The next level's competition a winner is forwarded to, with their materials.
    next_level = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="previous_levels",
                                   verbose_name=_("next level's competition"))
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

    def get_absolute_url(self) -> str:
        return reverse("competitions:competition", kwargs={"pk": self.pk})


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

