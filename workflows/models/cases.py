"""What every case has (domain.md §2): a number, an author, an organisation, a status, the current step
with its assignee and due date, the chain it started with, and its Viewflow process.

Process domain models (the ИОМ, the material, the application) inherit `Case`; the Viewflow process
names the case as its artifact and its tasks are the step log.
"""
from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .machinery import CaseCounter


def next_case_number(prefix: str) -> str:
    """`<prefix>-<year>-<000123>`, gapless per prefix and year; concurrent callers queue on the counter row."""
    year = timezone.localdate().year
    with transaction.atomic():
        CaseCounter.objects.get_or_create(prefix=prefix, year=year)
        counter = CaseCounter.objects.select_for_update().get(prefix=prefix, year=year)
        counter.value = F("value") + 1
        counter.save(update_fields=["value"])
        counter.refresh_from_db(fields=["value"])
    return f"{prefix}-{year}-{counter.value:06d}"


class Case(models.Model):
    number_prefix: str = ""

    number = models.CharField(_("number"), max_length=40, unique=True, editable=False)
    author = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name=_("author"))
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    municipality = models.ForeignKey("accounts.Municipality", models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    process = models.OneToOneField("viewflow.Process", models.SET_NULL, null=True, blank=True, editable=False,
                                   related_name="+")
    current_step = models.CharField(_("current step"), max_length=200, blank=True, editable=False)
    assignee = models.ForeignKey("accounts.User", models.SET_NULL, null=True, blank=True, related_name="+",
                                 editable=False, verbose_name=_("assignee"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True, editable=False)
    chain_version = models.PositiveIntegerField(_("chain version"), null=True, blank=True, editable=False)
    chain_steps = models.JSONField(_("chain steps"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope_lookups = {"organisation": "organisation", "municipality": "municipality", "region": "municipality__region"}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.number:
            self.number = next_case_number(self.number_prefix)
        if not self.municipality_id and self.organisation_id:
            self.municipality_id = self.organisation.municipality_id
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.number

    @property
    def is_overdue(self) -> bool:
        return self.due_at is not None and self.due_at < timezone.now()

    def steps_of(self, stage: str) -> list[dict]:
        return [step for step in self.chain_steps if step["stage"] == stage]
