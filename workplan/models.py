"""The methodical service's work plan (план работы, дорожная карта) for a year and its execution
([000:216-236] the Tomsk plan: item, deadline, responsible; [001:107,165,319-329] planned review of the
programme's execution; [004:91] the service plans its year): items by section of the roadmap, each with
a deadline, a responsible person, the indicator it serves, a status and a short result, and the year's
analysis of what was done, on time, late and not done."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history

from .indicators import Indicator


class Section(models.TextChoices):
    """Sections of the roadmap, after the directions of the seeds' plans."""

    DOCUMENTS = "documents", _("normative documents and organisation")
    ANALYSIS = "analysis", _("monitoring, diagnostics and analysis")
    PROFESSIONAL_DEVELOPMENT = "development", _("professional development of teachers")
    YOUNG_TEACHERS = "young", _("young teachers and mentoring")
    ASSOCIATIONS = "associations", _("methodical associations")
    EVENTS = "events", _("events, experience and competitions")
    SCHOOLS_SUPPORT = "support", _("support of low-result schools")
    INNOVATION = "innovation", _("innovation and sites")
    INFORMATION = "information", _("information support")


class WorkPlan(models.Model):
    """The municipality's plan of its methodical service for a calendar year, approved by the department."""

    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="work_plans",
                                     verbose_name=_("municipality"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    created_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name=_("drawn up by"))
    created_at = models.DateTimeField(_("drawn up"), default=timezone.now, editable=False)
    approved_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    analysis = models.TextField(_("analysis of the plan's execution"), blank=True)
    analysed_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("analysis written by"))
    analysed_at = models.DateTimeField(_("analysis written"), null=True, blank=True)
    history = audited_history()

    scope_lookups = {"municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year", "municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="one_work_plan_a_year"),
            models.CheckConstraint(condition=Q(approved_by__isnull=True, approved_at__isnull=True)
                                   | Q(approved_by__isnull=False, approved_at__isnull=False),
                                   name="work_plan_approval_names_who_and_when"),
        ]

    def __str__(self) -> str:
        return self.title or _("Work plan of %(municipality)s for %(year)s") % {
            "municipality": self.municipality, "year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("workplan:plan", kwargs={"pk": self.pk})

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class PlanItem(models.Model):
    """One line of the plan: what is done, by when, by whom, for which indicator; closed with a result."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not done")

    CLOSED = (Status.DONE, Status.NOT_DONE)

    plan = models.ForeignKey(WorkPlan, models.CASCADE, related_name="items", verbose_name=_("work plan"))
    number = models.PositiveSmallIntegerField(_("No."))
    section = models.CharField(_("section of the roadmap"), max_length=20, choices=Section.choices)
    title = models.CharField(_("what is done"), max_length=1000)
    deadline = models.DateField(_("deadline"))
    responsible = models.ForeignKey("accounts.User", models.PROTECT, related_name="plan_items",
                                    verbose_name=_("responsible"))
    indicator = models.CharField(_("indicator it serves"), max_length=10, choices=Indicator.choices, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    result = models.TextField(_("result"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("closed by"))
    history = audited_history()

    scope_lookups = {"organisation": "responsible__organisation", "municipality": "plan__municipality",
                     "region": "plan__municipality__region"}

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_item_number_once"),
            # A closed item says what came of it [000:216-236]: an item cannot be closed without a result.
            models.CheckConstraint(
                condition=~Q(status__in=["done", "not_done"]) | (~Q(result="") & Q(closed_on__isnull=False)),
                name="closed_plan_item_has_result"),
        ]
        indexes = [models.Index(fields=["plan", "section", "number"]),
                   models.Index(fields=["responsible", "status"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("workplan:item", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def is_overdue(self) -> bool:
        return not self.is_closed and self.deadline < timezone.localdate()

    @property
    def done_on_time(self) -> bool | None:
        """Done by its deadline (None while not done)."""
        if self.status != self.Status.DONE:
            return None
        return self.closed_on <= self.deadline

    def clean(self) -> None:
        if self.status in self.CLOSED and not self.result.strip():
            raise ValidationError({"result": _("An item is closed with its result: say what was done.")})
