from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    """Methodical visits to low-result schools (ШНОР) and schools in difficult conditions with addressed
    recommendations and their execution; consultations."""

    name = "visits"
    verbose_name = _("Visits and consultations")
