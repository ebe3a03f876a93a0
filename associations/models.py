"""Methodical associations at work (domain.md §1; [000:325, 001:435-445, 002:150, 002:227, 002:241]).

An association itself (ШМО of a school; ММО/РМО/ГМО of a municipality, by subject or direction, with its
head) is `accounts.Association`, the scope a role may be held in; `Association` here is the same row
seen by this register, which adds its members, the year's plan of meetings built on the members'
deficits, and the meetings with their agenda, protocol (attendance, decisions) and files.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import models as accounts
from accounts.history import audited_history
from routes.models import CompetenceArea
from workflows.models import StoredFile

FIRST_YEAR, LAST_YEAR = 2000, 2100

THROUGH_ASSOCIATION = {
    "association": "association",
    "organisation": "association__organisation",
    "municipality": "association__municipality",
    "region": "association__municipality__region",
}


def _prefixed(lookups: dict[str, str], prefix: str) -> dict[str, str]:
    return {scope: f"{prefix}__{path}" for scope, path in lookups.items()}


TERRITORY_ABBREVIATIONS = {
    accounts.Association.Territory.MUNICIPAL: _("MunMA"),
    accounts.Association.Territory.DISTRICT: _("DistMA"),
    accounts.Association.Territory.CITY: _("CityMA"),
}


class Association(accounts.Association):
    """A methodical association as the register sees it: the same table as the role scope."""

    class Meta:
        proxy = True
        verbose_name = _("methodical association")
        verbose_name_plural = _("methodical associations")

    def get_absolute_url(self) -> str:
        return reverse("associations:association", kwargs={"pk": self.pk})

    @property
    def abbreviation(self) -> str:
        """ШМО for a school's association; ММО, РМО or ГМО for a municipal, district or city one."""
        if self.level == self.Level.SCHOOL:
            return str(_("SchMA"))
        return str(TERRITORY_ABBREVIATIONS.get(self.territory, _("MunMA")))


class Membership(accounts.ValidityPeriod):
    """A person in an association from a date, optionally until one; the head is `Association.head`."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        DEPUTY = "deputy", _("deputy head")
        SECRETARY = "secretary", _("secretary")

    association = models.ForeignKey(Association, models.PROTECT, related_name="memberships",
                                    verbose_name=_("association"))
    person = models.ForeignKey("accounts.User", models.PROTECT, related_name="association_memberships",
                               verbose_name=_("member"))
    role = models.CharField(_("role in the association"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    added_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", editable=False,
                                 verbose_name=_("added by"))
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = THROUGH_ASSOCIATION

    class Meta:
        verbose_name = _("membership of an association")
        verbose_name_plural = _("memberships of associations")
        ordering = ["association", "person__last_name", "person__first_name", "pk"]
        constraints = [
            accounts.ValidityPeriod.period_constraint("association_membership_valid_period"),
            models.UniqueConstraint(
                fields=["association", "person"], condition=Q(valid_until__isnull=True),
                name="association_membership_one_open",
                violation_error_message=_("This person is already a member of the association."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.association}"


class MeetingPlan(models.Model):
    """An association's plan of meetings for a calendar year, drawn up on the members' deficits [001:435]."""

    association = models.ForeignKey(Association, models.PROTECT, related_name="plans", verbose_name=_("association"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)])
    theme = models.CharField(_("methodical theme of the year"), max_length=500, blank=True)
    drawn_up_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", editable=False,
                                    verbose_name=_("drawn up by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = audited_history()

    scope_lookups = THROUGH_ASSOCIATION

    class Meta:
        verbose_name = _("plan of meetings")
        verbose_name_plural = _("plans of meetings")
        ordering = ["-year", "association__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year"], name="association_plan_one_per_year",
                violation_error_message=_("The association already has a plan for this year."),
            ),
            models.CheckConstraint(name="association_plan_year_range",
                                   condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR)),
        ]

    def __str__(self) -> str:
        return _("Plan of meetings for %(year)s: %(association)s") % {"year": self.year,
                                                                       "association": self.association}

    def get_absolute_url(self) -> str:
        return reverse("associations:plan", kwargs={"pk": self.pk})


class PlannedMeeting(models.Model):
    """A meeting of the plan: when, on what topic, and which of the members' deficits it addresses."""

    plan = models.ForeignKey(MeetingPlan, models.CASCADE, related_name="items", verbose_name=_("plan"))
    planned_on = models.DateField(_("planned date"))
    topic = models.CharField(_("topic"), max_length=500)
    area = models.CharField(_("competence area"), max_length=20, choices=CompetenceArea.choices, blank=True)
    deficits = models.ManyToManyField("routes.Deficit", blank=True, related_name="+",
                                      verbose_name=_("members' deficits addressed"))
    history = audited_history(m2m_fields=[deficits])

    scope_lookups = _prefixed(THROUGH_ASSOCIATION, "plan")

    class Meta:
        verbose_name = _("planned meeting")
        verbose_name_plural = _("planned meetings")
        ordering = ["plan", "planned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.planned_on:%d.%m.%Y} — {self.topic}"

    def clean(self) -> None:
        plan = self.plan if PlannedMeeting.plan.is_cached(self) or self.plan_id else None
        if plan and self.planned_on and self.planned_on.year != plan.year:
            raise ValidationError({"planned_on": _("The date is outside the plan's year.")})


class Meeting(models.Model):
    """A meeting of an association: announced with its agenda, its protocol recorded once it is held."""

    association = models.ForeignKey(Association, models.PROTECT, related_name="meetings",
                                    verbose_name=_("association"))
    planned = models.OneToOneField(PlannedMeeting, models.SET_NULL, null=True, blank=True, related_name="meeting",
                                   verbose_name=_("meeting of the plan"))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place or link"), max_length=500, blank=True)
    agenda = models.TextField(_("agenda"))
    decisions = models.TextField(_("decisions"), blank=True)
    protocol_recorded_at = models.DateTimeField(_("protocol recorded"), null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", editable=False,
                                    verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = audited_history()

    scope_lookups = THROUGH_ASSOCIATION

    class Meta:
        verbose_name = _("meeting of an association")
        verbose_name_plural = _("meetings of associations")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["association", "held_on"])]

    def __str__(self) -> str:
        return f"{self.association} — {self.held_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("associations:meeting", kwargs={"pk": self.pk})

    @property
    def is_held(self) -> bool:
        """Has the day of the meeting come, so that its protocol may be recorded?"""
        return self.held_on <= timezone.localdate()

    @property
    def has_protocol(self) -> bool:
        return self.protocol_recorded_at is not None


class Attendance(models.Model):
    """Whether a member was present at a meeting: a line of its protocol."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendance", verbose_name=_("meeting"))
    person = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name=_("member"))
    present = models.BooleanField(_("present"))
    history = audited_history()

    scope_lookups = _prefixed(THROUGH_ASSOCIATION, "meeting")

    class Meta:
        verbose_name = _("attendance at a meeting")
        verbose_name_plural = _("attendance at meetings")
        ordering = ["meeting", "person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="association_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person}: {_('present') if self.present else _('absent')}"


class MeetingFile(StoredFile):
    upload_folder = "associations"

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="files", verbose_name=_("meeting"))
    uploaded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", editable=False,
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = _prefixed(THROUGH_ASSOCIATION, "meeting")

    class Meta:
        verbose_name = _("file of a meeting")
        verbose_name_plural = _("files of meetings")
        ordering = ["meeting", "uploaded_at", "pk"]
