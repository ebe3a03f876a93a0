"""Mentoring pairs set by the director's order (domain.md §2.6; [004:27-28,49,53,70,75], [001:183],
[002:164,226], [000:194]).

A pair joins a mentor and a mentee of one organisation: «наставник – молодой специалист», a mentor and a
teacher who has professional difficulties [004:28], a competence pair («учитель, владеющий определенной
компетенцией, и учитель, которому необходимо сформировать эту компетенцию» [001:183]) or reverse mentoring,
the young over the experienced («и наоборот» [004:75]). The director proposes it, their order sets it
(active once signed), and it ends with an evaluation of the term.
"""
from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history


class Mentorship(models.Model):
    class Kind(models.TextChoices):
        YOUNG_SPECIALIST = "young_specialist", _("mentor – young specialist")
        DIFFICULTIES = "difficulties", _("mentor – teacher with professional difficulties")
        COMPETENCE = "competence", _("teacher – teacher by a competence")
        REVERSE = "reverse", _("reverse mentoring")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    class Result(models.TextChoices):
        HIGH = "high", _("high")
        SUFFICIENT = "sufficient", _("sufficient")
        LOW = "low", _("low")

    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="mentorships",
                                     verbose_name=_("organisation"))
    mentor = models.ForeignKey("accounts.User", models.PROTECT, related_name="mentorships_as_mentor",
                               verbose_name=_("mentor"))
    mentee = models.ForeignKey("accounts.User", models.PROTECT, related_name="mentorships_as_mentee",
                               verbose_name=_("mentee"))
    kind = models.CharField(_("kind of pair"), max_length=20, choices=Kind.choices)
    competence = models.CharField(_("competence"), max_length=300, blank=True,
                                  help_text=_("What the mentee is to master, for a pair by a competence."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    order = models.ForeignKey("orders.Order", models.PROTECT, null=True, blank=True, related_name="mentorships",
                              verbose_name=_("order"))
    proposed_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name=_("proposed by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for the end"), max_length=500, blank=True)
    result = models.CharField(_("result of the term"), max_length=12, choices=Result.choices, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    evaluated_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("evaluated by"))
    evaluated_at = models.DateTimeField(_("evaluated"), null=True, blank=True)
    history = audited_history()

    scope_lookups = {"organisation": "organisation", "municipality": "organisation__municipality",
                     "region": "organisation__municipality__region"}

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            # [004:28] a mentee has one mentor of each kind at a time; the database keeps it under races.
            models.UniqueConstraint(fields=["mentee", "kind"], condition=models.Q(status="active"),
                                    name="one_active_mentor_of_a_kind"),
            models.CheckConstraint(condition=~models.Q(mentor=models.F("mentee")), name="mentor_is_not_own_mentee"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="mentorship_ends_after_it_starts"),
            models.CheckConstraint(condition=~models.Q(status="ended") | models.Q(ended_on__isnull=False),
                                   name="ended_mentorship_has_end_date"),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return _("%(mentor)s → %(mentee)s") % {"mentor": self.mentor, "mentee": self.mentee}

    def get_absolute_url(self) -> str:
        return reverse("mentoring:pair", kwargs={"pk": self.pk})
