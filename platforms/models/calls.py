"""Kinds and levels of sites, and the department's call for projects (domain.md §2.4;
[000:65, 000:314-324], [002:232,246], [004:29,55,61,64])."""
from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.models import Municipality, User


class SiteKind(models.TextChoices):
    INNOVATION = "innovation", _("innovation site")
    BASE = "base", _("base site")
    INTERNSHIP = "internship", _("internship site")
    SUPPORT = "support", _("support site")
    PILOT = "pilot", _("pilot site")
    YOUNG_TEACHERS = "young_teachers", _("base site for young teachers")


class SiteLevel(models.TextChoices):
    """A municipal status is granted here; regional and federal ones are recorded from outside [000:314-324]."""

    MUNICIPAL = "municipal", _("municipal")
    REGIONAL = "regional", _("regional")
    FEDERAL = "federal", _("federal")


class Call(models.Model):
    """The department's call for projects (приём заявок), e.g. Slavyansk's February competition of
    innovation projects «Инновационный поиск»; no application is submitted after its deadline."""

    municipality = models.ForeignKey(Municipality, models.PROTECT, related_name="site_calls",
                                     verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=300)
    kinds = models.JSONField(_("kinds of sites"), default=list,
                             help_text=_("The kinds of sites the call accepts applications for."))
    description = models.TextField(_("terms of the call"), blank=True)
    opens_on = models.DateField(_("accepting from"))
    deadline = models.DateTimeField(_("deadline for applications"))
    # The criteria the expert council scores against: `scoring.Criterion` with purpose `criteria_purpose`.
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("announced by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = {"municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("call for site projects")
        verbose_name_plural = _("calls for site projects")
        ordering = ["-deadline"]
        indexes = [models.Index(fields=["municipality", "-deadline"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("site_applications:call", kwargs={"pk": self.pk})

    @property
    def criteria_purpose(self) -> str:
        return f"site_call:{self.pk}"

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.opens_on <= timezone.localdate(now) and now <= self.deadline

    def kind_labels(self) -> list[str]:
        return [str(SiteKind(kind).label) for kind in self.kinds if kind in SiteKind.values]
