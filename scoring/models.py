"""Parallel assessment by independent experts (domain.md §2.3): who scores which case in which round,
their reviews, the criteria and the municipality's rules.

The assessed case is any model: an assignment names it generically (`content_type` + `object_id`), as
guardian names the objects of its grants, because the case exists before its process and the expert's
grant is on the case. A case model declares `assignments = GenericRelation(ExpertAssignment, …)`.
"""
from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.models import Municipality


class Criterion(models.Model):
    """A criterion experts score a case against, with its maximum, per municipality and process."""

    municipality = models.ForeignKey(Municipality, models.CASCADE, related_name="criteria",
                                     verbose_name=_("municipality"))
    # Which process's set this is: a competition keeps criteria of its own beside the materials'.
    purpose = models.CharField(_("process"), max_length=40, default="material")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("criterion"), max_length=200)
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    history = audited_history()

    class Meta:
        verbose_name = _("expertise criterion")
        verbose_name_plural = _("expertise criteria")
        ordering = ["municipality", "purpose", "order"]

    def __str__(self) -> str:
        return f"{self.name} (0–{self.max_score})"


class ExpertiseRules(models.Model):
    municipality = models.OneToOneField(Municipality, models.CASCADE, related_name="expertise_rules",
                                        verbose_name=_("municipality"))
    experts = models.PositiveSmallIntegerField(_("experts per material"), default=2)
    score_gap = models.PositiveSmallIntegerField(
        _("score gap that calls a further expert"), default=10,
        help_text=_("When the experts' totals differ by more than this, one more expert is assigned."))
    history = audited_history()

    class Meta:
        verbose_name = _("expertise rules")
        verbose_name_plural = _("expertise rules")

    def __str__(self) -> str:
        return str(self.municipality)


class ExpertAssignment(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("assigned")
        DECLINED = "declined", _("declined")
        REVIEWED = "reviewed", _("review submitted")

    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    expert = models.ForeignKey("accounts.User", models.PROTECT, related_name="expert_assignments",
                               verbose_name=_("expert"))
    round = models.PositiveSmallIntegerField(_("round"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    # The expert the score-gap rule added: at most one a round.
    further = models.BooleanField(_("further expert"), default=False)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    replacement = models.OneToOneField("self", models.SET_NULL, null=True, blank=True, related_name="replaces",
                                       verbose_name=_("replaced by"))
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["round", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "round"])]

    def __str__(self) -> str:
        return f"{self.case} — {self.expert} ({self.round})"


class Review(models.Model):
    """An expert's review (рецензия): scores against the criteria, the text and a recommendation."""

    class Recommendation(models.TextChoices):
        PUBLISH = "publish", _("publish in the bank")
        REVISE = "revise", _("revise")
        REJECT = "reject", _("reject")

    assignment = models.OneToOneField(ExpertAssignment, models.CASCADE, related_name="review",
                                      verbose_name=_("assignment"))
    scores = models.JSONField(_("scores"), default=dict)
    total = models.PositiveSmallIntegerField(_("total score"), validators=[MaxValueValidator(1000)])
    # A juror of a competition scores only: no text, no recommendation (validate_scores requires them of experts).
    text = models.TextField(_("review"), blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assignment__round", "pk"]

    def __str__(self) -> str:
        return f"{self.assignment.case}: {self.total}"
