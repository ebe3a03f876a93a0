"""The application for a site's status (заявка на статус площадки), its project and the expert council's
protocol (domain.md §2.4)."""
from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from accounts.history import audited_history
from scoring.models import ExpertAssignment
from workflows.models import Case, StoredFile

from .calls import Call, SiteKind

MIN_TERM_YEARS, MAX_TERM_YEARS = 1, 3  # domain.md §2.4: status for 1–3 years
TERM_MESSAGE = _("The term of the project is from 1 to 3 years.")


class SiteApplication(Case):
    number_prefix = "ПЛЩ"

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CHECK = "check", _("under completeness check")
        RETURNED = "returned", _("returned for revision")
        EXPERT_ASSIGNMENT = "expert_assignment", _("experts being assigned")
        EXPERTISE = "expertise", _("scored by the expert council")
        PROTOCOL = "protocol", _("awaiting the council's protocol")
        ORDER = "order", _("awaiting the department's order")
        GRANTED = "granted", _("status granted")
        REFUSED = "refused", _("status refused")
        REJECTED = "rejected", _("rejected")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    call = models.ForeignKey(Call, models.PROTECT, related_name="applications", verbose_name=_("call"))
    kind = models.CharField(_("kind of site"), max_length=20, choices=SiteKind.choices)
    topic = models.CharField(_("topic"), max_length=500)
    relevance = models.TextField(_("relevance"))
    goals = models.TextField(_("goals"))
    tasks = models.TextField(_("tasks"))
    expected_results = models.TextField(_("expected results"))
    resources = models.TextField(_("resources"))
    term_years = models.PositiveSmallIntegerField(_("term, years"), validators=[
        MinValueValidator(MIN_TERM_YEARS, TERM_MESSAGE), MaxValueValidator(MAX_TERM_YEARS, TERM_MESSAGE)])
    team = models.ManyToManyField("accounts.User", blank=True, related_name="site_projects",
                                  verbose_name=_("project team"))
    partner_organisations = models.ManyToManyField("accounts.Organisation", blank=True, related_name="+",
                                                   verbose_name=_("partner organisations"))
    partners = models.TextField(_("other partners (universities, institutions)"), blank=True)
    # An extension: the application that continues a site whose term ends.
    extends = models.ForeignKey("platforms.Site", models.PROTECT, null=True, blank=True,
                                related_name="extension_applications", verbose_name=_("extends the site"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    expertise_round = models.PositiveSmallIntegerField(_("expertise round"), default=0)
    assignments = GenericRelation(ExpertAssignment, related_query_name="site_application")
    history = audited_history(m2m_fields=[team, partner_organisations])

    class Meta:
        verbose_name = _("application for a site's status")
        verbose_name_plural = _("applications for a site's status")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["municipality", "status", "-created_at"]),
                   models.Index(fields=["municipality", "-created_at"]),
                   # the start page counts the cases in scope by status and step from the index alone
                   models.Index(fields=["municipality", "status", "current_step"])]

    def get_absolute_url(self) -> str:
        return reverse("site_applications:detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def subject(self) -> str:
        """What experts are matched by (`scoring.propose_experts`)."""
        return self.topic

    def authors(self) -> list:
        """The applicant and the project team: none of them, nor anyone of the applicant's organisation, scores it."""
        return [self.author, *self.team.all()]


class ProjectStage(models.Model):
    """A stage of the project with its dates and results."""

    application = models.ForeignKey(SiteApplication, models.CASCADE, related_name="stages",
                                    verbose_name=_("application"))
    position = models.PositiveSmallIntegerField(_("stage"), default=1)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    results = models.TextField(_("results of the stage"), blank=True)
    history = audited_history()

    class Meta:
        verbose_name = _("stage of the project")
        verbose_name_plural = _("stages of the project")
        ordering = ["application", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A stage cannot end before it starts.")})


class SiteApplicationProcess(Process):
    class Meta:
        proxy = True
        verbose_name = _("site status process")
        verbose_name_plural = _("site status processes")


class SiteApplicationFile(StoredFile):
    upload_folder = "sites"

    application = models.ForeignKey(SiteApplication, models.CASCADE, related_name="files",
                                    verbose_name=_("application"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("file of an application")
        verbose_name_plural = _("files of applications")
        ordering = ["version", "pk"]


class CouncilProtocol(models.Model):
    """The expert council's protocol of a meeting on one application: who was present, the votes and the
    recommendation to the department."""

    class Recommendation(models.TextChoices):
        GRANT = "grant", _("grant the status")
        REFUSE = "refuse", _("refuse the status")
        RETURN = "return", _("return for revision")

    application = models.ForeignKey(SiteApplication, models.PROTECT, related_name="protocols",
                                    verbose_name=_("application"))
    number = models.CharField(_("number"), max_length=40)
    date = models.DateField(_("date of the meeting"))
    members_present = models.ManyToManyField("accounts.User", related_name="+", verbose_name=_("members present"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"))
    votes_against = models.PositiveSmallIntegerField(_("votes against"))
    votes_abstained = models.PositiveSmallIntegerField(_("abstained"))
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation.choices)
    text = models.TextField(_("decision of the council"), blank=True)
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name=_("secretary"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    history = audited_history(m2m_fields=[members_present])

    class Meta:
        verbose_name = _("protocol of the expert council")
        verbose_name_plural = _("protocols of the expert council")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return _("Protocol No. %(number)s of %(date)s") % {"number": self.number,
                                                          "date": self.date.strftime("%d.%m.%Y")}
