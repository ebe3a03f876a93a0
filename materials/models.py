"""The methodical material (методический материал), its files, experts and reviews (domain.md §2.3)."""
from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from accounts.history import audited_history

from accounts.models import Municipality
from workflows.models import Case, safe_suffix


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


class Criterion(models.Model):
    """A criterion experts score a material against, with its maximum, configured per municipality."""

    municipality = models.ForeignKey(Municipality, models.CASCADE, related_name="criteria",
                                     verbose_name=_("municipality"))
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("criterion"), max_length=200)
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    history = audited_history()

    class Meta:
        verbose_name = _("expertise criterion")
        verbose_name_plural = _("expertise criteria")
        ordering = ["municipality", "order"]

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
    history = audited_history(m2m_fields=[co_authors, adopted_by])

    class Meta:
        verbose_name = _("methodical material")
        verbose_name_plural = _("methodical materials")
        ordering = ["-created_at"]
        # The case lists: a municipality's materials, of a status or all, newest first.
        indexes = [models.Index(fields=["municipality", "status", "-created_at"]),
                   models.Index(fields=["municipality", "-created_at"])]

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


def material_file_path(instance: "MaterialFile", filename: str) -> str:
    """A random name, so no one finds the file by guessing; `name` keeps the original for the download."""
    return f"materials/{uuid.uuid4().hex}{safe_suffix(filename)}"


class MaterialFile(models.Model):
    """A file of one version of the material; every version is kept."""

    material = models.ForeignKey(Material, models.CASCADE, related_name="files", verbose_name=_("material"))
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=material_file_path, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("material file")
        verbose_name_plural = _("material files")
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return self.name


class ExpertAssignment(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("assigned")
        DECLINED = "declined", _("declined")
        REVIEWED = "reviewed", _("review submitted")

    material = models.ForeignKey(Material, models.CASCADE, related_name="assignments", verbose_name=_("material"))
    expert = models.ForeignKey("accounts.User", models.PROTECT, related_name="expert_assignments",
                               verbose_name=_("expert"))
    round = models.PositiveSmallIntegerField(_("round"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    replacement = models.OneToOneField("self", models.SET_NULL, null=True, blank=True, related_name="replaces",
                                       verbose_name=_("replaced by"))
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return f"{self.material} — {self.expert} ({self.round})"


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
    text = models.TextField(_("review"))
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assignment__round", "pk"]

    def __str__(self) -> str:
        return f"{self.assignment.material}: {self.total}"
