"""Internships at internship and base sites ([000:303], [003:135], [004:61]): the site's programmes and
teachers of other organisations who take them; a completion counts as the teacher's professional
development and shows on their ИОМ when linked to its activity."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history

from .register import Site


class InternshipProgramme(models.Model):
    site = models.ForeignKey(Site, models.PROTECT, related_name="programmes", verbose_name=_("site"))
    topic = models.CharField(_("topic"), max_length=300)
    description = models.TextField(_("programme"), blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    capacity = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = {"organisation": "site__organisation", "municipality": "site__municipality",
                     "region": "site__municipality__region"}

    class Meta:
        verbose_name = _("internship programme")
        verbose_name_plural = _("internship programmes")
        ordering = ["-starts_on", "topic"]
        constraints = [models.CheckConstraint(name="internship_programme_dates_in_order",
                                              condition=models.Q(ends_on__gte=models.F("starts_on")))]
        indexes = [models.Index(fields=["published", "-starts_on"])]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("internships:programme_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The programme ends before it starts.")})


class Internship(models.Model):
    """A teacher's internship on a programme: applied, agreed by their director, accepted by the site,
    completed with an outcome."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("awaiting the director's agreement")
        AGREED = "agreed", _("awaiting the site's acceptance")
        ACCEPTED = "accepted", _("accepted")
        COMPLETED = "completed", _("completed")
        NOT_COMPLETED = "not_completed", _("not completed")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("programme completed")
        COMPLETED_WITH_PRODUCT = "with_product", _("completed with a methodical product")
        NOT_COMPLETED = "not_completed", _("programme not completed")

    programme = models.ForeignKey(InternshipProgramme, models.PROTECT, related_name="internships",
                                  verbose_name=_("programme"))
    teacher = models.ForeignKey("accounts.User", models.PROTECT, related_name="internships",
                                verbose_name=_("teacher"))
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("teacher's organisation"))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.APPLIED)
    motivation = models.TextField(_("what the teacher expects"), blank=True)
    agreed_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("agreed by the director"))
    agreed_at = models.DateTimeField(_("agreed"), null=True, blank=True)
    accepted_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("accepted by the site"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    declined_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("declined by"))
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("site's note on the outcome"), blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("completion recorded by"))
    route_activity = models.ForeignKey("routes.RouteActivity", models.SET_NULL, null=True, blank=True,
                                       related_name="internships", verbose_name=_("activity of the ИОМ"))
    created_at = models.DateTimeField(_("applied"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = {"organisation": "organisation", "municipality": "programme__site__municipality",
                     "region": "programme__site__municipality__region"}

    class Meta:
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["programme", "teacher"], condition=~models.Q(status__in=["declined", "withdrawn"]),
            name="one_live_internship_per_programme")]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("internships:detail", kwargs={"pk": self.pk})
