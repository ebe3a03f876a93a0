"""Methodical visits to low-result schools (ШНОР) and schools in difficult conditions, the addressed
recommendations they leave and the schools' reports on them, and consultations (domain.md §2.7; [000:130,157,262],
[001:100-101], [002:135-137,159,162,231,245], [004:25,66-67]).

A register, not a process: nothing here is approved step by step, every change is kept in the history.
"""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history


class VisitSchedule(models.Model):
    """The municipality's schedule of methodical visits for an academic year, «график и список школ
    утверждается на каждый учебный год» [002:162]."""

    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="visit_schedules",
                                     verbose_name=_("municipality"))
    year = models.PositiveSmallIntegerField(_("academic year (from)"), validators=[MinValueValidator(2000)],
                                            help_text=_("The year the academic year starts: 2026 for 2026/2027."))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    approved_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    history = audited_history()

    scope_lookups = {"municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("schedule of methodical visits")
        verbose_name_plural = _("schedules of methodical visits")
        ordering = ["municipality__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="one_visit_schedule_a_year")]

    def __str__(self) -> str:
        return _("Visits of %(municipality)s, %(year)s/%(next)s") % {
            "municipality": self.municipality, "year": self.year, "next": self.year + 1}

    def get_absolute_url(self) -> str:
        return reverse("visits:schedule", kwargs={"pk": self.pk})

    @property
    def starts_on(self) -> date:
        return date(self.year, 9, 1)

    @property
    def ends_on(self) -> date:
        return date(self.year + 1, 8, 31)


class Visit(models.Model):
    """A methodical visit (методический выезд) to a school, planned in the schedule and reported after."""

    class Reason(models.TextChoices):
        LOW_RESULTS = "low_results", _("low educational results (ШНОР)")
        DIFFICULT_CONDITIONS = "difficult_conditions", _("difficult social conditions")
        SMALL_SCHOOL = "small_school", _("small school")
        OTHER = "other", _("other methodical support")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("carried out")
        CANCELLED = "cancelled", _("cancelled")

    schedule = models.ForeignKey(VisitSchedule, models.PROTECT, related_name="visits", verbose_name=_("schedule"))
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="methodical_visits",
                                     verbose_name=_("organisation"))
    reason = models.CharField(_("reason"), max_length=25, choices=Reason.choices, default=Reason.LOW_RESULTS)
    purpose = models.CharField(_("purpose of the visit"), max_length=500)
    planned_on = models.DateField(_("planned date"))
    methodists = models.ManyToManyField("accounts.User", related_name="methodical_visits",
                                        verbose_name=_("methodists"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    visited_on = models.DateField(_("date of the visit"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    report = models.TextField(_("report of the visit"), blank=True)
    reported_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    history = audited_history(m2m_fields=[methodists])

    scope_lookups = {"organisation": "organisation", "municipality": "schedule__municipality",
                     "region": "schedule__municipality__region"}

    class Meta:
        verbose_name = _("methodical visit")
        verbose_name_plural = _("methodical visits")
        ordering = ["planned_on", "organisation__short_name"]
        indexes = [models.Index(fields=["schedule", "planned_on"]),
                   models.Index(fields=["organisation", "planned_on"])]

    def __str__(self) -> str:
        return _("Visit to %(organisation)s on %(date)s") % {
            "organisation": self.organisation.short_name, "date": self.planned_on.strftime("%d.%m.%Y")}

    def get_absolute_url(self) -> str:
        return reverse("visits:visit", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        schedule = self.schedule if self.schedule_id else None
        if schedule and self.organisation_id and self.organisation.municipality_id != schedule.municipality_id:
            errors["organisation"] = _("The organisation is not in the schedule's municipality.")
        if schedule and self.planned_on and not schedule.starts_on <= self.planned_on <= schedule.ends_on:
            errors["planned_on"] = _("The date is outside the schedule's academic year (%(start)s–%(end)s).") % {
                "start": schedule.starts_on.strftime("%d.%m.%Y"), "end": schedule.ends_on.strftime("%d.%m.%Y")}
        if errors:
            raise ValidationError(errors)

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED


class Recommendation(models.Model):
    """An addressed recommendation (адресная рекомендация) a visit leaves to an organisation [004:67]; the
    organisation reports what it did about it."""

    class Status(models.TextChoices):
        OPEN = "open", _("awaiting execution")
        DONE = "done", _("done")

    visit = models.ForeignKey(Visit, models.CASCADE, related_name="recommendations", verbose_name=_("visit"))
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="visit_recommendations",
                                     verbose_name=_("addressed to"))
    text = models.TextField(_("recommendation"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name=_("given by"))
    created_at = models.DateTimeField(_("given"), default=timezone.now, editable=False)
    execution = models.TextField(_("what was done"), blank=True)
    executed_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("reported by"))
    executed_at = models.DateTimeField(_("execution reported"), null=True, blank=True)
    history = audited_history()

    scope_lookups = {"organisation": "organisation", "municipality": "organisation__municipality",
                     "region": "organisation__municipality__region"}

    class Meta:
        verbose_name = _("addressed recommendation")
        verbose_name_plural = _("addressed recommendations")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]
        constraints = [models.CheckConstraint(
            condition=models.Q(status="open") | ~models.Q(execution=""), name="done_recommendation_has_a_report")]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def get_absolute_url(self) -> str:
        return reverse("visits:recommendation", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class Consultation(models.Model):
    """A consultation for teachers, heads or parents [000:130; 001:100-101; 002:135-137; 004:66]."""

    class Audience(models.TextChoices):
        TEACHERS = "teachers", _("teachers")
        HEADS = "heads", _("heads of organisations")
        PARENTS = "parents", _("parents (legal representatives)")

    class Form(models.TextChoices):
        INDIVIDUAL = "individual", _("individual")
        GROUP = "group", _("group")
        ONLINE = "online", _("online")
        PHONE = "phone", _("by phone")
        WRITTEN = "written", _("written")

    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="consultations",
                                     verbose_name=_("municipality"))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    topic = models.CharField(_("topic"), max_length=500)
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, default=Form.INDIVIDUAL)
    held_at = models.DateTimeField(_("held"))
    consulted_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="consultations_given",
                                     verbose_name=_("consulted by"))
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, null=True, blank=True,
                                     related_name="consultations", verbose_name=_("organisation consulted"))
    people = models.ManyToManyField("accounts.User", blank=True, related_name="consultations_received",
                                    verbose_name=_("people consulted"))
    whom = models.CharField(_("whom (as said)"), max_length=500, blank=True,
                            help_text=_("Who was consulted when they are not people of the service, e.g. parents."))
    attendees = models.PositiveSmallIntegerField(_("number of people"), default=1, validators=[MinValueValidator(1)])
    visit = models.ForeignKey(Visit, models.SET_NULL, null=True, blank=True, related_name="consultations",
                              verbose_name=_("during the visit"))
    # Post-course support [003:232-238]: the course this consultation follows up.
    follows_course = models.ForeignKey("courses.Course", models.SET_NULL, null=True, blank=True,
                                       related_name="follow_up_consultations", verbose_name=_("follows up the course"))
    notes = models.TextField(_("notes"), blank=True)
    history = audited_history(m2m_fields=[people])

    scope_lookups = {"organisation": "organisation", "municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-held_at"]
        indexes = [models.Index(fields=["municipality", "held_at"]),
                   models.Index(fields=["organisation", "held_at"])]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("visits:consultation", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if (self.organisation_id and self.municipality_id
                and self.organisation.municipality_id != self.municipality_id):
            raise ValidationError({"organisation": _("The organisation is not in the consultation's municipality.")})
