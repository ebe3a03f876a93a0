"""Professional competitions (domain.md §4): the competition, its level and its organising municipality."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.models import Municipality, Scope, role_permissions


class Level(models.TextChoices):
    """Levels of events and competitions (domain.md §4)."""

    ORGANISATION = "organisation", _("organisation")
    MUNICIPAL = "municipal", _("municipal")
    INTERMUNICIPAL = "intermunicipal", _("intermunicipal")
    REGIONAL = "regional", _("regional")
    FEDERAL = "federal", _("federal")
    INTERNATIONAL = "international", _("international")


class Competition(models.Model):
    """A professional competition [000:195-197, 002:153], e.g. «Учитель года»."""

    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.MUNICIPAL)
    year = models.PositiveSmallIntegerField(_("year"))
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="competitions", verbose_name=_("organising municipality")
    )
    history = audited_history()

    scope_lookups = {"competition": "pk", "municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        permissions = role_permissions(Scope.COMPETITION)
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name", "year"], name="competition_unique_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.year}"
