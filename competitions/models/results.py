"""Results of a competition: each round's totals and ranking with ties flagged, and the results protocol the
committee approves — after which scores are frozen ([000:261] winner, prize-winner, participant by level)."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history

from .entries import Entry
from .rounds import Round
from .setup import Competition


class RoundResult(models.Model):
    round = models.ForeignKey(Round, models.CASCADE, related_name="results", verbose_name=_("round"))
    entry = models.ForeignKey(Entry, models.CASCADE, related_name="round_results", verbose_name=_("entry"))
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=2)
    rank = models.PositiveIntegerField(_("place"))
    tied = models.BooleanField(_("tie"), default=False)
    tie_break_note = models.CharField(_("how the tie was broken"), max_length=300, blank=True)
    advanced = models.BooleanField(_("goes on to the next round"), default=False)
    # Kept for the overall ranking, whose ties the TOP_CRITERION rule breaks on the last round reached.
    top_criterion = models.DecimalField(_("score on the top criterion"), max_digits=9, decimal_places=2, null=True,
                                        blank=True)
    history = audited_history()

    class Meta:
        verbose_name = _("result of a round")
        verbose_name_plural = _("results of rounds")
        ordering = ["round", "rank", "entry"]
        constraints = [models.UniqueConstraint(fields=["round", "entry"], name="one_result_per_round")]

    def __str__(self) -> str:
        return f"{self.round}: {self.score}"


class ResultsProtocol(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    competition = models.OneToOneField(Competition, models.PROTECT, related_name="protocol",
                                       verbose_name=_("competition"))
    number = models.CharField(_("number"), max_length=40)
    date = models.DateField(_("date"))
    text = models.TextField(_("decision of the committee"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    history = audited_history()

    class Meta:
        verbose_name = _("results protocol")
        verbose_name_plural = _("results protocols")

    def __str__(self) -> str:
        return _("Protocol No. %(number)s") % {"number": self.number}
