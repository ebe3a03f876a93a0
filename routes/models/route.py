"""The individual educational route (ИОМ, domain.md §2.2) and its activities."""
from __future__ import annotations

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from viewflow import jsonstore
from viewflow.workflow.models import Process

from accounts.history import audited_history
from workflows.models.cases import Case


class PresentationLevel(models.TextChoices):
    SCHOOL = "school", _("school")
    MUNICIPAL = "municipal", _("municipal")
    REGIONAL = "regional", _("regional")
    FEDERAL = "federal", _("federal")
    COMPETITION = "competition", _("professional competition")
    NETWORK = "network", _("network event")


class ActivityForm(models.TextChoices):
    COURSE = "course", _("further training course (КПК)")
    INTERNSHIP = "internship", _("internship")
    SEMINAR = "seminar", _("seminar")
    WEBINAR = "webinar", _("webinar")
    MASTER_CLASS = "master_class", _("master class")
    ASSOCIATION_MEETING = "association_meeting", _("methodical association meeting")
    SELF_EDUCATION = "self_education", _("self-education")
    MENTORING = "mentoring", _("mentoring")
    COMPETITION = "competition", _("professional competition")
    PUBLICATION = "publication", _("publication")
    OPEN_LESSON = "open_lesson", _("open lesson")
    OTHER = "other", _("other")


class IndividualRoute(Case):
    """A teacher's personal path of professional growth for a period [001:292, 003:107-128, 003:237]."""

    number_prefix = "ИОМ"

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AGREEMENT = "agreement", _("under agreement")
        RETURNED = "returned", _("returned for revision")
        REJECTED = "rejected", _("rejected")
        IMPLEMENTATION = "implementation", _("being implemented")
        AMENDMENT = "amendment", _("amendment under agreement")
        EVALUATION = "evaluation", _("results under evaluation")
        REPORT_RETURNED = "report_returned", _("final report returned for revision")
        CLOSED = "closed", _("closed")

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("individual")
        GROUP = "group", _("group")

    class Result(models.TextChoices):
        COMPLETED = "completed", _("completed")
        PARTLY = "partly", _("partly completed")
        NOT_COMPLETED = "not_completed", _("not completed")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    kind = models.CharField(_("route type"), max_length=20, choices=Kind.choices, default=Kind.INDIVIDUAL)
    participants = models.ManyToManyField("accounts.User", blank=True, related_name="group_routes",
                                          verbose_name=_("group members"))
    mentor = models.ForeignKey("accounts.User", models.SET_NULL, null=True, blank=True, related_name="mentee_routes",
                               verbose_name=_("mentor"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    topic = models.CharField(_("self-education topic"), max_length=500)
    deficits = models.ManyToManyField("routes.Deficit", blank=True, related_name="routes",
                                      verbose_name=_("deficits addressed"))
    goals = models.TextField(_("goals"))
    expected_product = models.TextField(_("expected product"))
    presentation_level = models.CharField(_("where the product will be presented"), max_length=20,
                                          choices=PresentationLevel.choices)
    self_analysis = models.TextField(_("self-analysis"), blank=True)
    product = models.TextField(_("product"), blank=True)
    presentations = models.TextField(_("presentations of the product"), blank=True)
    result = models.CharField(_("evaluation"), max_length=20, choices=Result.choices, blank=True)
    history = audited_history(m2m_fields=[deficits])

    class Meta:
        verbose_name = _("individual educational route")
        verbose_name_plural = _("individual educational routes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(name="route_period_order", condition=models.Q(period_end__gte=models.F("period_start")))
        ]
        # The case lists: a municipality's or a school's routes, of a status or all, newest first.
        indexes = [models.Index(fields=["municipality", "status", "-created_at"]),
                   models.Index(fields=["municipality", "-created_at"]),
                   models.Index(fields=["organisation", "status", "-created_at"]),
                   # the start page counts the cases in scope by status and step from the index alone
                   models.Index(fields=["municipality", "status", "current_step"]),
                   models.Index(fields=["organisation", "status", "current_step"])]

    def get_absolute_url(self) -> str:
        return reverse("routes:route_detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        """The author edits the content only in draft or when it was returned to them."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})


class RouteProcess(Process):
    """The Viewflow process of a route; the route is its artifact.

    Beside the review round (`workflows.rounds`), a route's process knows the amendment in play: the one the
    teacher proposed (until its agreement round starts) and the one under agreement (until it is decided).
    """

    proposed_amendment = jsonstore.IntegerField(blank=True)
    amendment = jsonstore.IntegerField(blank=True)

    class Meta:
        proxy = True
        verbose_name = _("individual route process")
        verbose_name_plural = _("individual route processes")


def evidence_path(instance: "RouteActivity", filename: str) -> str:
    """A random folder, so no one finds the file by guessing; the activity has no field for the original
    name, so it stays the file's own name in that folder and is what the download is called."""
    return f"evidence/{uuid.uuid4().hex}/{PurePath(filename).name}"


class RouteActivity(models.Model):
    """A planned activity of the route; the teacher records it done with evidence."""

    route = models.ForeignKey(IndividualRoute, models.CASCADE, related_name="activities", verbose_name=_("route"))
    form = models.CharField(_("form"), max_length=30, choices=ActivityForm.choices)
    title = models.CharField(_("title"), max_length=300)
    provider = models.CharField(_("provider"), max_length=300, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    expected_result = models.CharField(_("expected result"), max_length=500, blank=True)
    amendment = models.PositiveSmallIntegerField(
        _("added by amendment no."), null=True, blank=True,
        help_text=_("Activities of an amendment take effect once the amendment is agreed."),
    )
    agreed = models.BooleanField(_("agreed"), default=False)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    evidence = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True, max_length=300)
    evidence_link = models.URLField(_("evidence link"), blank=True, max_length=500)
    methodist_comment = models.TextField(_("methodist's comment"), blank=True)
    history = audited_history()

    class Meta:
        verbose_name = _("route activity")
        verbose_name_plural = _("route activities")
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The activity ends before it starts.")
        route = self.route if self.route_id or type(self).route.is_cached(self) else None  # an unsaved route too
        route = route if route and route.period_start and route.period_end else None
        if route and self.starts_on and not route.period_start <= self.starts_on <= route.period_end:
            errors["starts_on"] = _("The date is outside the route's period.")
        if route and self.ends_on and not route.period_start <= self.ends_on <= route.period_end:
            errors["ends_on"] = _("The date is outside the route's period.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def mark_done(self) -> None:
        self.done_at = timezone.now()
