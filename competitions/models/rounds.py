"""A competition's nominations and rounds: each round with its weighted criteria, its jury and its schedule
(domain.md §2.5; [001:240-262])."""
from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history

from .setup import Competition


class Nomination(models.Model):
    """A nomination (номинация) of the competition, e.g. «Педагогический дебют» within «Учитель года»."""

    competition = models.ForeignKey(Competition, models.CASCADE, related_name="nominations",
                                    verbose_name=_("competition"))
    name = models.CharField(_("name"), max_length=300)
    history = audited_history()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["competition", "name"]
        constraints = [models.UniqueConstraint(fields=["competition", "name"], name="nomination_unique")]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """A round (тур): what contestants do, when and where, who judges it and who goes on to the next."""

    class Kind(models.TextChoices):
        PORTFOLIO = "portfolio", _("portfolio")
        ESSAY = "essay", _("essay")
        OPEN_LESSON = "open_lesson", _("open lesson")
        MASTER_CLASS = "master_class", _("master class")
        INTERVIEW = "interview", _("interview")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PENDING = "pending", _("not started")
        SCORING = "scoring", _("being scored")
        CLOSED = "closed", _("closed")

    competition = models.ForeignKey(Competition, models.CASCADE, related_name="rounds",
                                    verbose_name=_("competition"))
    position = models.PositiveSmallIntegerField(_("round"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("form"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # Who goes on to the next round: the best `advance_top` or those with at least `advance_threshold`.
    advance_top = models.PositiveSmallIntegerField(_("contestants going on (top N)"), null=True, blank=True)
    advance_threshold = models.DecimalField(_("score needed to go on"), max_digits=8, decimal_places=2,
                                            null=True, blank=True)
    jury = models.ManyToManyField("accounts.User", blank=True, related_name="judged_rounds",
                                  verbose_name=_("jury of the round"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    history = audited_history(m2m_fields=[jury])

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["competition", "position"]
        constraints = [models.UniqueConstraint(fields=["competition", "position"], name="round_position_unique")]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class RoundCriterion(models.Model):
    round = models.ForeignKey(Round, models.CASCADE, related_name="criteria", verbose_name=_("round"))
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("criterion"), max_length=300)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), validators=[MinValueValidator(1)])
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1"),
                                 validators=[MinValueValidator(Decimal("0.01"))])
    history = audited_history()

    class Meta:
        verbose_name = _("criterion of a round")
        verbose_name_plural = _("criteria of a round")
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return f"{self.name} (0–{self.max_score})"


class JurorDeclaration(models.Model):
    """A juror's declared relative or close person among the contestants: excluded from judging them."""

    competition = models.ForeignKey(Competition, models.CASCADE, related_name="declarations",
                                    verbose_name=_("competition"))
    juror = models.ForeignKey("accounts.User", models.CASCADE, related_name="+", verbose_name=_("juror"))
    person = models.ForeignKey("accounts.User", models.CASCADE, related_name="+", verbose_name=_("related person"))
    note = models.CharField(_("relation"), max_length=200, blank=True)
    history = audited_history()

    class Meta:
        verbose_name = _("juror's declaration of interest")
        verbose_name_plural = _("jurors' declarations of interest")
        constraints = [models.UniqueConstraint(fields=["competition", "juror", "person"],
                                               name="juror_declaration_unique")]
