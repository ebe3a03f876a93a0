"""The service's events (мероприятия, domain.md §2.7, §4; [000:258-276]): who organised them, who came.

An event is a register entry, not a process: nothing is approved. Teachers register themselves or are
registered by their school; attendance is marked after the event, and an attended registration earns a
certificate of participation and completes the ИОМ activity that points at the event.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.levels import Level
from workflows.models import StoredFile


class EventForm(models.TextChoices):
    """The forms of domain.md §4."""

    SEMINAR = "seminar", _("seminar")
    WORKSHOP = "workshop", _("practical seminar")
    WEBINAR = "webinar", _("webinar")
    TRAINING = "training", _("training")
    MASTER_CLASS = "master_class", _("master class")
    OPEN_LESSON = "open_lesson", _("open lesson")
    ROUND_TABLE = "round_table", _("round table")
    CONFERENCE = "conference", _("conference")
    READINGS = "readings", _("pedagogical readings")
    RALLY = "rally", _("rally")
    FORUM = "forum", _("forum")
    FESTIVAL = "festival", _("festival")
    INTERNSHIP = "internship", _("internship")
    CONSULTATION = "consultation", _("consultation")
    VISIT = "visit", _("methodical visit")
    ASSOCIATION_MEETING = "association_meeting", _("meeting of a methodical association")


class Audience(models.TextChoices):
    TEACHERS = "teachers", _("teachers")
    YOUNG_TEACHERS = "young_teachers", _("young teachers")
    HEADS = "heads", _("heads of organisations")
    METHODICAL_LEADS = "methodical_leads", _("heads of school methodical services")
    MENTORS = "mentors", _("mentors")
    PARENTS = "parents", _("parents")


class Organiser(models.TextChoices):
    CENTRE = "centre", _("the methodical centre")
    ASSOCIATION = "association", _("a methodical association")
    SCHOOL = "school", _("a school")
    SITE = "site", _("a site")


# Which field names the organiser of each kind (the centre is the municipality's own, it needs none).
ORGANISER_FIELDS = {Organiser.ASSOCIATION: "association", Organiser.SCHOOL: "organisation", Organiser.SITE: "site"}


class Event(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="events",
                                     verbose_name=_("municipality"))
    form = models.CharField(_("form"), max_length=30, choices=EventForm.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.MUNICIPAL)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    organiser = models.CharField(_("organiser"), max_length=20, choices=Organiser.choices, default=Organiser.CENTRE)
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, null=True, blank=True,
                                     related_name="organised_events", verbose_name=_("organising school"))
    association = models.ForeignKey("associations.Association", models.PROTECT, null=True, blank=True,
                                    related_name="organised_events", verbose_name=_("organising association"))
    site = models.ForeignKey("platforms.Site", models.PROTECT, null=True, blank=True,
                             related_name="organised_events", verbose_name=_("organising site"))
    methodist = models.ForeignKey("accounts.User", models.PROTECT, related_name="run_events",
                                  verbose_name=_("responsible methodist"))
    audience = models.CharField(_("target audience"), max_length=20, choices=Audience.choices,
                                default=Audience.TEACHERS)
    capacity = models.PositiveIntegerField(_("number of places"), null=True, blank=True,
                                           validators=[MinValueValidator(1), MaxValueValidator(100000)],
                                           help_text=_("Empty: no limit."))
    registration_deadline = models.DateTimeField(_("registration until"), null=True, blank=True,
                                                 help_text=_("Empty: until the event starts."))
    place = models.CharField(_("venue"), max_length=300, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    materials = models.TextField(_("materials"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    # Post-course support [003:232-238]: the course this event follows up.
    follows_course = models.ForeignKey("courses.Course", models.SET_NULL, null=True, blank=True,
                                       related_name="follow_up_events", verbose_name=_("follows up the course"))
    created_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", editable=False,
                                   verbose_name=_("entered by"))
    created_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = {"organisation": "organisation", "municipality": "municipality", "region": "municipality__region",
                     "association": "association"}

    class Meta:
        verbose_name = _("methodical event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["municipality", "starts_at"]),
                   models.Index(fields=["organisation", "starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event ends before it starts.")
        if self.registration_deadline and self.ends_at and self.registration_deadline > self.ends_at:
            errors["registration_deadline"] = _("Registration cannot close after the event ends.")
        if not self.place and not self.link:
            errors["place"] = _("Give the place or the link.")
        for kind, field in ORGANISER_FIELDS.items():
            named = getattr(self, f"{field}_id") is not None
            if self.organiser == kind and not named:
                errors[field] = _("Choose the organiser.")
        if errors:
            raise ValidationError(errors)

    @property
    def closes_at(self):
        """When registration closes: the deadline, or the start of the event."""
        return self.registration_deadline or self.starts_at

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())


class EventFile(StoredFile):
    """A material of the event (a presentation, a programme) for its participants."""

    upload_folder = "events"

    event = models.ForeignKey(Event, models.CASCADE, related_name="files", verbose_name=_("methodical event"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("material of an event")
        verbose_name_plural = _("materials of events")


class Registration(models.Model):
    """A person registered for an event, by themselves or by their school; after the event, whether they came."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations",
                              verbose_name=_("methodical event"))
    person = models.ForeignKey("accounts.User", models.PROTECT, related_name="event_registrations",
                               verbose_name=_("participant"))
    registered_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+",
                                      verbose_name=_("registered by"))
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    # The activity of the person's ИОМ this event stands for; their attendance completes it. The link lives
    # here, as an internship's does, so that routes imports nothing of events.
    activity = models.ForeignKey("routes.RouteActivity", models.SET_NULL, null=True, blank=True,
                                 related_name="event_registrations", verbose_name=_("activity of the route"))
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    marked_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("attendance marked by"))
    marked_at = models.DateTimeField(_("attendance marked"), null=True, blank=True)
    history = audited_history()

    scope_lookups = {"organisation": "person__organisation", "municipality": "event__municipality",
                     "region": "event__municipality__region"}

    class Meta:
        verbose_name = _("registration for an event")
        verbose_name_plural = _("registrations for events")
        ordering = ["event", "person__last_name", "person__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_registration_per_person")]
        indexes = [models.Index(fields=["person", "attended"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.event}"

    @property
    def certificate_number(self) -> str:
        return f"{self.event.starts_at:%Y}-{self.event_id:06d}-{self.pk:05d}"
