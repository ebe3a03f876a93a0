"""Further training courses (КПК, domain.md §2.7): who provides them, the programmes, each teacher's completions
with their certificates, the schools' course needs for a year and the municipality's plan consolidated from them
([002:143-145, 225, 239]; [003:232-243]).

Nothing here is approved: these are registers, each row keeping who entered it and its history. Post-course
support lives with the records that give it: `events.Event.follows_course` and
`visits.Consultation.follows_course` point at the `Course` they follow up (`follow_up_events`,
`follow_up_consultations`).
"""
from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from workflows.models import StoredFile

MIN_HOURS, MAX_HOURS = 1, 1000
HOURS_MESSAGE = _("A programme has from 1 to 1000 hours.")


class Provider(models.Model):
    """An organisation that teaches further training programmes, in a region's reference list [003:242]."""

    class Kind(models.TextChoices):
        REGIONAL_INSTITUTE = "regional_institute", _("regional institute of further training")
        ACADEMY = "academy", _("Academy of the Ministry of Education")
        CNPPM = "cnppm", _("centre for continuous professional development (ЦНППМ)")
        OTHER = "other", _("other provider")

    region = models.ForeignKey("accounts.Region", models.PROTECT, related_name="course_providers",
                               verbose_name=_("region"))
    name = models.CharField(_("full name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    active = models.BooleanField(_("in the list"), default=True)
    history = audited_history()

    scope_lookups = {"region": "region"}

    class Meta:
        verbose_name = _("course provider")
        verbose_name_plural = _("course providers")
        ordering = ["region", "short_name"]
        constraints = [models.UniqueConstraint(fields=["region", "short_name"], name="one_provider_name_a_region")]

    def __str__(self) -> str:
        return self.short_name


class Focus(models.TextChoices):
    """What a programme develops; ICT is counted on its own [003:243]."""

    ICT = "ict", _("ICT competences")
    TALENTS = "talents", _("work with gifted children")
    FGOS = "fgos", _("updated federal standards (ФГОС)")
    INCLUSION = "inclusion", _("inclusive education")
    MANAGEMENT = "management", _("management in education")
    SUBJECT = "subject", _("subject and methodical competences")
    UPBRINGING = "upbringing", _("upbringing")
    OTHER = "other", _("other")


class Course(models.Model):
    """A further training programme of a provider: its title, hours and focus."""

    provider = models.ForeignKey(Provider, models.PROTECT, related_name="courses", verbose_name=_("provider"))
    title = models.CharField(_("programme"), max_length=500)
    hours = models.PositiveSmallIntegerField(_("hours"), validators=[
        MinValueValidator(MIN_HOURS, HOURS_MESSAGE), MaxValueValidator(MAX_HOURS, HOURS_MESSAGE)])
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices)
    created_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                   editable=False, verbose_name=_("entered by"))
    created_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = {"region": "provider__region"}

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title", "hours"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "title", "hours"], name="one_programme_of_a_provider"),
            models.CheckConstraint(condition=Q(hours__gte=MIN_HOURS, hours__lte=MAX_HOURS), name="course_hours_1_1000"),
        ]

    def __str__(self) -> str:
        return _("%(title)s (%(provider)s, %(hours)s h)") % {
            "title": self.title, "provider": self.provider, "hours": self.hours}

    def get_absolute_url(self) -> str:
        return reverse("courses:course", kwargs={"pk": self.pk})


class CourseCompletion(models.Model):
    """A teacher's completed course, with the certificate (удостоверение) they received.

    The organisation and municipality are the teacher's when it is entered, so the record stays with the
    school that sent them when they move on."""

    person = models.ForeignKey("accounts.User", models.PROTECT, related_name="course_completions",
                               verbose_name=_("teacher"))
    course = models.ForeignKey(Course, models.PROTECT, related_name="completions", verbose_name=_("course"))
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="course_completions",
                                     editable=False, verbose_name=_("organisation"))
    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="course_completions",
                                     editable=False, verbose_name=_("municipality"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    need = models.ForeignKey("courses.CourseNeed", models.SET_NULL, null=True, blank=True,
                             related_name="completions", verbose_name=_("course need it meets"))
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", editable=False,
                                    verbose_name=_("entered by"))
    recorded_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = {"organisation": "organisation", "municipality": "municipality",
                     "region": "municipality__region"}

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        ordering = ["-ends_on", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "course", "starts_on"], name="one_completion_a_start",
                                    violation_error_message=_(
                                        "This teacher's completion of this course from this date is already recorded.")),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="completion_ends_after_start"),
        ]
        indexes = [models.Index(fields=["municipality", "-ends_on"]),
                   models.Index(fields=["organisation", "-ends_on"])]

    def __str__(self) -> str:
        return _("%(person)s: %(course)s") % {"person": self.person, "course": self.course.title}

    def get_absolute_url(self) -> str:
        return reverse("courses:completion", kwargs={"pk": self.pk})

    @property
    def year(self) -> int:
        return self.ends_on.year


