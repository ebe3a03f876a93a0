"""Orders of the department of education (приказ), a component every process that grants, assigns or
revokes something by order uses: site status, mentoring pairs, monitoring results, competition results.

An order has a number from its municipality's journal (gapless per year, typed numbers checked for reuse),
a date, a signatory and a subject; its items name the organisations (and, generically, the records) it
grants, extends or revokes, with their terms. Signed orders never change: a correction is a new order
that cites the old one ([002:250] documents are signed by the head of the department, with date and number).
"""
from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.models import Municipality, Organisation, User


class OrderIsSigned(ValidationError):
    """A signed order, or one of its items, was about to change: a correction is a new order instead."""

    def __init__(self) -> None:
        super().__init__(_("A signed order does not change: a correction is a new order that cites it."),
                         code="signed")


class OrderJournal(models.Model):
    """The municipality's journal of orders for a year: the last number it gave."""

    municipality = models.ForeignKey(Municipality, models.CASCADE, related_name="order_journals",
                                     verbose_name=_("municipality"))
    # An organisation that issues its own orders (a director's order on mentoring) keeps its own journal.
    organisation = models.ForeignKey(Organisation, models.CASCADE, null=True, blank=True,
                                     related_name="order_journals", verbose_name=_("organisation"))
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)
    suffix = models.CharField(_("number suffix"), max_length=20, default="-од", blank=True,
                              help_text=_("Added after the number, e.g. «-од» for orders on the main activity."))
    history = audited_history()

    class Meta:
        verbose_name = _("journal of orders")
        verbose_name_plural = _("journals of orders")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], condition=models.Q(organisation__isnull=True),
                                    name="order_journal_per_year"),
            models.UniqueConstraint(fields=["municipality", "organisation", "year"],
                                    condition=models.Q(organisation__isnull=False),
                                    name="organisation_order_journal_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or self.municipality} — {self.year}"


class Order(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")

    class Subject(models.TextChoices):
        SITE_STATUS = "site_status", _("status of a site")
        SITE_REVOCATION = "site_revocation", _("revocation of a site's status")
        MENTORING = "mentoring", _("mentoring pairs")
        MONITORING = "monitoring", _("results of monitoring")
        COMPETITION = "competition", _("results of a competition")
        OTHER = "other", _("other")

    municipality = models.ForeignKey(Municipality, models.PROTECT, related_name="orders",
                                     verbose_name=_("municipality"))
    issuer = models.ForeignKey(Organisation, models.PROTECT, null=True, blank=True, related_name="issued_orders",
                               verbose_name=_("issued by"))
    # The issuer's own order (a director's), numbered from its journal and signed by its director; otherwise
    # the department's.
    by_organisation = models.BooleanField(_("the organisation's own order"), default=False, editable=False)
    number = models.CharField(_("number"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=30, choices=Subject.choices)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    signatory = models.ForeignKey(User, models.PROTECT, related_name="signed_orders", verbose_name=_("signatory"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True, editable=False)
    corrects = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="corrections",
                                 verbose_name=_("corrects the order"))
    prepared_by = models.ForeignKey(User, models.PROTECT, related_name="prepared_orders",
                                    verbose_name=_("prepared by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = audited_history()

    scope_lookups = {"municipality": "municipality", "region": "municipality__region", "organisation": "issuer"}

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "number"],
                                    condition=models.Q(by_organisation=False),
                                    name="order_number_once_a_year"),
            models.UniqueConstraint(fields=["issuer", "year", "number"], condition=models.Q(by_organisation=True),
                                    name="organisation_order_number_once_a_year"),
            models.CheckConstraint(condition=models.Q(by_organisation=False) | models.Q(issuer__isnull=False),
                                   name="organisation_order_has_issuer"),
            models.CheckConstraint(condition=~models.Q(status="signed") | models.Q(signed_at__isnull=False),
                                   name="signed_order_has_signing_time"),
        ]
        indexes = [models.Index(fields=["municipality", "-date"])]

    def __str__(self) -> str:
        return _("Order No. %(number)s of %(date)s") % {"number": self.number, "date": self.date.strftime("%d.%m.%Y")}

    def get_absolute_url(self) -> str:
        return reverse("orders:detail", kwargs={"pk": self.pk})

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    def save(self, *args, **kwargs) -> None:
        if signed_in_database(self.pk):
            raise OrderIsSigned()
        self.year = self.date.year
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if signed_in_database(self.pk):
            raise OrderIsSigned()
        return super().delete(*args, **kwargs)


def signed_in_database(order_pk: int | None) -> bool:
    """Is the order signed as stored, whatever an instance in memory holds (signing itself saves a draft)?"""
    return order_pk is not None and Order.objects.filter(pk=order_pk, status=Order.Status.SIGNED).exists()


class OrderItem(models.Model):
    """What the order does to one organisation (and the record it names): grant, extend or revoke, for a term."""

    class Action(models.TextChoices):
        GRANT = "grant", _("grant")
        EXTEND = "extend", _("extend")
        REVOKE = "revoke", _("revoke")
        APPOINT = "appoint", _("appoint")
        APPROVE = "approve", _("approve")

    order = models.ForeignKey(Order, models.CASCADE, related_name="items", verbose_name=_("order"))
    position = models.PositiveSmallIntegerField(_("item"), default=1)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    organisation = models.ForeignKey(Organisation, models.PROTECT, null=True, blank=True,
                                     related_name="order_items", verbose_name=_("organisation"))
    text = models.TextField(_("wording"))
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    # The record the item acts on (a site, a mentoring pair…), named generically so orders depend on no process.
    content_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    history = audited_history()

    class Meta:
        verbose_name = _("item of an order")
        verbose_name_plural = _("items of orders")
        ordering = ["order", "position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        if signed_in_database(self.order_id):
            raise OrderIsSigned()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if signed_in_database(self.order_id):
            raise OrderIsSigned()
        return super().delete(*args, **kwargs)
