"""Levels of events, competitions and presentations (domain.md §4; «межрегиональный» [000:119])."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    ORGANISATION = "organisation", _("organisation")
    MUNICIPAL = "municipal", _("municipal")
    INTERMUNICIPAL = "intermunicipal", _("intermunicipal")
    REGIONAL = "regional", _("regional")
    INTERREGIONAL = "interregional", _("interregional")
    FEDERAL = "federal", _("federal")
    INTERNATIONAL = "international", _("international")
