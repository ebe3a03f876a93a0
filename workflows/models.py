"""Processes of the methodical service: competitions first, as a scope for jury and committee roles."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.models import Municipality


class Level(models.TextChoices):
    """Levels of events and competitions (domain.md §4)."""

    ORGANISATION = "organisation", _("организация")
    MUNICIPAL = "municipal", _("муниципальный")
    INTERMUNICIPAL = "intermunicipal", _("межмуниципальный")
    REGIONAL = "regional", _("региональный")
    FEDERAL = "federal", _("федеральный")
    INTERNATIONAL = "international", _("международный")


class Competition(models.Model):
    """A professional competition [000:195-197, 002:153], e.g. «Учитель года»."""

    name = models.CharField(_("название"), max_length=300)
    level = models.CharField(_("уровень"), max_length=20, choices=Level.choices, default=Level.MUNICIPAL)
    year = models.PositiveSmallIntegerField(_("год"))
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="competitions", verbose_name=_("муниципалитет-организатор")
    )
    history = audited_history()

    scope_lookups = {"competition": "pk", "municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("конкурс")
        verbose_name_plural = _("конкурсы")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name", "year"], name="competition_unique_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.year}"
