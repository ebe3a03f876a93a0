"""The methodical material (методический материал) and its files (domain.md §2.3); its experts and reviews
are `scoring`'s."""
from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from accounts.history import audited_history
from scoring.models import ExpertAssignment
from workflows.models import Case, StoredFile


class MaterialKind(models.TextChoices):
    DEVELOPMENT = "development", _("methodical development")
    PROGRAMME = "programme", _("programme")
    DIDACTIC = "didactic", _("didactic material")
    RESEARCH = "research", _("research work")
    INNOVATIVE = "innovative", _("innovative product")


class EducationLevel(models.TextChoices):
    PRESCHOOL = "preschool", _("preschool education")
    PRIMARY = "primary", _("primary general education")
    BASIC = "basic", _("basic general education")
    SECONDARY = "secondary", _("secondary general education")
    SUPPLEMENTARY = "supplementary", _("supplementary education")


class PracticeStage(models.TextChoices):
    """The lifecycle of a practice [000:244]."""

    IDENTIFIED = "identified", _("identification")
    GENERALISED = "generalised", _("generalisation")
    DISSEMINATED = "disseminated", _("dissemination")
    REPLICATED = "replicated", _("replication")
    IMPLEMENTED = "implemented", _("implementation")


class Material(Case):
    number_prefix = "МАТ"

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CHECK = "check", _("under completeness check")
        RETURNED = "returned", _("returned for revision")
        EXPERT_ASSIGNMENT = "expert_assignment", _("experts being assigned")
        EXPERTISE = "expertise", _("under expertise")
        DECISION = "decision", _("awaiting decision")
        REVISION = "revision", _("being revised after expertise")
        PUBLISHED = "published", _("published in the bank")
        REJECTED = "rejected", _("rejected")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("type"), max_length=20, choices=MaterialKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    level = models.CharField(_("level of education"), max_length=20, choices=EducationLevel.choices)
    annotation = models.TextField(_("annotation"))
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    co_authors = models.ManyToManyField("accounts.User", blank=True, related_name="co_authored_materials",
                                        verbose_name=_("co-authors"))
    route = models.ForeignKey("routes.IndividualRoute", models.SET_NULL, null=True, blank=True,
                              related_name="materials", verbose_name=_("product of the route"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    expertise_round = models.PositiveSmallIntegerField(_("expertise round"), default=0)
    practice_stage = models.CharField(_("stage of the practice"), max_length=20, choices=PracticeStage.choices,
                                      blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    adopted_by = models.ManyToManyField("accounts.Organisation", blank=True, related_name="adopted_practices",
                                        verbose_name=_("adopted by"))
    # The experts of every round (`scoring`); `ExpertAssignment.objects.filter(material=…)` reads them too.
    assignments = GenericRelation(ExpertAssignment, related_query_name="material")
    history = audited_history(m2m_fields=[co_authors, adopted_by])

    class Meta:
        verbose_name = _("methodical material")
        verbose_name_plural = _("methodical materials")
        ordering = ["-created_at"]
        # The case lists: a municipality's materials, of a status or all, newest first.
        indexes = [models.Index(fields=["municipality", "status", "-created_at"]),
                   models.Index(fields=["municipality", "-created_at"]),
                   # the start page counts the cases in scope by status and step from the index alone
                   models.Index(fields=["municipality", "status", "current_step"])]

    def get_absolute_url(self) -> str:
        return reverse("materials:detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED, self.Status.REVISION)

    def authors(self) -> list:
        return [self.author, *self.co_authors.all()]


class MaterialProcess(Process):
    class Meta:
        proxy = True
        verbose_name = _("expertise process")
        verbose_name_plural = _("expertise processes")


class MaterialFile(StoredFile):
    """A file of one version of the material; every version is kept."""

    upload_folder = "materials"

    material = models.ForeignKey(Material, models.CASCADE, related_name="files", verbose_name=_("material"))
    version = models.PositiveSmallIntegerField(_("version"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("material file")
        verbose_name_plural = _("material files")
        ordering = ["version", "pk"]