class CertificateFile(StoredFile):
    """The scan of the certificate of a completion, downloaded only by whoever may see the completion."""

    upload_folder = "courses"

    completion = models.OneToOneField(CourseCompletion, models.CASCADE, related_name="certificate",
                                      verbose_name=_("course completion"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("certificate file")
        verbose_name_plural = _("certificate files")


class CourseNeed(models.Model):
    """What a school asks of the year's courses: a focus and topic, for how many of its teachers or for named
    ones [002:143, 239]."""

    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="course_needs",
                                     verbose_name=_("organisation"))
    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="course_needs",
                                     editable=False, verbose_name=_("municipality"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices)
    topic = models.CharField(_("topic"), max_length=300)
    teachers_count = models.PositiveSmallIntegerField(_("number of teachers"), validators=[
        MinValueValidator(1, _("At least one teacher.")), MaxValueValidator(1000, _("At most 1000 teachers."))])
    people = models.ManyToManyField("accounts.User", blank=True, related_name="course_needs",
                                    verbose_name=_("named teachers"))
    comment = models.TextField(_("comment"), blank=True)
    submitted_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", editable=False,
                                     verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    history = audited_history(m2m_fields=[people])

    scope_lookups = {"organisation": "organisation", "municipality": "municipality",
                     "region": "municipality__region"}

    class Meta:
        verbose_name = _("course need")
        verbose_name_plural = _("course needs")
        ordering = ["-year", "organisation__short_name", "focus"]
        indexes = [models.Index(fields=["municipality", "year"])]

    def __str__(self) -> str:
        return _("%(organisation)s, %(year)s: %(topic)s") % {
            "organisation": self.organisation.short_name, "year": self.year, "topic": self.topic}


class CoursePlan(models.Model):
    """The municipality's course plan for a year, consolidated by the methodical centre from the schools' needs."""

    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="course_plans",
                                     verbose_name=_("municipality"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    note = models.TextField(_("note"), blank=True)
    consolidated_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", editable=False,
                                        verbose_name=_("consolidated by"))
    consolidated_at = models.DateTimeField(_("consolidated"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = {"municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("course plan")
        verbose_name_plural = _("course plans")
        ordering = ["-year", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="one_course_plan_a_year")]

    def __str__(self) -> str:
        return _("Course plan of %(municipality)s for %(year)s") % {
            "municipality": self.municipality, "year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("courses:plan", kwargs={"pk": self.pk})


class CoursePlanItem(models.Model):
    """One line of the plan: a focus and topic with the teachers and schools whose needs it gathers, and the
    programme chosen to meet it."""

    plan = models.ForeignKey(CoursePlan, models.CASCADE, related_name="items", verbose_name=_("plan"))
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices)
    topic = models.CharField(_("topic"), max_length=300)
    teachers_count = models.PositiveIntegerField(_("number of teachers"))
    organisations_count = models.PositiveIntegerField(_("number of organisations"))
    needs = models.ManyToManyField(CourseNeed, related_name="plan_items", verbose_name=_("needs"))
    course = models.ForeignKey(Course, models.SET_NULL, null=True, blank=True, related_name="plan_items",
                               verbose_name=_("programme"))
    history = audited_history(m2m_fields=[needs])

    scope_lookups = {"municipality": "plan__municipality", "region": "plan__municipality__region"}

    class Meta:
        verbose_name = _("course plan item")
        verbose_name_plural = _("course plan items")
        ordering = ["plan", "focus", "topic"]
        constraints = [models.UniqueConstraint(fields=["plan", "focus", "topic"], name="one_plan_item_a_topic")]

    def __str__(self) -> str:
        return f"{self.get_focus_display()}: {self.topic}"
