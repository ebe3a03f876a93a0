"""The register of sites (реестр площадок) and their annual reports (domain.md §2.4; [000:314-324],
[002:232,246]): a status is granted by an order for a term and kept through a report every year of it."""
from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from accounts.history import audited_history
from workflows.models import StoredFile

from .calls import SiteKind, SiteLevel


class Site(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        EXTENDED = "extended", _("extended")
        CLOSED = "closed", _("closed at the end of the term")
        REVOKED = "revoked", _("revoked")

    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="sites",
                                     verbose_name=_("municipality"))
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="sites",
                                     verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=20, choices=SiteKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=SiteLevel.choices, default=SiteLevel.MUNICIPAL)
    topic = models.CharField(_("topic"), max_length=500)
    starts_on = models.DateField(_("status from"))
    ends_on = models.DateField(_("status until"))
    curator = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="curated_sites",
                                verbose_name=_("curator"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    application = models.OneToOneField("platforms.SiteApplication", models.PROTECT, null=True, blank=True,
                                       related_name="site", verbose_name=_("application"))
    granted_by = models.ForeignKey("orders.Order", models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("granted by the order"))
    revoked_by = models.ForeignKey("orders.Order", models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("revoked by the order"))
    # The site this one continues (its extension), and a regional or federal status's issuing body and document.
    continues = models.OneToOneField("self", models.PROTECT, null=True, blank=True, related_name="continued_by",
                                     verbose_name=_("continues the site"))
    issuing_body = models.CharField(_("issuing body"), max_length=300, blank=True)
    issuing_document = models.CharField(_("document granting the status"), max_length=300, blank=True)
    process = models.OneToOneField("viewflow.Process", models.SET_NULL, null=True, blank=True, editable=False,
                                   related_name="+")
    created_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)
    history = audited_history()

    scope_lookups = {"organisation": "organisation", "municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("register of sites")
        ordering = ["organisation__short_name", "-starts_on"]
        indexes = [models.Index(fields=["municipality", "status", "kind"]),
                   models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organisation.short_name} — {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("register:site", kwargs={"pk": self.pk})

    @property
    def is_current(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.EXTENDED)


class SiteProcess(Process):
    """The life of a site in the register: a report each year of its term, opened by a timer."""

    class Meta:
        proxy = True
        verbose_name = _("site term process")
        verbose_name_plural = _("site term processes")


class AnnualReport(models.Model):
    """A site's report for one year of its term, reviewed by the curator (accept / return)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        OPEN = "open", _("awaiting the report")
        SUBMITTED = "submitted", _("under review by the curator")
        RETURNED = "returned", _("returned for revision")
        ACCEPTED = "accepted", _("accepted")
        FAILED = "failed", _("not accepted")
        OVERDUE = "overdue", _("overdue")

    site = models.ForeignKey(Site, models.CASCADE, related_name="reports", verbose_name=_("site"))
    year_of_term = models.PositiveSmallIntegerField(_("year of the term"))
    opens_on = models.DateField(_("opens"))
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    text = models.TextField(_("report"), blank=True)
    results = models.TextField(_("results achieved"), blank=True)
    submitted_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    comment = models.TextField(_("curator's comment"), blank=True)
    history = audited_history()

    scope_lookups = {"organisation": "site__organisation", "municipality": "site__municipality",
                     "region": "site__municipality__region"}

    class Meta:
        verbose_name = _("annual report of a site")
        verbose_name_plural = _("annual reports of sites")
        ordering = ["site", "year_of_term"]
        constraints = [models.UniqueConstraint(fields=["site", "year_of_term"], name="one_report_a_year_of_term")]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return _("Report for year %(year)s: %(site)s") % {"year": self.year_of_term, "site": self.site}


class AnnualReportFile(StoredFile):
    upload_folder = "sites"

    report = models.ForeignKey(AnnualReport, models.CASCADE, related_name="files", verbose_name=_("report"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("file of an annual report")
        verbose_name_plural = _("files of annual reports")
